import {
  AddMemberBody,
  CreateOrganizationBody,
  IdParam,
  Member,
  MemberList,
  Organization,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { OrganizationsService } from './organizations.service';

const tags = ['Organizations'];
const OrgParams = z.object({ orgId: IdParam });

export function registerOrganizationsRoutes(
  api: ApiRouter,
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
      path: '/api/organizations/{orgId}/members',
      summary: 'List the members of an organization',
      tags,
      access: 'member',
      params: OrgParams,
      status: 200,
      response: MemberList,
    },
    async ({ auth, params }) => organizations.listMembers(auth, params.orgId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/organizations/{orgId}/members',
      summary: 'Add a member by email with a role (owner, admin or staff)',
      tags,
      access: 'user',
      params: OrgParams,
      body: AddMemberBody,
      status: 201,
      response: Member,
      errors: [403, 409],
    },
    async ({ auth, params, body }) => organizations.addMember(auth, params.orgId, body),
  );
}
