import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { apiKeys, memberships, organizations, sessions, users } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;

export async function insertUser(
  db: DbOrTx,
  user: { email: string; name: string; passwordHash: string },
): Promise<UserRow | undefined> {
  // ON CONFLICT keeps two racing signups for one email from surfacing a raw unique violation.
  const rows = await db.insert(users).values(user).onConflictDoNothing().returning();
  return rows[0];
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const rows = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0];
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function insertSession(db: DbOrTx, session: { id: string; userId: string; expiresAt: Date }) {
  await db.insert(sessions).values(session);
}

export async function findLiveSession(db: DbOrTx, id: string, now: Date) {
  const rows = await db
    .select({ id: sessions.id, userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
    .limit(1);
  return rows[0];
}

export async function deleteSession(db: DbOrTx, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function listOrganizationsOfUser(db: DbOrTx, userId: string) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organizations.name, organizations.id);
}

export async function insertApiKey(
  db: DbOrTx,
  key: { organizationId: string; name: string; keyHash: string; prefix: string; createdBy: string | null },
) {
  const rows = await db.insert(apiKeys).values(key).returning({ id: apiKeys.id, name: apiKeys.name });
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findLiveApiKeyByHash(db: DbOrTx, keyHash: string) {
  const rows = await db
    .select({ id: apiKeys.id, organizationId: apiKeys.organizationId, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
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

/** Live keys of an organization, oldest first; never the hash. */
export async function listLiveApiKeys(db: DbOrTx, organizationId: string) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      creatorId: users.id,
      creatorName: users.name,
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
