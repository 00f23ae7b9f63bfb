import { index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { apiKeys, users } from './accounts.schema';
import { events } from './events.schema';
import { tickets } from './orders.schema';

export const checkInAction = pgEnum('check_in_action', ['check_in', 'undo']);

/**
 * Every check-in and undo at the door: who (a user or an API key), when, which scanner and where.
 * Rows are only ever appended; the ticket row carries the current state.
 */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => tickets.id, { onDelete: 'cascade' }),
    action: checkInAction('action').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    device: text('device'),
    location: text('location'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('check_ins_event_idx').on(t.eventId, t.createdAt),
    index('check_ins_ticket_idx').on(t.ticketId, t.createdAt),
  ],
);
