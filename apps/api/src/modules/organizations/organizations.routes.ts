import {
  CreateOrganizationBody,
  IdParam,
  UuidParam,
  Member,
  MemberList,
  Organization,
  OrganizationProfile,
  UpdateMemberBody,
  UpdateOrganizationBody,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from './organizations.policy';
import type { OrganizationsService } from './organizations.service';

const tags = ['Organizations'];
const OrgParams = z.object({ orgId: UuidParam });
// The member's id is checked after the caller's role (403 before 404), as it always was.
const MemberParams = z.object({ orgId: UuidParam, userId: IdParam });

export function registerOrganizationsRoutes(
  api: ApiRouter<Permission>,
  deps: { organizations: OrganizationsService },
): void {
  const { organizations } = deps;

  api.add(
    {
      method: 'post',
      path: '/api/organizations',
      summary: 'Create an organization; the caller becomes its owner',
      tags,
      access: 'user',
      body: CreateOrganizationBody,
      status: 201,
      response: Organization,
      errors: [403, 409],
    },
    async ({ auth, body }) => organizations.createOrganization(auth, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}',
      summary: "An organization's profile: its public page's texts, links and embed origins",
      tags,
      access: 'member',
      permission: 'organization.view',
      params: OrgParams,
      status: 200,
      response: OrganizationProfile,
    },
    async ({ auth, params }) => organizations.getProfile(auth, params.orgId),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/organizations/{orgId}',
      summary: "Change an organization's profile",
      description:
        'Owners and admins (staff 403). Send the fields to change: name, description (up to 2,000 ' +
        'characters, null clears), website (http or https, null clears), links (up to 8) and ' +
        'embedOrigins (up to 20 origins such as https://example.com that may frame the embedded ' +
        'checkout; lower-cased and deduplicated).',
      tags,
      access: 'member',
      permission: 'organization.manage',
      params: OrgParams,
      body: UpdateOrganizationBody,
      status: 200,
      response: OrganizationProfile,
      errors: [403],
    },
    async ({ auth, params, body }) => organizations.updateProfile(auth, params.orgId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/members',
      summary: 'List the members of an organization',
      tags,
      access: 'member',
      permission: 'organization.view',
      params: OrgParams,
      status: 200,
      response: MemberList,
    },
    async ({ auth, params }) => organizations.listMembers(auth, params.orgId),
  );

  // POST /api/organizations/{orgId}/members invites (invitations.routes.ts): nobody joins without accepting.

  api.add(
    {
      method: 'patch',
      path: '/api/organizations/{orgId}/members/{userId}',
      summary: "Change a member's role",
      description:
        'Owners and admins; only an owner may change an owner or make one. The last owner cannot step ' +
        'down (422 LAST_OWNER).',
      tags,
      access: 'user',
      params: MemberParams,
      body: UpdateMemberBody,
      status: 200,
      response: Member,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => organizations.changeMemberRole(auth, params.orgId, params.userId, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/organizations/{orgId}/members/{userId}',
      summary: 'Remove a member from the organization',
      description:
        'Owners and admins (themselves included); only an owner may remove an owner, and never the last one ' +
        '(422 LAST_OWNER).',
      tags,
      access: 'user',
      params: MemberParams,
      status: 204,
      errors: [403, 422],
    },
    async ({ auth, params }) => organizations.removeMember(auth, params.orgId, params.userId),
  );
}
