import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { events } from './events.schema';

/** Messages organizers sent to an event's attendees (owned by the messages module). */
export const eventMessages = pgTable(
  'event_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    audience: jsonb('audience').$type<{ ticketTypeIds: string[]; checkedIn: boolean | null }>().notNull(),
    recipients: integer('recipients').notNull().default(0),
    /** The sender's Idempotency-Key: the same key sends once. */
    idempotencyKey: text('idempotency_key'),
    /** Subject and body hashed: the same message submitted again within a minute sends once. */
    contentHash: text('content_hash').notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdByApiKeyId: uuid('created_by_api_key_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_messages_event_idx').on(t.eventId, t.createdAt),
    uniqueIndex('event_messages_idempotency_key')
      .on(t.eventId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} IS NOT NULL`),
  ],
);
