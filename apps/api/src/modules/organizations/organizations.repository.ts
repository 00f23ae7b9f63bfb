import type { MemberRole } from '@zevents/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { memberships, organizations, users } from '../../db/schema';

export async function insertOrganization(db: DbOrTx, org: { name: string; slug: string }) {
  const rows = await db
    .insert(organizations)
    .values(org)
    .onConflictDoNothing({ target: organizations.slug })
    .returning();
  return rows[0];
}

export async function insertMembership(
  db: DbOrTx,
  membership: { organizationId: string; userId: string; role: MemberRole },
): Promise<boolean> {
  const rows = await db
    .insert(memberships)
    .values(membership)
    .onConflictDoNothing()
    .returning({ userId: memberships.userId });
  return rows.length > 0;
}

export async function listMembers(db: DbOrTx, organizationId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(memberships.createdAt), asc(users.id));
}

export async function findMember(db: DbOrTx, organizationId: string, userId: string) {
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .limit(1);
  return rows[0];
}

export async function findUserIdByEmail(db: DbOrTx, email: string): Promise<string | undefined> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows[0]?.id;
}
