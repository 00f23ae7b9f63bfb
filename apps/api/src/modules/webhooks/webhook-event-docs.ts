import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { WebhookEventBody, type WebhookEventType } from '@zevents/contracts';

/**
 * The API reference's `webhooks` section (OpenAPI 3.1): every event type an endpoint can ask for,
 * with an example body. The bodies are built by the SQL functions of migration 0027
 * (zevents_webhook_order, _ticket, _event): keep these examples in step with them.
 */
const ORDER = {
  object: 'order',
  id: '0b8f5a56-2f55-4c0e-9d7e-2f7d1c7a9a10',
  eventId: '6d0c1c8e-8f8a-4d5c-a3b9-3c4d9e2b7f01',
  status: 'paid',
  buyer: { name: 'Ada Lovelace', email: 'ada@example.com' },
  currency: 'EUR',
  subtotalCents: 5000,
  discountCents: 0,
  totalCents: 5000,
  refundedCents: 0,
  paymentMethod: null,
  createdAt: '2027-03-01T09:59:12.402+00:00',
  expiresAt: '2027-03-01T10:14:12.402+00:00',
  paidAt: '2027-03-01T10:01:03.118+00:00',
  closedAt: null,
  items: [
    {
      ticketTypeId: 'a3e7f0c2-4b1d-4f5e-8c9a-0d1e2f3a4b5c',
      ticketTypeName: 'Regular',
      quantity: 2,
      unitPriceCents: 2500,
    },
  ],
  tickets: [
    {
      id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
      ticketTypeId: 'a3e7f0c2-4b1d-4f5e-8c9a-0d1e2f3a4b5c',
      attendeeName: 'Ada Lovelace',
      attendeeEmail: null,
      status: 'valid',
    },
    {
      id: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f60',
      ticketTypeId: 'a3e7f0c2-4b1d-4f5e-8c9a-0d1e2f3a4b5c',
      attendeeName: 'Charles Babbage',
      attendeeEmail: 'charles@example.com',
      status: 'valid',
    },
  ],
};

const TICKET = {
  object: 'ticket',
  id: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  orderId: ORDER.id,
  eventId: ORDER.eventId,
  ticketTypeId: 'a3e7f0c2-4b1d-4f5e-8c9a-0d1e2f3a4b5c',
  ticketTypeName: 'Regular',
  attendeeName: 'Ada Lovelace',
  attendeeEmail: null,
  status: 'checked_in',
  checkedInAt: '2027-03-14T18:42:07.551+00:00',
  transferredAt: null,
};

const EVENT = {
  object: 'event',
  id: ORDER.eventId,
  organizationId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  slug: 'spring-concert-2027',
  title: 'Spring Concert',
  description: 'An evening of chamber music.',
  venue: 'Town Hall, Main Street 1',
  startsAt: '2027-03-14T18:30:00+00:00',
  endsAt: '2027-03-14T21:00:00+00:00',
  timezone: 'Europe/Paris',
  currency: 'EUR',
  status: 'published',
  updatedAt: '2027-02-20T12:00:00.000+00:00',
};

export const WEBHOOK_EVENT_EXAMPLES: Record<
  WebhookEventType,
  { summary: string; data: Record<string, unknown> }
> = {
  'order.created': {
    summary: 'A buyer reserved tickets (a hold), or an organizer issued an order at the box office',
    data: { ...ORDER, status: 'reserved', paidAt: null, tickets: [] },
  },
  'order.paid': {
    summary: 'An order was paid; its tickets exist (box-office orders are born paid and send it too)',
    data: ORDER,
  },
  'order.refunded': {
    summary: 'Money went back, in full or in part; `refund` is what this refund added',
    data: {
      ...ORDER,
      status: 'partially_refunded',
      refundedCents: 2500,
      refund: { amountCents: 2500, isFull: false },
      tickets: [{ ...ORDER.tickets[0], status: 'void' }, ORDER.tickets[1]],
    },
  },
  'order.cancelled': {
    summary: 'A hold was cancelled (by the buyer, or because its event was cancelled) before payment',
    data: {
      ...ORDER,
      status: 'cancelled',
      paidAt: null,
      tickets: [],
      closedAt: '2027-03-01T10:05:00.000+00:00',
    },
  },
  'order.expired': {
    summary: 'A hold ran out unpaid; its tickets are back on sale',
    data: {
      ...ORDER,
      status: 'expired',
      paidAt: null,
      tickets: [],
      closedAt: '2027-03-01T10:14:13.000+00:00',
    },
  },
  'ticket.checked_in': { summary: 'A ticket was scanned in at the door (its first scan)', data: TICKET },
  'ticket.transferred': {
    summary: 'A ticket changed hands: the attendee is the new holder, the old code no longer opens the door',
    data: {
      ...TICKET,
      attendeeName: 'Grace Hopper',
      attendeeEmail: 'grace@example.com',
      status: 'valid',
      checkedInAt: null,
      transferredAt: '2027-03-10T08:00:00.000+00:00',
    },
  },
  'event.published': { summary: 'An event went on sale (published)', data: EVENT },
  'event.cancelled': {
    summary: 'An event was cancelled; its paid orders are being refunded',
    data: { ...EVENT, status: 'cancelled' },
  },
  'event.updated': {
    summary: 'Something about a published or draft event changed: title, dates, venue, description, settings',
    data: { ...EVENT, venue: 'Concert Hall, River Road 5' },
  },
};

export function registerWebhookEventDocs(registry: OpenAPIRegistry): void {
  for (const [type, example] of Object.entries(WEBHOOK_EVENT_EXAMPLES)) {
    registry.registerWebhook({
      method: 'post',
      path: type,
      summary: example.summary,
      description:
        'POSTed to every active endpoint of the organization that asked for this type, signed in ' +
        '`Z-Events-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with the ' +
        'endpoint’s secret (refuse a `t` more than 5 minutes away). Headers also carry `Z-Events-Event-Id`, ' +
        '`Z-Events-Event-Type`, `Z-Events-Delivery-Id` and `Z-Events-Delivery-Attempt`. Delivered at least ' +
        'once, in order per resource: de-duplicate on `id`. Answer 2xx within 10 s; anything else is retried ' +
        'with backoff (2 s, 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, then every 6 h) for 3 days.',
      tags: ['Webhook events'],
      request: {
        body: {
          content: {
            'application/json': {
              schema: WebhookEventBody,
              example: {
                id: '5f0e4c3b-2a19-4e8d-b7c6-a5f4e3d2c1b0',
                type,
                created: 1_804_000_000,
                data: example.data,
              },
            },
          },
        },
      },
      responses: { 200: { description: 'Received (any 2xx)' } },
    });
  }
}
