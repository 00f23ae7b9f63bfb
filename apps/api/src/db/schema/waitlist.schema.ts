import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { eventDates, events, ticketTypes } from './events.schema';

export const WAITLIST_STATUSES = [
  'waiting',
  'offered',
  'purchased',
  'expired',
  'declined',
  'removed',
  'left',
] as const;

/**
 * Buyers waiting for a sold-out ticket type (owned by the waitlist module). `position` only sorts:
 * a bigserial at join, a value between neighbours after the organizer moves an entry.
 */
export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    /** The date it waits for, on an event with dates: each date's type is a line of its own. */
    dateId: uuid('date_id').references(() => eventDates.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    name: text('name').notNull(),
    /** Lower-cased: one live entry per address and type. */
    email: text('email').notNull(),
    status: text('status', { enum: WAITLIST_STATUSES }).notNull().default('waiting'),
    position: bigserial('position', { mode: 'number' }).notNull(),
    /** The hold (a reserved order) of the current or last offer. */
    offerOrderId: uuid('offer_order_id'),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('waitlist_entries_quantity', sql`${t.quantity} >= 1`),
    check(
      'waitlist_entries_status',
      sql`${t.status} IN ('waiting', 'offered', 'purchased', 'expired', 'declined', 'removed', 'left')`,
    ),
    uniqueIndex('waitlist_entries_live_email')
      .on(t.ticketTypeId, sql`coalesce(${t.dateId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.email)
      .where(sql`${t.status} IN ('waiting', 'offered')`),
    index('waitlist_entries_queue_idx').on(t.ticketTypeId, t.status, t.position),
    index('waitlist_entries_event_idx').on(t.eventId, t.ticketTypeId, t.position),
  ],
);
