import type { Webhook, WebhookDelivery } from '@zevents/contracts';

/** An endpoint as the API answers it, healthy and on unless told otherwise. */
export const webhookFixture = (overrides: Partial<Webhook> = {}): Webhook => ({
  id: 'wh-1',
  organizationId: 'org-1',
  url: 'https://crm.example.com/hooks',
  description: 'CRM sync',
  events: ['order.paid', 'order.created'],
  active: true,
  secret: 'whsec_s3cr3t-value',
  failingSince: null,
  disabledAt: null,
  disabledReason: null,
  createdAt: '2030-01-01T10:00:00Z',
  updatedAt: '2030-01-01T10:00:00Z',
  ...overrides,
});

/** A delivery that succeeded at its first attempt, unless told otherwise. */
export const deliveryFixture = (overrides: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: 'd-1',
  webhookId: 'wh-1',
  eventId: 'evt-1',
  eventType: 'order.paid',
  status: 'succeeded',
  attempts: 1,
  nextAttemptAt: null,
  lastAttemptAt: '2030-01-02T10:00:01Z',
  responseStatus: 200,
  durationMs: 45,
  responseBody: '{"ok":true}',
  error: null,
  isManual: false,
  createdAt: '2030-01-02T10:00:00Z',
  deliveredAt: '2030-01-02T10:00:01Z',
  ...overrides,
});
