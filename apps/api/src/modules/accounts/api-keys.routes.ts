import { ApiKeyCreated, ApiKeyList, CreateApiKeyBody, IdParam, UuidParam } from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { ApiKeysService } from './api-keys.service';

const tags = ['Accounts'];

export function registerApiKeysRoutes(api: ApiRouter, deps: { apiKeys: ApiKeysService }): void {
  const { apiKeys } = deps;

  api.add(
    {
      method: 'post',
      path: '/api/organizations/{orgId}/api-keys',
      summary: 'Create an API key for integrations (shown once)',
      description:
        'Scopes: `read` (every GET, CSV exports, the live dashboard), `check-in` (check in, undo a check-in, ' +
        "and what a door scanner reads: the organization's events, an event, its attendees), `write` " +
        '(everything; includes the other two, the default). A key acts only while its creator is still an ' +
        'owner or admin of the organization, and never with more than admin rights.',
      tags,
      access: 'user',
      params: z.object({ orgId: UuidParam }),
      body: CreateApiKeyBody,
      status: 201,
      response: ApiKeyCreated,
      errors: [403],
    },
    async ({ auth, params, body }) => apiKeys.createApiKey(auth, params.orgId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/api-keys',
      summary: 'List the live API keys (name, prefix, scopes, creator, creation, last use; never the key)',
      tags,
      access: 'user',
      params: z.object({ orgId: UuidParam }),
      status: 200,
      response: ApiKeyList,
      errors: [403],
    },
    async ({ auth, params }) => apiKeys.listApiKeys(auth, params.orgId),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/organizations/{orgId}/api-keys/{keyId}',
      summary: 'Revoke an API key; it stops authenticating at once',
      tags,
      access: 'user',
      // The key's id is checked after the caller's role (403 before 404), as it always was.
      params: z.object({ orgId: UuidParam, keyId: IdParam }),
      status: 204,
      errors: [403],
    },
    async ({ auth, params }) => apiKeys.revokeApiKey(auth, params.orgId, params.keyId),
  );
}
