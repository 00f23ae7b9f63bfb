import type { AddMemberBody, CreateOrganizationBody, Member, Organization, Page } from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import { AppError, forbidden } from '../../http/errors';
import { slugCandidates, slugify } from '../../shared/slug';
import { canGrantRole, requireOrganizationPermission, requireUser } from './organizations.policy';
import { recordAudit } from '../audit/audit.repository';
import * as repo from './organizations.repository';

export function createOrganizationsService(deps: { db: Db }) {
  const { db } = deps;

  return {
    /** Creates the organization and makes the caller its owner, in one transaction. */
    async createOrganization(auth: AuthContext, input: CreateOrganizationBody): Promise<Organization> {
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

    async listMembers(auth: AuthContext, organizationId: string): Promise<Page<Member>> {
      await requireOrganizationPermission(db, auth, organizationId, 'organization.view');
      return { items: await repo.listMembers(db, organizationId), nextCursor: null };
    },

    async addMember(auth: AuthContext, organizationId: string, input: AddMemberBody): Promise<Member> {
      const role = await requireOrganizationPermission(db, auth, organizationId, 'organization.manage');
      if (auth.kind !== 'session') throw forbidden('Members are managed by a logged-in owner or admin');
      if (!canGrantRole(role, input.role)) throw forbidden('Only an owner can add another owner');
      const userId = await repo.findUserIdByEmail(db, input.email);
      if (!userId)
        throw new AppError(
          'USER_NOT_FOUND',
          'No Z-Events account uses this email; ask them to sign up first',
          {
            errors: [{ path: 'email', message: 'no account with this email' }],
          },
        );
      const isAdded = await repo.insertMembership(db, { organizationId, userId, role: input.role });
      if (!isAdded) throw new AppError('ALREADY_MEMBER', 'This person is already a member');
      await recordAudit(db, {
        organizationId,
        auth,
        action: 'member.add',
        targetType: 'member',
        targetId: userId,
        details: { email: input.email, role: input.role },
      });
      const member = await repo.findMember(db, organizationId, userId);
      if (!member) throw new Error('member vanished after insert');
      return member;
    },
  };
}

export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
