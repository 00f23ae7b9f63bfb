import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { events } from './events.schema';

/**
 * One row per event whose waiting room someone joined: the counters every join moves (one short
 * row lock, like a ticket type's stock). `opened_at` is set once, when the places of everyone who
 * came before the opening are drawn; from then on later arrivals take `next_place` in order.
 * Keyed by event_id (Citus: distributed by event_id, co-located with events).
 */
export const waitingRoomQueues = pgTable(
  'waiting_room_queues',
  {
    eventId: uuid('event_id')
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    earlyCount: integer('early_count').notNull().default(0),
    visitorCount: integer('visitor_count').notNull().default(0),
    nextPlace: integer('next_place').notNull().default(1),
    openedAt: timestamp('opened_at', { withTimezone: true }),
  },
  (t) => [check('waiting_room_queues_counts', sql`${t.earlyCount} >= 0 AND ${t.nextPlace} >= 1`)],
);

/**
 * A visitor in an event's queue. `place` is null until the draw for those who came before the
 * opening (`draw_key` orders them at random), set at once for later arrivals. The browser that
 * joined is known only by a hash of its secret cookie; the pass is bound to it.
 */
export const waitingRoomVisitors = pgTable(
  'waiting_room_visitors',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    browserHash: text('browser_hash').notNull(),
    drawKey: bigint('draw_key', { mode: 'number' }).notNull(),
    place: integer('place'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    passExpiresAt: timestamp('pass_expires_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.token] }),
    // A browser that joins again gets its own spot back instead of a new draw.
    index('waiting_room_visitors_browser_idx').on(t.eventId, t.browserHash),
  ],
);
