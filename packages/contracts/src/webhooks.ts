import { z } from 'zod';
import { PageQuery, page, Timestamp } from './common';

/**
 * What an outgoing webhook can ask for. `order.expired` (a hold that ran out unpaid) is ours on
 * top of the list the API promises; `webhook.test` is only ever sent by the test button.
 */
export const WEBHOOK_EVENT_TYPES = [
  'order.created',
  'order.paid',
  'order.refunded',
  'order.cancelled',
  'order.expired',
  'ticket.checked_in',
  'ticket.transferred',
  'event.published',
  'event.cancelled',
  'event.updated',
] as const;
export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

const WebhookUrl = z
  .url({ protocol: /^https?$/ })
  .max(2_000)
  .describe(
    'http or https. Deliveries to loopback, private and link-local addresses (after DNS resolution, at ' +
      'send time) are refused unless the server runs with WEBHOOKS_ALLOW_PRIVATE=true.',
  )
  .meta({ example: 'https://crm.example.com/hooks/z-events' });

const EventTypes = z
  .array(WebhookEventType)
  .min(1)
  .max(WEBHOOK_EVENT_TYPES.length)
  .transform((types) => [...new Set(types)]);

export const CreateWebhookBody = z
  .object({
    url: WebhookUrl,
    events: EventTypes,
    active: z.boolean().default(true),
    description: z.string().trim().max(200).optional(),
  })
  .strict()
  .meta({ id: 'CreateWebhookBody' });
export type CreateWebhookBody = z.infer<typeof CreateWebhookBody>;

export const UpdateWebhookBody = z
  .object({
    url: WebhookUrl.optional(),
    events: EventTypes.optional(),
    active: z
      .boolean()
      .optional()
      .describe('true also turns on an endpoint that three days of failures turned off'),
    description: z.string().trim().max(200).nullable().optional(),
  })
  .strict()
  .meta({ id: 'UpdateWebhookBody' });
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBody>;

export const Webhook = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(WebhookEventType),
    active: z.boolean(),
    secret: z
      .string()
      .describe('Signs every delivery: verify `Z-Events-Signature` with it (owners and admins only)'),
    failingSince: Timestamp.nullable().describe('Every attempt since then failed; null when healthy'),
    disabledAt: Timestamp.nullable(),
    disabledReason: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Webhook' });
export type Webhook = z.infer<typeof Webhook>;

export const WebhookList = z.object({ items: z.array(Webhook) }).meta({ id: 'WebhookList' });
export type WebhookList = z.infer<typeof WebhookList>;

export const WebhookDelivery = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string().describe('The event’s id: the same on every attempt and redelivery'),
    eventType: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number().int(),
    nextAttemptAt: Timestamp.nullable(),
    lastAttemptAt: Timestamp.nullable(),
    responseStatus: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    responseBody: z.string().nullable().describe('The first bytes of the answer'),
    error: z
      .string()
      .nullable()
      .describe('What went wrong before an answer came (timeout, refused address, ...)'),
    isManual: z.boolean().describe('A redelivery or a test event'),
    createdAt: Timestamp,
    deliveredAt: Timestamp.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryPage = page(WebhookDelivery).meta({ id: 'WebhookDeliveryPage' });
export type WebhookDeliveryPage = z.infer<typeof WebhookDeliveryPage>;

export const WebhookDeliveriesQuery = PageQuery.extend({
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
});
export type WebhookDeliveriesQuery = z.infer<typeof WebhookDeliveriesQuery>;

/** What every delivery's body is. */
export const WebhookEventBody = z
  .object({
    id: z.string().describe('Stable across retries and redeliveries: de-duplicate on it'),
    type: z.string(),
    created: z.number().int().describe('Unix seconds'),
    data: z.record(z.string(), z.unknown()),
  })
  // No component id: the generator collects components from paths only, and this schema is named by
  // the document's `webhooks` alone, so it stays inline there.
  .describe('The body of every webhook delivery');
export type WebhookEventBody = z.infer<typeof WebhookEventBody>;
