import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The outbox: every email the platform sends, written in the same transaction as the change that
 * causes it. `dedupeKey` is unique, so a message (one reminder per order and offset, one
 * confirmation per order) can be recorded only once however often the cause is replayed.
 */
export const emails = pgTable(
  'emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind').notNull(),
    recipient: text('recipient').notNull(),
    /** What the composer needs to build the message at send time (order id, previous times...). */
    params: jsonb('params').notNull(),
    eventId: uuid('event_id'),
    orderId: uuid('order_id'),
    subject: text('subject'),
    /** pending -> sending -> sent | captured (no SMTP: shown in /dev/mailbox); failed; dead. */
    status: text('status', {
      enum: ['pending', 'sending', 'sent', 'captured', 'failed', 'dead', 'skipped'],
    })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    html: text('html'),
    text: text('text'),
    attachmentNames: text('attachment_names')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the current (or last) send attempt claimed the row. */
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('emails_dedupe_key').on(t.dedupeKey),
    index('emails_created_idx').on(t.createdAt),
    index('emails_order_idx').on(t.orderId),
    // The organizer's email log of one event, newest first.
    index('emails_event_idx').on(t.eventId, t.createdAt, t.id),
    // "My tickets": the orders whose tickets were sent to an address (off the reserve path, unlike
    // an index on orders.buyer_email, which every reserve would pay for).
    index('emails_recipient_idx').on(t.recipient),
  ],
);
