import type { MemberRole } from '@zevents/contracts';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { invitations, organizations, users } from '../../db/schema';

export type InvitationRow = typeof invitations.$inferSelect;

const isPending = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

/** Revokes the open invitation of this address, if any; returns the roles it offered. */
export async function revokePendingInvitationFor(
  db: DbOrTx,
  organizationId: string,
  email: string,
  now: Date,
): Promise<MemberRole[]> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.organizationId, organizationId), eq(invitations.email, email), isPending))
    .returning({ role: invitations.role });
  return rows.map((row) => row.role);
}

/**
 * Revokes the open invitations a member sent that offer one of `roles` (all of them without
 * `roles`): a link must not grant more than its inviter may grant now. Returns how many.
 */
export async function revokePendingInvitationsBy(
  db: DbOrTx,
  organizationId: string,
  invitedBy: string,
  now: Date,
  roles?: readonly MemberRole[],
): Promise<number> {
  if (roles?.length === 0) return 0;
  const rows = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.organizationId, organizationId),
        eq(invitations.invitedBy, invitedBy),
        isPending,
        roles ? inArray(invitations.role, [...roles]) : undefined,
      ),
    )
    .returning({ id: invitations.id });
  return rows.length;
}

/** Undefined when another open invitation for the address landed first (the partial unique index). */
export async function insertInvitation(
  db: DbOrTx,
  invitation: {
    id: string;
    organizationId: string;
    email: string;
    role: MemberRole;
    tokenHash: string;
    invitedBy: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<InvitationRow | undefined> {
  const rows = await db.insert(invitations).values(invitation).onConflictDoNothing().returning();
  return rows[0];
}

const invitationWithInviter = {
  id: invitations.id,
  email: invitations.email,
  role: invitations.role,
  createdAt: invitations.createdAt,
  expiresAt: invitations.expiresAt,
  inviterId: users.id,
  inviterName: users.name,
};

/** Open invitations (expired ones included, so they can be sent again), oldest first. */
export async function listPendingInvitations(db: DbOrTx, organizationId: string) {
  return db
    .select(invitationWithInviter)
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.organizationId, organizationId), isPending))
    .orderBy(asc(invitations.createdAt), asc(invitations.id));
}

export async function findPendingInvitation(db: DbOrTx, organizationId: string, invitationId: string) {
  const rows = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), eq(invitations.organizationId, organizationId), isPending))
    .limit(1);
  return rows[0];
}

export async function revokeInvitation(db: DbOrTx, invitationId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.id, invitationId), isPending))
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** The invitation a link names, with what its page and email show. */
export async function findInvitationByTokenHash(db: DbOrTx, tokenHash: string) {
  return findInvitationWith(db, eq(invitations.tokenHash, tokenHash));
}

export async function findInvitationById(db: DbOrTx, invitationId: string) {
  return findInvitationWith(db, eq(invitations.id, invitationId));
}

async function findInvitationWith(db: DbOrTx, where: ReturnType<typeof eq>) {
  const rows = await db
    .select({
      invitation: invitations,
      organization: { id: organizations.id, name: organizations.name, slug: organizations.slug },
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(where)
    .limit(1);
  return rows[0];
}

/**
 * Uses up an open, unexpired invitation. The condition is the whole check: of two accepts racing
 * (a double click, a replayed request), exactly one gets the row back.
 */
export async function claimInvitation(
  db: DbOrTx,
  invitationId: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ acceptedAt: now, acceptedBy: userId })
    .where(and(eq(invitations.id, invitationId), isPending, gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  return rows.length > 0;
}
