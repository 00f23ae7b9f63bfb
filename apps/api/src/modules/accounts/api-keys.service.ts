import {
  type ApiKey,
  type ApiKeyCreated,
  ApiKeyScope,
  type CreateApiKeyBody,
  type Page,
} from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { AuthContext, Principal } from '../../http/auth-context';
import { AppError, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { generateToken, sha256 } from '../../shared/crypto';
import { isUuid } from '../../shared/ids';
import { recordAudit } from '../audit';
import { apiKeyRole, requireOrganizationPermission, requireTeamManager } from '../organizations';
import { createApiKeyCache } from './api-key-cache';
import * as repo from './api-keys.repository';

/** API keys carry a recognisable prefix so secret scanners and humans can spot a leaked one. */
export const API_KEY_PREFIX = 'zev_';
/** `lastUsedAt` is precise to this much: a key in constant use costs one write a minute, not one per request. */
export const API_KEY_TOUCH_INTERVAL_MS = 60_000;
/** What a key made without `scopes` (and every key made before scopes) may do. */
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = ['write'];

/** The stored text[] narrowed to known scopes: a value this version does not know grants nothing. */
const toScopes = (stored: readonly string[]): ApiKeyScope[] =>
  ApiKeyScope.options.filter((scope) => stored.includes(scope));

export function createApiKeysService(deps: {
  db: Db;
  clock: Clock;
  /** How long a verified key is trusted without reading it again (API_KEY_CACHE_SECONDS); 0 = never. */
  cacheMs?: number;
}) {
  const { db, clock } = deps;
  const cache = createApiKeyCache(clock, deps.cacheMs ?? 0);

  return {
    /**
     * The caller a Bearer key stands for, or undefined (401). Without a cache it is read on every
     * request: a revoked key, or one whose creator was removed or demoted below admin, fails on its
     * very next call. With one (`cacheMs`), such a key fails within `cacheMs` in every process, and
     * at once in the process that revoked it. Unknown keys are never cached: each costs a lookup.
     */
    async resolveApiKey(key: string): Promise<AuthContext | undefined> {
      if (!key.startsWith(API_KEY_PREFIX)) return undefined;
      const keyHash = sha256(key);
      const cached = cache.get(keyHash);
      if (cached) return cached;
      const found = await repo.findLiveApiKeyWithCreatorRole(db, keyHash);
      if (!found) return undefined;
      const role = apiKeyRole({ isRecorded: found.createdBy !== null, role: found.creatorRole });
      if (!role) return undefined;
      const now = clock.now();
      const staleBefore = new Date(now.getTime() - API_KEY_TOUCH_INTERVAL_MS);
      if (!found.lastUsedAt || found.lastUsedAt < staleBefore)
        await repo.touchApiKey(db, found.id, now, staleBefore);
      const auth = {
        kind: 'apiKey',
        apiKeyId: found.id,
        organizationId: found.organizationId,
        role,
        scopes: toScopes(found.scopes),
      } as const;
      cache.set(keyHash, auth);
      return auth;
    },

    async createApiKey(
      auth: Principal,
      organizationId: string,
      input: CreateApiKeyBody,
    ): Promise<ApiKeyCreated> {
      if (auth.kind !== 'session')
        throw new AppError('FORBIDDEN', 'API keys are created by a logged-in owner or admin');
      await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
      const key = `${API_KEY_PREFIX}${generateToken()}`;
      const created = await db.transaction(async (tx) => {
        const row = await repo.insertApiKey(tx, {
          organizationId,
          name: input.name,
          keyHash: sha256(key),
          prefix: key.slice(0, API_KEY_PREFIX.length + 6),
          // Recorded so the key stops with its creator's access (see resolveApiKey).
          createdBy: auth.userId,
          scopes: input.scopes ?? DEFAULT_API_KEY_SCOPES,
        });
        await recordAudit(tx, {
          organizationId,
          auth,
          action: 'api_key.create',
          targetType: 'api_key',
          targetId: row.id,
          details: { name: row.name, scopes: row.scopes },
        });
        return row;
      });
      return { id: created.id, name: created.name, key, scopes: toScopes(created.scopes) };
    },

    async listApiKeys(auth: Principal, organizationId: string): Promise<Page<ApiKey>> {
      await requireTeamManager(db, auth, organizationId);
      const rows = await repo.listLiveApiKeys(db, organizationId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          prefix: row.prefix,
          scopes: toScopes(row.scopes),
          createdAt: row.createdAt.toISOString(),
          lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
          // Null: made before creators were recorded (the web app says "creator unknown").
          createdBy:
            row.creatorId !== null && row.creatorName !== null && row.creatorEmail !== null
              ? { userId: row.creatorId, name: row.creatorName, email: row.creatorEmail }
              : null,
        })),
        nextCursor: null,
      };
    },

    /**
     * Revokes a key: at once in this process; in other API processes within their key cache's
     * lifetime (API_KEY_CACHE_SECONDS), at once there too when it is 0.
     */
    async revokeApiKey(auth: Principal, organizationId: string, keyId: string): Promise<void> {
      await requireTeamManager(db, auth, organizationId);
      if (!isUuid(keyId)) throw notFound('API key');
      await db.transaction(async (tx) => {
        const revoked = await repo.revokeApiKey(tx, organizationId, keyId, clock.now());
        if (!revoked) throw notFound('API key');
        await recordAudit(tx, {
          organizationId,
          auth,
          action: 'api_key.revoke',
          targetType: 'api_key',
          targetId: revoked.id,
          details: { name: revoked.name, prefix: revoked.prefix },
        });
      });
      // After the commit: a request resolving the key before it would cache it live again.
      cache.forget(keyId);
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
