import {
  AcceptedInvitation,
  AddMemberBody,
  CreateInvitationBody,
  IdParam,
  UuidParam,
  Invitation,
  InvitationList,
  InvitationPreview,
  InvitationToken,
} from '@zevents/contracts';
import type { Request } from 'express';
import { z } from 'zod';
import type { ConsumeLimit } from '../../http/rate-limit';
import type { ApiRouter } from '../../http/route';
import type { Permission } from './organizations.policy';
import type { InvitationsService } from './invitations.service';

const tags = ['Organizations'];
const OrgParams = z.object({ orgId: UuidParam });
const TokenParams = z.object({ token: InvitationToken });

export function registerInvitationsRoutes(
  api: ApiRouter<Permission>,
  deps: { invitations: InvitationsService; limits: { invites: ConsumeLimit } },
): void {
  const { invitations, limits } = deps;
  // One budget per inviter for both ways in: each invite emails an address of the caller's choosing.
  const invitesPerUser = async (req: Request) => {
    if (req.auth.kind === 'session') await limits.invites(`user:${req.auth.userId}`);
  };
  // Both ways in answer the same: the invitation (the address's account, if any, stays unsaid).
  const invite = {
    access: 'user',
    params: OrgParams,
    status: 201,
    response: Invitation,
    errors: [403, 409, 429],
    before: [invitesPerUser],
  } as const;

  api.add(
    {
      method: 'post',
      path: '/api/organizations/{orgId}/invitations',
      summary: 'Invite someone by email with a role (they need no account yet)',
      description:
        'Sends an email with a link to `/invitations/{token}`, valid 7 days. Inviting the same address ' +
        'again replaces the open invitation (the old link stops working). 409 ALREADY_MEMBER for a member. ' +
        'Rate limited per inviter (429 with Retry-After).',
      tags,
      ...invite,
      body: CreateInvitationBody,
    },
    async ({ auth, params, body }) => invitations.invite(auth, params.orgId, body),
  );

  api.add(
    {
      method: 'post',
      path: '/api/organizations/{orgId}/members',
      summary: 'Add a member by email with a role: sends them an invitation to accept',
      description:
        'The same as `POST /api/organizations/{orgId}/invitations`, with the same answer whether or not the ' +
        'address has an account: nobody joins a team without accepting, and the answer tells nothing about ' +
        'which addresses have accounts. 409 ALREADY_MEMBER for a member. Rate limited per inviter.',
      tags,
      ...invite,
      body: AddMemberBody,
    },
    async ({ auth, params, body }) => invitations.invite(auth, params.orgId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/invitations',
      summary: 'List open invitations (expired ones included, flagged)',
      tags,
      access: 'member',
      permission: 'organization.manage',
      params: OrgParams,
      status: 200,
      response: InvitationList,
      errors: [403],
    },
    async ({ auth, params }) => invitations.listPending(auth, params.orgId),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/organizations/{orgId}/invitations/{invitationId}',
      summary: 'Withdraw an open invitation; its link stops working',
      tags,
      access: 'user',
      // The invitation's id is checked after the caller's role (403 before 404), as it always was.
      params: z.object({ orgId: UuidParam, invitationId: IdParam }),
      status: 204,
      errors: [403],
    },
    async ({ auth, params }) => invitations.revoke(auth, params.orgId, params.invitationId),
  );

  api.add(
    {
      method: 'get',
      path: '/api/invitations/{token}',
      summary: 'Look at an invitation from its link (organization, role, address, status)',
      tags,
      access: 'public',
      params: TokenParams,
      status: 200,
      response: InvitationPreview,
    },
    async ({ params }) => invitations.preview(params.token),
  );

  api.add(
    {
      method: 'post',
      path: '/api/invitations/{token}/accept',
      summary: 'Accept an invitation as the logged-in user, who must own the invited address',
      description:
        '403 INVITATION_EMAIL_MISMATCH when logged in with another address; 409 INVITATION_ALREADY_USED ' +
        'once accepted; 410 INVITATION_EXPIRED or INVITATION_REVOKED; 409 ALREADY_MEMBER.',
      tags,
      access: 'user',
      params: TokenParams,
      status: 200,
      response: AcceptedInvitation,
      errors: [403, 409, 410],
    },
    async ({ auth, params }) => invitations.accept(auth, params.token),
  );
}
