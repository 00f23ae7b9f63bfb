import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { events, ticketTypes } from './events.schema';

/**
 * Shared capacity (owned by the events module): "Hall 500" over Early bird, Regular and VIP. A pool
 * keeps no counters of its own: what it has sold and held is the sum of its ticket types' `sold` and
 * `held`, which every path already keeps true, and a trigger (migration 0029) refuses any change that
 * takes the sum past the pool's capacity, whichever statement makes it.
 */
export const capacityPools = pgTable(
  'capacity_pools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('capacity_pools_capacity', sql`${t.capacity} >= 0`),
    index('capacity_pools_event_idx').on(t.eventId, t.createdAt),
  ],
);

export const capacityPoolTicketTypes = pgTable(
  'capacity_pool_ticket_types',
  {
    poolId: uuid('pool_id')
      .notNull()
      .references(() => capacityPools.id, { onDelete: 'cascade' }),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.poolId, t.ticketTypeId] }),
    index('capacity_pool_ticket_types_type_idx').on(t.ticketTypeId),
  ],
);
