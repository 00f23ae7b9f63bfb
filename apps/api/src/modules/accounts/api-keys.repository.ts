import type { ApiKeyScope } from '@zevents/contracts';
import { and, asc, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { apiKeys, memberships, users } from '../../db/schema';

export async function insertApiKey(
  db: DbOrTx,
  key: {
    organizationId: string;
    name: string;
    keyHash: string;
    prefix: string;
    createdBy: string | null;
    scopes?: readonly ApiKeyScope[];
  },
) {
  const rows = await db
    .insert(apiKeys)
    .values({ ...key, scopes: key.scopes ? [...key.scopes] : undefined })
    .returning({ id: apiKeys.id, name: apiKeys.name, scopes: apiKeys.scopes });
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

/**
 * A live key and, in the same query, its creator's current role in the key's organization (null when
 * the creator left it): removing or demoting the creator takes effect on the key's very next call.
 */
export async function findLiveApiKeyWithCreatorRole(db: DbOrTx, keyHash: string) {
  const rows = await db
    .select({
      id: apiKeys.id,
      organizationId: apiKeys.organizationId,
      lastUsedAt: apiKeys.lastUsedAt,
      scopes: apiKeys.scopes,
      createdBy: apiKeys.createdBy,
      creatorRole: memberships.role,
    })
    .from(apiKeys)
    .leftJoin(
      memberships,
      and(eq(memberships.userId, apiKeys.createdBy), eq(memberships.organizationId, apiKeys.organizationId)),
    )
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return rows[0];
}

/** Records a key's use, at most once per `staleBefore` window, so busy integrations do not write per request. */
export async function touchApiKey(db: DbOrTx, id: string, now: Date, staleBefore: Date): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: now })
    .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore))));
}

/** Live keys of an organization with their creator (if recorded), oldest first; never the hash. */
export async function listLiveApiKeys(db: DbOrTx, organizationId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      creatorId: users.id,
      creatorName: users.name,
      creatorEmail: users.email,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(and(eq(apiKeys.organizationId, organizationId), isNull(apiKeys.revokedAt)))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
}

/** Revokes a live key of the organization; undefined when there is none with this id. */
export async function revokeApiKey(db: DbOrTx, organizationId: string, id: string, now: Date) {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.organizationId, organizationId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
  return rows[0];
}
