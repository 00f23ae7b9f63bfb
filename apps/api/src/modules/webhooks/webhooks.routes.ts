import {
  CreateWebhookBody,
  UpdateWebhookBody,
  UuidParam,
  Webhook,
  WebhookDeliveriesQuery,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookList,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { WebhooksService } from './webhooks.service';

const OrgParams = z.object({ orgId: UuidParam });
const WebhookParams = z.object({ webhookId: UuidParam });
const DeliveryParams = z.object({ webhookId: UuidParam, deliveryId: UuidParam });

const SIGNING =
  'Each delivery is a POST of `{id, type, created, data}` signed in the header ' +
  '`Z-Events-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the secret>`; ' +
  'refuse a timestamp more than 5 minutes away. See "Webhooks" in the API reference for every event type.';

export function registerWebhooksRoutes(
  api: ApiRouter<Permission>,
  deps: { webhooks: WebhooksService },
): void {
  const { webhooks } = deps;
  const tags = ['Webhooks'];
  // Endpoints carry their signing secrets: a read-only or check-in key sees none of them.
  const manage = { access: 'member', permission: 'organization.manage', scopes: ['write'] } as const;

  api.add(
    {
      method: 'post',
      path: '/api/organizations/{orgId}/webhooks',
      summary: 'Add an endpoint that receives signed events (orders, check-ins, transfers, events)',
      description: `${SIGNING} Owners and admins only; the answer carries the signing secret.`,
      tags,
      ...manage,
      params: OrgParams,
      body: CreateWebhookBody,
      status: 201,
      response: Webhook,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => webhooks.create(auth, params.orgId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/organizations/{orgId}/webhooks',
      summary: "The organization's webhook endpoints, oldest first",
      tags,
      ...manage,
      params: OrgParams,
      status: 200,
      response: WebhookList,
    },
    async ({ auth, params }) => webhooks.list(auth, params.orgId),
  );

  api.add(
    {
      method: 'get',
      path: '/api/webhooks/{webhookId}',
      summary: 'One webhook endpoint, with its secret and health',
      tags,
      ...manage,
      params: WebhookParams,
      status: 200,
      response: Webhook,
    },
    async ({ auth, params }) => webhooks.get(auth, params.webhookId),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/webhooks/{webhookId}',
      summary: 'Change the URL, the event types or the description; turn it off or on',
      description: '`active: true` also turns on an endpoint that three days of failures turned off.',
      tags,
      ...manage,
      params: WebhookParams,
      body: UpdateWebhookBody,
      status: 200,
      response: Webhook,
      errors: [403, 422],
    },
    async ({ auth, params, body }) => webhooks.update(auth, params.webhookId, body),
  );

  api.add(
    {
      method: 'delete',
      path: '/api/webhooks/{webhookId}',
      summary: 'Delete an endpoint and its delivery log',
      tags,
      ...manage,
      params: WebhookParams,
      status: 204,
      errors: [403],
    },
    async ({ auth, params }) => webhooks.remove(auth, params.webhookId),
  );

  api.add(
    {
      method: 'get',
      path: '/api/webhooks/{webhookId}/deliveries',
      summary:
        'The delivery log, newest first: status, response code, duration, the first bytes of the answer, attempts',
      tags,
      ...manage,
      params: WebhookParams,
      query: WebhookDeliveriesQuery,
      status: 200,
      response: WebhookDeliveryPage,
    },
    async ({ auth, params, query }) => webhooks.deliveries(auth, params.webhookId, query),
  );

  api.add(
    {
      method: 'get',
      path: '/api/webhooks/{webhookId}/deliveries/{deliveryId}',
      summary: 'One delivery of the log',
      tags,
      ...manage,
      params: DeliveryParams,
      status: 200,
      response: WebhookDelivery,
    },
    async ({ auth, params }) => webhooks.delivery(auth, params.webhookId, params.deliveryId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver',
      summary:
        'Send a delivery’s event again now, with the same event id; answers the new delivery and its outcome',
      tags,
      ...manage,
      params: DeliveryParams,
      status: 201,
      response: WebhookDelivery,
      errors: [403],
    },
    async ({ auth, params }) => webhooks.redeliver(auth, params.webhookId, params.deliveryId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/webhooks/{webhookId}/test',
      summary: 'Send a `webhook.test` event to this endpoint now; answers the delivery and its outcome',
      tags,
      ...manage,
      params: WebhookParams,
      status: 201,
      response: WebhookDelivery,
      errors: [403],
    },
    async ({ auth, params }) => webhooks.sendTest(auth, params.webhookId),
  );
}
