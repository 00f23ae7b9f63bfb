import type { MemberRole, OrganizationLink } from '@zevents/contracts';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
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

/** A user's role in an organization, or undefined when they are not a member. */
export async function findMemberRole(
  db: DbOrTx,
  organizationId: string,
  userId: string,
): Promise<MemberRole | undefined> {
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
    .limit(1);
  return rows[0]?.role;
}

const selectOrganization = preparedQuery('zevents_find_organization', (db) =>
  db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, sql.placeholder('organizationId')))
    .limit(1),
);

export async function findOrganization(db: DbOrTx, organizationId: string) {
  return (await selectOrganization(db, { organizationId }))[0];
}

/**
 * Serializes changes to one organization's team for the rest of the transaction, so two owners
 * demoting each other at once cannot leave it without an owner. NO KEY UPDATE, so inserts that only
 * reference the organization (events, memberships) are not blocked.
 */
export async function lockOrganizationTeam(db: DbOrTx, organizationId: string): Promise<boolean> {
  const rows = await db.execute<{ id: string }>(
    sql`SELECT id FROM organizations WHERE id = ${organizationId} FOR NO KEY UPDATE`,
  );
  return rows.rows.length > 0;
}

export async function countOwners(db: DbOrTx, organizationId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner')));
  return rows[0]?.n ?? 0;
}

export async function updateMemberRole(
  db: DbOrTx,
  membership: { organizationId: string; userId: string; role: MemberRole },
): Promise<void> {
  await db
    .update(memberships)
    .set({ role: membership.role })
    .where(
      and(
        eq(memberships.organizationId, membership.organizationId),
        eq(memberships.userId, membership.userId),
      ),
    );
}

export async function deleteMembership(db: DbOrTx, organizationId: string, userId: string): Promise<void> {
  await db
    .delete(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
}

const profileColumns = {
  id: organizations.id,
  name: organizations.name,
  slug: organizations.slug,
  description: organizations.description,
  website: organizations.website,
  links: organizations.links,
  embedOrigins: organizations.embedOrigins,
};

export type OrganizationProfileRow = Awaited<ReturnType<typeof findOrganizationProfile>>;

/** The organization with its public page's texts and its embed origins. */
export async function findOrganizationProfile(db: DbOrTx, organizationId: string) {
  const rows = await db
    .select(profileColumns)
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return rows[0];
}

export async function updateOrganizationProfile(
  db: DbOrTx,
  organizationId: string,
  patch: Partial<{
    name: string;
    description: string | null;
    website: string | null;
    links: OrganizationLink[];
    embedOrigins: string[];
  }>,
) {
  const rows = await db
    .update(organizations)
    .set(patch)
    .where(eq(organizations.id, organizationId))
    .returning(profileColumns);
  return rows[0];
}
