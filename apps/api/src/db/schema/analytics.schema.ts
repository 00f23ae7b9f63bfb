import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { memberships } from './accounts.schema';
import { events } from './events.schema';

/** Raw bytes (a visitor hash, a salt). */
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * The analytics module's tables. Counted first-party and without cookies: a visitor is the hash of
 * (the day's salt, the event, the address, the user agent), and each day's salt is deleted once the
 * day is over, so a hash can no longer be tied to anyone. Neither the address nor the user agent is
 * ever stored.
 */
export const analyticsSalts = pgTable('analytics_salts', {
  day: date('day').primaryKey(),
  salt: bytea('salt').notNull(),
});

/** One row per beacon (what the rollups are recomputed from). */
export const pageViews = pgTable(
  'page_views',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    viewedAt: timestamp('viewed_at', { withTimezone: true }).notNull(),
    step: text('step').notNull(),
    visitor: bytea('visitor').notNull(),
    /** `ref:<code>`, `utm:<source>|<medium>|<campaign>`, `referrer:<domain>` or `direct`. */
    source: text('source').notNull(),
    path: text('path'),
  },
  (t) => [
    index('page_views_event_idx').on(t.eventId, t.viewedAt),
    // The checkout beacon finds the source of the visitor's visit by this.
    index('page_views_visitor_idx').on(t.eventId, t.visitor, t.viewedAt),
  ],
);

/** Beacons counted by event, hour, step and source; `visitors` counts each visitor once a day. */
export const analyticsHourly = pgTable(
  'analytics_hourly',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    step: text('step').notNull(),
    source: text('source').notNull(),
    views: integer('views').notNull().default(0),
    visitors: integer('visitors').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.hour, t.step, t.source] })],
);

/** Who was already counted today, per event and step (the unique-visitor counter's memory). */
export const analyticsVisitorDays = pgTable(
  'analytics_visitor_days',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    step: text('step').notNull(),
    visitor: bytea('visitor').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.day, t.step, t.visitor] })],
);

/** Where an order's buyer came from: the source of their visit, told by the checkout page's beacon. */
export const orderSources = pgTable(
  'order_sources',
  {
    // No foreign key on purpose: its check would take a share lock on the order, which a payment
    // holds for update while its sales trigger waits on the rollup row a beacon batch holds (a
    // deadlock). Orders are never deleted but with their event, and this row is then harmless.
    orderId: uuid('order_id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    source: text('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('order_sources_event_idx').on(t.eventId, t.source)],
);

/** An organizer's named link to an event page (`?ref=code`), counted as a source of its own. */
export const trackingLinks = pgTable(
  'tracking_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    code: text('code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('tracking_links_event_code_key').on(t.eventId, sql`lower(${t.code})`),
    index('tracking_links_event_idx').on(t.eventId, t.createdAt),
  ],
);

/**
 * Sales by event, hour of payment (UTC), channel and source, kept by triggers on orders (migration
 * 0037) in the transaction of every change: an order counts once paid (also when
 * refunded later), with its tickets and its revenue net of refunds. `source` is the order's
 * (order_sources) when its checkout beacon came before the payment, else ''.
 */
export const analyticsSalesHourly = pgTable(
  'analytics_sales_hourly',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    /** A buyer's own checkout (true) or the organizer's box office (false). */
    online: boolean('online').notNull(),
    source: text('source').notNull(),
    orders: integer('orders').notNull().default(0),
    tickets: integer('tickets').notNull().default(0),
    revenueCents: bigint('revenue_cents', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.hour, t.online, t.source] })],
);

/**
 * Each member's choice of summary email (a member without a row gets their role's default: weekly for
 * owners and admins, off for staff), and the last period sent, so the hourly scan skips who is done.
 * Leaving the organization removes the row with the membership.
 */
export const analyticsSummarySubscriptions = pgTable(
  'analytics_summary_subscriptions',
  {
    organizationId: uuid('organization_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** `off`, `daily` or `weekly`; null until the member chooses (their role's default applies). */
    frequency: text('frequency'),
    timezone: text('timezone').notNull().default('UTC'),
    lastSentPeriodStart: date('last_sent_period_start'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.userId] }),
    foreignKey({
      name: 'analytics_summary_subscriptions_membership_fk',
      columns: [t.organizationId, t.userId],
      foreignColumns: [memberships.organizationId, memberships.userId],
    }).onDelete('cascade'),
    check('analytics_summary_frequency', sql`${t.frequency} in ('off', 'daily', 'weekly')`),
  ],
);
