import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './accounts.schema';

/**
 * Outgoing webhooks (owned by the webhooks module): an organization's endpoints, the events that
 * happened for them, and one delivery per endpoint and event. Every table carries
 * `organization_id`, the distribution key of the Citus plan in docs/scaling.md.
 */
export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description'),
    /** The event types it wants (`order.paid`, ...). */
    eventTypes: text('event_types').array().notNull(),
    active: boolean('active').notNull().default(true),
    /** Signs every delivery (HMAC-SHA256); shown to the organization's owners and admins. */
    secret: text('secret').notNull(),
    /** Since when every attempt has failed (null: the last attempt succeeded, or none yet). */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    /** Set when three days of failures turned it off; cleared when someone turns it on again. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhooks_organization_idx').on(t.organizationId, t.createdAt)],
);

/** What happened, once, whatever number of endpoints want it: its id is the one receivers de-duplicate on. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    /** Order of occurrence: deliveries of one resource go out in this order. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    /** The order, ticket or event it is about: deliveries are ordered per resource. */
    resourceId: uuid('resource_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('webhook_events_organization_idx').on(t.organizationId, t.createdAt)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    // No foreign key: the triggers insert deliveries inside sale transactions, where a key check would
    // lock the endpoint's row (KEY SHARE from every batch at once) and fail the sale's statement if an
    // organizer deleted the endpoint a moment before. Deleting an endpoint deletes its deliveries.
    webhookId: uuid('webhook_id').notNull(),
    webhookEventId: uuid('webhook_event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    /** Copied from the event: the dispatcher orders by them without a join. */
    resourceId: uuid('resource_id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When to try again; null: the first attempt, due at once (on whatever clock the dispatcher runs). */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** A dispatcher sending it holds it until then; a crashed one's claim runs out. */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    responseStatus: integer('response_status'),
    durationMs: integer('duration_ms'),
    /** The first bytes of the answer, or what went wrong before there was one. */
    responseBody: text('response_body'),
    error: text('error'),
    /** A manual redelivery or a test event (not counted against the endpoint's health). */
    isManual: boolean('is_manual').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt),
    // The dispatcher's work list, and the "is an earlier one of this resource still pending" probe.
    index('webhook_deliveries_pending_idx')
      .on(t.webhookId, t.resourceId, t.seq)
      .where(sql`${t.status} = 'pending'`),
    index('webhook_deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
