import { randomUUID } from 'node:crypto';
import type {
  AcceptedInvitation,
  CreateInvitationBody,
  Invitation,
  InvitationPreview,
  InvitationStatus,
  Page,
} from '@zevents/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, forbidden, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { recordAudit } from '../audit';
import { findUserById, findUserIdByEmail } from '../accounts';
import type { Notifier } from '../notifications';
import { INVITATION_TTL_MS, type InvitationTokens } from './invitation-tokens';
import * as invitations from './invitations.repository';
import * as members from './organizations.repository';
import {
  assertRole,
  canGrantRole,
  findRole,
  requireOrganizationPermission,
  requireTeamManager,
  requireUser,
} from './organizations.policy';

/** Racing invites of one address retry this often before giving up with a 409. */
const INSERT_ATTEMPTS = 3;

type StoredInvitation = NonNullable<Awaited<ReturnType<typeof invitations.findInvitationByTokenHash>>>;

function statusOf(invitation: StoredInvitation['invitation'], now: Date): InvitationStatus {
  if (invitation.revokedAt) return 'revoked';
  if (invitation.acceptedAt) return 'accepted';
  return invitation.expiresAt <= now ? 'expired' : 'pending';
}

/** The problem for an invitation that cannot be accepted any more: used up is 409, gone is 410. */
function closedInvitationError(status: Exclude<InvitationStatus, 'pending'>): AppError {
  switch (status) {
    case 'accepted':
      return new AppError('INVITATION_ALREADY_USED', 'This invitation has already been accepted');
    case 'revoked':
      return new AppError(
        'INVITATION_REVOKED',
        'This invitation was withdrawn or replaced by a newer one; ask for a new invitation',
      );
    case 'expired':
      return new AppError('INVITATION_EXPIRED', 'This invitation has expired; ask for a new one');
  }
}

const alreadyMember = () =>
  new AppError('ALREADY_MEMBER', 'This person is already a member', {
    errors: [{ path: 'email', message: 'already a member of this organization' }],
  });

