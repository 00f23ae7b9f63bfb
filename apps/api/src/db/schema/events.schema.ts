import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BankTransferSettings, WaitingRoomSettings } from '@zevents/contracts';
import { organizations } from './accounts.schema';
import { taxRates } from './billing.schema';

export const eventStatus = pgEnum('event_status', ['draft', 'published', 'cancelled']);

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    description: text('description'),
    venue: text('venue'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    timezone: text('timezone').notNull(),
    currency: text('currency').notNull(),
    status: eventStatus('status').notNull().default('draft'),
    // Live holds + paid tickets one buyer email may have for this event (hold hoarding, OWASP API6).
    maxTicketsPerBuyer: integer('max_tickets_per_buyer').notNull().default(10),
    // The fair waiting room's settings (validated by the contracts on the way in); null: never set.
    waitingRoom: jsonb('waiting_room').$type<WaitingRoomSettings>(),
    // Built-in per-ticket fields asked between hold and payment (issue 13); off by default.
    attendeeNames: boolean('attendee_names').notNull().default(false),
    attendeeEmails: boolean('attendee_emails').notNull().default(false),
    // Hours before the start until which buyers may transfer tickets and change names themselves;
    // null: only organizers may. Organizers may at any time.
    transferDeadlineHours: integer('transfer_deadline_hours').default(0),
    // How long a waiting-list offer holds its tickets (the waitlist module).
    waitlistOfferHours: integer('waitlist_offer_hours').notNull().default(24),
    /** The service fee of its orders (billing's pricing rule): per order, and a share of it. */
    feeFixedCents: bigint('fee_fixed_cents', { mode: 'number' }).notNull().default(0),
    feePercentBasisPoints: integer('fee_percent_basis_points').notNull().default(0),
    feePassedOn: boolean('fee_passed_on').notNull().default(true),
    // Bank transfer as a payment method (validated by the contracts on the way in); null: never set.
    bankTransfer: jsonb('bank_transfer').$type<BankTransferSettings>(),
    // Discovery (issue 17): what kind of event, where, and in which language its emails go out.
    category: text('category'),
    // 'in_person' | 'online' | 'hybrid'; an online event's join link is shown to ticket holders only.
    kind: text('kind').notNull().default('in_person'),
    onlineUrl: text('online_url'),
    city: text('city'),
    language: text('language').notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('events_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_currency_format', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('events_max_tickets_per_buyer', sql`${t.maxTicketsPerBuyer} >= 1`),
    check(
      'events_category',
      sql`${t.category} IN ('music', 'conference', 'workshop', 'sports', 'arts', 'food', 'community', 'business', 'education', 'festival', 'other')`,
    ),
    check('events_kind', sql`${t.kind} IN ('in_person', 'online', 'hybrid')`),
    check('events_language', sql`${t.language} IN ('en', 'de', 'fr', 'es')`),
    check('events_fee', sql`${t.feeFixedCents} >= 0 AND ${t.feePercentBasisPoints} BETWEEN 0 AND 10000`),
    index('events_organization_id_idx').on(t.organizationId, t.createdAt, t.id),
    // The public catalogue: published events that have not ended, soonest first.
    index('events_public_idx')
      .on(t.startsAt, t.id)
      .where(sql`${t.status} = 'published'`),
  ],
);

/**
 * The dates of an event that runs more than once (a play on 20 nights, a museum's hourly slots). An
 * event without rows here has one date, its own start and end, and sells exactly as it always did.
 *
 * Each date has its own stock of every ticket type. The first date's stock is the ticket types'
 * own rows (`uses_base_stock`), so orders taken before the event had dates stay on it; every other
 * date's stock is a stock row per ticket type (`ticket_types` with `parent_id` and `date_id`), which
 * carries only capacity, sold and held: what a buyer sees and pays (name, price, limits, sale
 * window) is always the parent's. Every conditional statement and CHECK that guards a ticket
 * type's stock guards a stock row the same way.
 */
export const eventDates = pgTable(
  'event_dates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    usesBaseStock: boolean('uses_base_stock').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('event_dates_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
    index('event_dates_event_idx').on(t.eventId, t.startsAt),
    uniqueIndex('event_dates_one_base_key')
      .on(t.eventId)
      .where(sql`${t.usesBaseStock}`),
  ],
);

