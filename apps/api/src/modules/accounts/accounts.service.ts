import type {
  ApiKey,
  ApiKeyCreated,
  LoginBody,
  MeResponse,
  Page,
  SignupBody,
  User,
} from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import { AppError, notFound, unauthenticated } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { generateToken, sha256 } from '../../shared/crypto';
import { isUuid } from '../../shared/ids';
import { recordAudit } from '../audit/audit.repository';
import { requireOrganizationPermission, requireTeamManager } from '../organizations/organizations.policy';
import * as repo from './accounts.repository';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** API keys carry a recognisable prefix so secret scanners and humans can spot a leaked one. */
export const API_KEY_PREFIX = 'zev_';
/** `lastUsedAt` is precise to this much: a key in constant use costs one write a minute, not one per request. */
export const API_KEY_TOUCH_INTERVAL_MS = 60_000;

export interface NewSession {
  user: User;
  /** The cookie value; only its hash (`sessionId`) is stored. */
  token: string;
  sessionId: string;
  expiresAt: Date;
}

const toUser = (row: repo.UserRow): User => ({ id: row.id, email: row.email, name: row.name });

export function createAccountsService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function openSession(user: repo.UserRow): Promise<NewSession> {
    const token = generateToken();
    const sessionId = sha256(token);
    const expiresAt = new Date(clock.now().getTime() + SESSION_TTL_MS);
    await repo.insertSession(db, { id: sessionId, userId: user.id, expiresAt });
    return { user: toUser(user), token, sessionId, expiresAt };
  }

  return {
    async signup(input: SignupBody): Promise<NewSession> {
      const passwordHash = await hashPassword(input.password);
      const user = await repo.insertUser(db, { email: input.email, name: input.name, passwordHash });
      if (!user) throw new AppError('EMAIL_TAKEN', 'An account with this email already exists');
      return openSession(user);
    },

    async login(input: LoginBody): Promise<NewSession> {
      const user = await repo.findUserByEmail(db, input.email);
      // One answer for an unknown email and a wrong password, in the same time.
      const isValid = user
        ? await verifyPassword(user.passwordHash, input.password)
        : await verifyAgainstDummy(input.password);
      if (!user || !isValid) throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password');
      return openSession(user);
    },

    async logout(auth: AuthContext): Promise<void> {
      if (auth.kind === 'session') await repo.deleteSession(db, auth.sessionId);
    },

    async getMe(auth: AuthContext): Promise<MeResponse> {
      if (auth.kind !== 'session') throw unauthenticated();
      const user = await repo.findUserById(db, auth.userId);
      if (!user) throw unauthenticated();
      const organizations = await repo.listOrganizationsOfUser(db, user.id);
      return { user: toUser(user), organizations };
    },

    /** The session a cookie names, if it exists and has not expired. */
    async resolveSessionToken(token: string): Promise<AuthContext | undefined> {
      const session = await repo.findLiveSession(db, sha256(token), clock.now());
      return session ? { kind: 'session', userId: session.userId, sessionId: session.id } : undefined;
    },

    async resolveApiKey(key: string): Promise<AuthContext | undefined> {
      if (!key.startsWith(API_KEY_PREFIX)) return undefined;
      // Read on every request, never cached: a revoked key fails on its very next call.
      const found = await repo.findLiveApiKeyByHash(db, sha256(key));
      const now = clock.now();
      const staleBefore = new Date(now.getTime() - API_KEY_TOUCH_INTERVAL_MS);
      if (found && (!found.lastUsedAt || found.lastUsedAt < staleBefore))
        await repo.touchApiKey(db, found.id, now, staleBefore);
      // An API key acts for its organization with admin rights; it cannot manage members or keys.
      return found
        ? { kind: 'apiKey', apiKeyId: found.id, organizationId: found.organizationId, role: 'admin' }
        : undefined;
    },

    async createApiKey(auth: AuthContext, organizationId: string, name: string): Promise<ApiKeyCreated> {
      if (auth.kind === 'anonymous') throw unauthenticated();
      if (auth.kind !== 'session')
        throw new AppError('FORBIDDEN', 'API keys are created by a logged-in owner or admin');
      await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
      const key = `${API_KEY_PREFIX}${generateToken()}`;
      const created = await repo.insertApiKey(db, {
        organizationId,
        name,
        keyHash: sha256(key),
        prefix: key.slice(0, API_KEY_PREFIX.length + 6),
        createdBy: auth.userId,
      });
      await recordAudit(db, {
        organizationId,
        auth,
        action: 'api_key.create',
        targetType: 'api_key',
        targetId: created.id,
        details: { name: created.name },
      });
      return { id: created.id, name: created.name, key };
    },

    async listApiKeys(auth: AuthContext, organizationId: string): Promise<Page<ApiKey>> {
      await requireTeamManager(db, auth, organizationId);
      const rows = await repo.listLiveApiKeys(db, organizationId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          prefix: row.prefix,
          createdAt: row.createdAt.toISOString(),
          lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
          createdBy:
            row.creatorId && row.creatorName ? { userId: row.creatorId, name: row.creatorName } : null,
        })),
        nextCursor: null,
      };
    },

    /** Revokes a key; the auth middleware reads keys on every request, so it stops working at once. */
    async revokeApiKey(auth: AuthContext, organizationId: string, keyId: string): Promise<void> {
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
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