export function createInvitationsService(deps: {
  db: Db;
  clock: Clock;
  notifier: Pick<Notifier, 'teamInvitation'>;
  tokens: InvitationTokens;
}) {
  const { db, clock, notifier, tokens } = deps;

  /** Revokes any open invitation of the address and writes the new one; retries a racing invite. */
  async function replaceInvitation(
    tx: DbOrTx,
    input: { organizationId: string; email: string; role: CreateInvitationBody['role']; invitedBy: string },
    actorRole: CreateInvitationBody['role'],
    now: Date,
  ) {
    let replaced = false;
    for (let attempt = 0; attempt < INSERT_ATTEMPTS; attempt += 1) {
      const previousRoles = await invitations.revokePendingInvitationFor(
        tx,
        input.organizationId,
        input.email,
        now,
      );
      // Replacing an owner invitation takes it back, which only an owner may do.
      if (previousRoles.includes('owner') && actorRole !== 'owner')
        throw forbidden('Only an owner can replace an invitation to become an owner');
      replaced ||= previousRoles.length > 0;
      const id = randomUUID();
      const row = await invitations.insertInvitation(tx, {
        ...input,
        id,
        tokenHash: tokens.hashOf(tokens.tokenFor(id)),
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      });
      if (row) return { row, replaced };
    }
    throw new AppError('ALREADY_MEMBER', 'Someone else invited this address at the same moment', {
      errors: [{ path: 'email', message: 'invited by someone else just now; reload the list' }],
    });
  }

  async function findByToken(token: string): Promise<StoredInvitation> {
    const found = await invitations.findInvitationByTokenHash(db, tokens.hashOf(token));
    if (!found) throw notFound('Invitation');
    return found;
  }

  return {
    /**
     * Invites an address (with or without an account) with a role. Inviting the same address again
     * replaces the open invitation: the old link stops working and a new email goes out.
     */
    async invite(auth: Principal, organizationId: string, input: CreateInvitationBody): Promise<Invitation> {
      const { role, userId } = await requireTeamManager(db, auth, organizationId);
      if (!canGrantRole(role, input.role)) throw forbidden('Only an owner can invite an owner');
      const existingUserId = await findUserIdByEmail(db, input.email);
      if (existingUserId && (await members.findMember(db, organizationId, existingUserId)))
        throw alreadyMember();
      const now = clock.now();
      return db.transaction(async (tx) => {
        // Takes turns with removals and role changes, which withdraw what an inviter may no longer
        // grant: the inviter's role is read again after the lock, so no invitation slips past them.
        if (!(await members.lockOrganizationTeam(tx, organizationId))) throw notFound('Organization');
        const currentRole = assertRole(
          await findRole(tx, auth, organizationId),
          'organization.manage',
          'Organization',
        );
        if (!canGrantRole(currentRole, input.role)) throw forbidden('Only an owner can invite an owner');
        const { row, replaced } = await replaceInvitation(
          tx,
          { organizationId, email: input.email, role: input.role, invitedBy: userId },
          currentRole,
          now,
        );
        await notifier.teamInvitation(tx, { id: row.id, email: row.email });
        await recordAudit(tx, {
          organizationId,
          auth,
          action: 'invitation.create',
          targetType: 'invitation',
          targetId: row.id,
          details: { email: row.email, role: row.role, replacedPrevious: replaced },
        });
        const inviter = await findUserById(tx, userId);
        return {
          id: row.id,
          email: row.email,
          role: row.role,
          invitedBy: inviter ? { userId: inviter.id, name: inviter.name } : null,
          createdAt: row.createdAt.toISOString(),
          expiresAt: row.expiresAt.toISOString(),
          isExpired: false,
        };
      });
    },

    async listPending(auth: Principal, organizationId: string): Promise<Page<Invitation>> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
      const now = clock.now();
      const rows = await invitations.listPendingInvitations(db, organizationId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          email: row.email,
          role: row.role,
          invitedBy:
            row.inviterId && row.inviterName ? { userId: row.inviterId, name: row.inviterName } : null,
          createdAt: row.createdAt.toISOString(),
          expiresAt: row.expiresAt.toISOString(),
          isExpired: row.expiresAt <= now,
        })),
        nextCursor: null,
      };
    },

    async revoke(auth: Principal, organizationId: string, invitationId: string): Promise<void> {
      const { role } = await requireTeamManager(db, auth, organizationId);
      if (!isUuid(invitationId)) throw notFound('Invitation');
      const invitation = await invitations.findPendingInvitation(db, organizationId, invitationId);
      if (!invitation) throw notFound('Invitation');
      if (invitation.role === 'owner' && role !== 'owner')
        throw forbidden('Only an owner can withdraw an invitation to become an owner');
      await db.transaction(async (tx) => {
        // Accepted or revoked meanwhile: the same 404 as one that never was pending.
        if (!(await invitations.revokeInvitation(tx, invitation.id, clock.now())))
          throw notFound('Invitation');
        await recordAudit(tx, {
          organizationId,
          auth,
          action: 'invitation.revoke',
          targetType: 'invitation',
          targetId: invitation.id,
          details: { email: invitation.email, role: invitation.role },
        });
      });
    },

    /** What the invitation page shows to whoever holds the link (the link is the credential). */
    async preview(token: string): Promise<InvitationPreview> {
      const { invitation, organization, inviterName } = await findByToken(token);
      const now = clock.now();
      const status = statusOf(invitation, now);
      return {
        organization: { id: organization.id, name: organization.name },
        email: invitation.email,
        role: invitation.role,
        invitedByName: inviterName,
        expiresAt: invitation.expiresAt.toISOString(),
        status,
        isExpired: invitation.expiresAt <= now,
        hasAccount: (await findUserIdByEmail(db, invitation.email)) !== undefined,
      };
    },

    /**
     * Makes the logged-in user a member with the invited role. The invitation is bound to the address
     * it was sent to: a forwarded link does not let another account in (403, nothing changes).
     */
    async accept(auth: Principal, token: string): Promise<AcceptedInvitation> {
      const { userId } = requireUser(auth);
      const { invitation, organization } = await findByToken(token);
      const now = clock.now();
      const status = statusOf(invitation, now);
      if (status !== 'pending') throw closedInvitationError(status);
      const user = await findUserById(db, userId);
      if (!user) throw notFound('User');
      if (user.email.toLowerCase() !== invitation.email)
        throw new AppError(
          'INVITATION_EMAIL_MISMATCH',
          `This invitation was sent to ${invitation.email}; log in with that address to accept it`,
          { extra: { invitedEmail: invitation.email } },
        );
      // Anyone can sign up with any address: only an account that proved it reads the mailbox may
      // join through an invitation sent there, or a squatter who signed up first would take the seat.
      if (!user.emailVerifiedAt)
        throw new AppError(
          'EMAIL_NOT_VERIFIED',
          `Confirm your email address first: open the link we sent to ${user.email} (or send a new one), then accept`,
        );
      return db.transaction(async (tx) => {
        if (!(await invitations.claimInvitation(tx, invitation.id, userId, now))) {
          // Accepted, revoked or expired between the read above and now.
          const current = await invitations.findInvitationById(tx, invitation.id);
          const currentStatus = current ? statusOf(current.invitation, now) : 'revoked';
          throw closedInvitationError(currentStatus === 'pending' ? 'accepted' : currentStatus);
        }
        const isAdded = await members.insertMembership(tx, {
          organizationId: organization.id,
          userId,
          role: invitation.role,
        });
        // Rolls the claim back too: the invitation stays open for an owner to withdraw.
        if (!isAdded) throw new AppError('ALREADY_MEMBER', 'You are already a member of this organization');
        await recordAudit(tx, {
          organizationId: organization.id,
          auth,
          action: 'invitation.accept',
          targetType: 'member',
          targetId: userId,
          details: { email: invitation.email, role: invitation.role, invitationId: invitation.id },
        });
        return { organization, role: invitation.role };
      });
    },
  };
}

export type InvitationsService = ReturnType<typeof createInvitationsService>;

/**
 * Whether `token` is the link of an open invitation sent to exactly `email` (lower-case): signup
 * takes it as proof that the person reads that mailbox (see the email verification service).
 */
export function createInvitationEmailProof(tokens: InvitationTokens) {
  return async (db: DbOrTx, token: string, email: string, now: Date): Promise<boolean> => {
    const found = await invitations.findInvitationByTokenHash(db, tokens.hashOf(token));
    return (
      found !== undefined && found.invitation.email === email && statusOf(found.invitation, now) === 'pending'
    );
  };
}
