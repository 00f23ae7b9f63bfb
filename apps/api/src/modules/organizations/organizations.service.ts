import {
  type CreateOrganizationBody,
  type Member,
  MemberRole,
  type Organization,
  type OrganizationProfile,
  type Page,
  type UpdateMemberBody,
  type UpdateOrganizationBody,
} from '@zevents/contracts';
import type { Db, Tx } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, forbidden, notFound } from '../../http/errors';
import { isUuid } from '../../shared/ids';
import { type Clock, systemClock } from '../../shared/clock';
import { slugCandidates, slugify } from '../../shared/slug';
import { revokePendingInvitationsBy } from './invitations.repository';
import {
  assertRole,
  canGrantRole,
  canManageMember,
  findRole,
  requireOrganizationPermission,
  requireTeamManager,
  requireUser,
} from './organizations.policy';
import { recordAudit } from '../audit';
import type { ImageLookup } from '../media';
import { presentOrganizationProfile } from './organizations.presenter';
import * as repo from './organizations.repository';

export function createOrganizationsService(deps: {
  db: Db;
  clock?: Clock;
  /** Shows the logo beside the profile (absent: profiles come without one). */
  images?: Pick<ImageLookup, 'logosOf'>;
  /** After a profile change commits: public pages cached in memory show the old name. */
  onProfileChanged?: (organizationId: string) => void;
}) {
  const { db, clock = systemClock } = deps;

  async function presentProfile(row: NonNullable<repo.OrganizationProfileRow>): Promise<OrganizationProfile> {
    const logos = await deps.images?.logosOf([row.id]);
    return presentOrganizationProfile(row, logos?.get(row.id));
  }

  /**
   * Runs a change to one member under the team lock, with the caller's role and the member read
   * inside it: a role that changed meanwhile is the one that counts.
   */
  async function withMemberLocked<T>(
    auth: Principal,
    organizationId: string,
    userId: string,
    change: (tx: Tx, actorRole: MemberRole, member: Member) => Promise<T>,
  ): Promise<T> {
    // Outsiders, staff and API keys are turned away before any lock is taken.
    await requireTeamManager(db, auth, organizationId);
    return db.transaction(async (tx) => {
      if (!(await repo.lockOrganizationTeam(tx, organizationId))) throw notFound('Organization');
      const actorRole = assertRole(
        await findRole(tx, auth, organizationId),
        'organization.manage',
        'Organization',
      );
      const member = isUuid(userId) ? await repo.findMember(tx, organizationId, userId) : undefined;
      if (!member) throw notFound('Member');
      return change(tx, actorRole, member);
    });
  }

  async function assertNotLastOwner(tx: Tx, organizationId: string, member: Member): Promise<void> {
    if (member.role === 'owner' && (await repo.countOwners(tx, organizationId)) <= 1)
      throw new AppError(
        'LAST_OWNER',
        'An organization needs at least one owner: make someone else an owner first',
      );
  }

  /**
   * Withdraws the open invitations `member` sent that their new role (none: removed) can no longer
   * grant, in the change's transaction: a link carries its inviter's rights only while they hold them.
   */
  async function revokeInvitationsBeyond(
    tx: Tx,
    organizationId: string,
    member: Member,
    newRole?: MemberRole,
  ): Promise<number> {
    const roles = newRole ? MemberRole.options.filter((role) => !canGrantRole(newRole, role)) : undefined;
    return revokePendingInvitationsBy(tx, organizationId, member.userId, clock.now(), roles);
  }

  /** The count goes into the member's audit entry only when something was withdrawn. */
  const revokedDetails = (n: number) => (n > 0 ? { revokedInvitations: n } : {});

  return {
    /** Creates the organization and makes the caller its owner, in one transaction. */
    async createOrganization(auth: Principal, input: CreateOrganizationBody): Promise<Organization> {
      const { userId } = requireUser(auth);
      return db.transaction(async (tx) => {
        // An explicit slug must be free; a derived one gets a suffix until it is.
        const candidates = input.slug ? [input.slug] : slugCandidates(slugify(input.name, 'organization'));
        for (const slug of candidates) {
          const org = await repo.insertOrganization(tx, { name: input.name, slug });
          if (org) {
            await repo.insertMembership(tx, { organizationId: org.id, userId, role: 'owner' });
            return { id: org.id, name: org.name, slug: org.slug };
          }
        }
        throw new AppError('SLUG_TAKEN', 'This slug is already used by another organization', {
          errors: [{ path: 'slug', message: 'already taken' }],
        });
      });
    },

    async getProfile(auth: Principal, organizationId: string): Promise<OrganizationProfile> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.view');
      const row = await repo.findOrganizationProfile(db, organizationId);
      if (!row) throw notFound('Organization');
      return presentProfile(row);
    },

    /** Changes the fields sent (null clears the description or the website), with an audit entry. */
    async updateProfile(
      auth: Principal,
      organizationId: string,
      input: UpdateOrganizationBody,
    ): Promise<OrganizationProfile> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
      const patch = {
        ...input,
        // An empty text is no text: the public page then shows nothing rather than an empty block.
        ...(input.description !== undefined ? { description: input.description || null } : {}),
        // The contract lower-cased each origin; the same one typed twice is kept once, in its first place.
        ...(input.embedOrigins ? { embedOrigins: [...new Set(input.embedOrigins)] } : {}),
      };
      const fields = Object.keys(patch);
      const row = await db.transaction(async (tx) => {
        const before = await repo.findOrganizationProfile(tx, organizationId);
        if (!before) throw notFound('Organization');
        if (fields.length === 0) return before;
        const after = await repo.updateOrganizationProfile(tx, organizationId, patch);
        if (!after) throw notFound('Organization');
        await recordAudit(tx, {
          organizationId,
          auth,
          action: 'organization.update',
          targetType: 'organization',
          targetId: organizationId,
          details: {
            fields,
            ...(patch.name !== undefined && patch.name !== before.name
              ? { name: { from: before.name, to: patch.name } }
              : {}),
            ...(patch.embedOrigins
              ? { embedOrigins: { from: before.embedOrigins, to: after.embedOrigins } }
              : {}),
          },
        });
        return after;
      });
      if (fields.length > 0) deps.onProfileChanged?.(organizationId);
      return presentProfile(row);
    },

    async listMembers(auth: Principal, organizationId: string): Promise<Page<Member>> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.view');
      return { items: await repo.listMembers(db, organizationId), nextCursor: null };
    },

    /** Gives a member another role; only owners make or unmake owners, and the last owner stays. */
    async changeMemberRole(
      auth: Principal,
      organizationId: string,
      userId: string,
      input: UpdateMemberBody,
    ): Promise<Member> {
      return withMemberLocked(auth, organizationId, userId, async (tx, actorRole, member) => {
        if (!canManageMember(actorRole, member.role, input.role))
          throw forbidden('Only an owner can change an owner or make someone an owner');
        if (member.role === input.role) return member;
        await assertNotLastOwner(tx, organizationId, member);
        await repo.updateMemberRole(tx, { organizationId, userId: member.userId, role: input.role });
        const revoked = await revokeInvitationsBeyond(tx, organizationId, member, input.role);
        await recordAudit(tx, {
          organizationId,
          auth,
          action: 'member.role_change',
          targetType: 'member',
          targetId: member.userId,
          details: { email: member.email, from: member.role, to: input.role, ...revokedDetails(revoked) },
        });
        return { ...member, role: input.role };
      });
    },

    /** Takes someone out of the team (themselves included); their access ends with this request. */
    async removeMember(auth: Principal, organizationId: string, userId: string): Promise<void> {
      await withMemberLocked(auth, organizationId, userId, async (tx, actorRole, member) => {
        if (!canManageMember(actorRole, member.role)) throw forbidden('Only an owner can remove an owner');
        await assertNotLastOwner(tx, organizationId, member);
        await repo.deleteMembership(tx, organizationId, member.userId);
        const revoked = await revokeInvitationsBeyond(tx, organizationId, member);
        await recordAudit(tx, {
          organizationId,
          auth,
          action: 'member.remove',
          targetType: 'member',
          targetId: member.userId,
          details: { email: member.email, role: member.role, ...revokedDetails(revoked) },
        });
      });
    },
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