export const ticketTypes = pgTable(
  'ticket_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description'),
    priceCents: bigint('price_cents', { mode: 'number' }).notNull(),
    capacity: integer('capacity').notNull(),
    sold: integer('sold').notNull().default(0),
    held: integer('held').notNull().default(0),
    salesStartAt: timestamp('sales_start_at', { withTimezone: true }),
    salesEndAt: timestamp('sales_end_at', { withTimezone: true }),
    minPerOrder: integer('min_per_order').notNull().default(1),
    maxPerOrder: integer('max_per_order').notNull().default(10),
    sortOrder: integer('sort_order').notNull().default(0),
    /** `hidden`: left off the public page and refused at reserve unless unlocked by a code. */
    visibility: text('visibility').$type<'public' | 'hidden'>().notNull().default('public'),
    /** The code that unlocks a hidden type (`?code=` on the event page), compared case-insensitively. */
    accessCode: text('access_code'),
    /** Sold out, buyers may join this type's waiting list (the waitlist module). */
    waitlistEnabled: boolean('waitlist_enabled').notNull().default(true),
    /** A date's stock row (see eventDates): the ticket type it counts for, and the date. */
    parentId: uuid('parent_id').references((): AnyPgColumn => ticketTypes.id, { onDelete: 'cascade' }),
    dateId: uuid('date_id').references(() => eventDates.id, { onDelete: 'cascade' }),
    /** The tax its price carries (the billing module's rates); none: untaxed. */
    taxRateId: uuid('tax_rate_id').references(() => taxRates.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ticket_types_tax_rate_idx')
      .on(t.taxRateId)
      .where(sql`${t.taxRateId} IS NOT NULL`),
    check('ticket_types_visibility', sql`${t.visibility} IN ('public', 'hidden')`),
    // Invariant 1: the database itself refuses to oversell, whatever the application does.
    check(
      'ticket_types_stock',
      sql`${t.sold} >= 0 AND ${t.held} >= 0 AND ${t.sold} + ${t.held} <= ${t.capacity}`,
    ),
    check('ticket_types_price', sql`${t.priceCents} >= 0`),
    check('ticket_types_per_order', sql`${t.minPerOrder} >= 1 AND ${t.minPerOrder} <= ${t.maxPerOrder}`),
    check(
      'ticket_types_sales_window',
      sql`${t.salesStartAt} IS NULL OR ${t.salesEndAt} IS NULL OR ${t.salesStartAt} < ${t.salesEndAt}`,
    ),
    index('ticket_types_event_id_idx').on(t.eventId, t.sortOrder),
    check('ticket_types_stock_row', sql`(${t.parentId} IS NULL) = (${t.dateId} IS NULL)`),
    uniqueIndex('ticket_types_date_stock_key')
      .on(t.dateId, t.parentId)
      .where(sql`${t.dateId} IS NOT NULL`),
    index('ticket_types_parent_idx')
      .on(t.parentId)
      .where(sql`${t.parentId} IS NOT NULL`),
  ],
);

export const promoCodes = pgTable(
  'promo_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    percentOff: integer('percent_off'),
    amountOffCents: bigint('amount_off_cents', { mode: 'number' }),
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    // The organizer's switch, apart from the window: deactivating and reactivating keeps the window
    // they set. New reserves need it on; orders already priced with the code keep their discount.
    isActive: boolean('is_active').notNull().default(true),
    // Empty means every ticket type of the event.
    ticketTypeIds: uuid('ticket_type_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('promo_codes_event_code_key').on(t.eventId, sql`upper(${t.code})`),
    check('promo_codes_one_discount', sql`(${t.percentOff} IS NULL) <> (${t.amountOffCents} IS NULL)`),
    check('promo_codes_percent', sql`${t.percentOff} IS NULL OR (${t.percentOff} BETWEEN 1 AND 100)`),
    check('promo_codes_amount', sql`${t.amountOffCents} IS NULL OR ${t.amountOffCents} > 0`),
    // Uses are counted by a conditional UPDATE; this CHECK is the last line of defence.
    check('promo_codes_uses', sql`${t.uses} >= 0 AND (${t.maxUses} IS NULL OR ${t.uses} <= ${t.maxUses})`),
  ],
);

export const eventReminders = pgTable(
  'event_reminders',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    offsetMinutes: integer('offset_minutes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.offsetMinutes] }),
    check('event_reminders_offset', sql`${t.offsetMinutes} > 0`),
  ],
);
