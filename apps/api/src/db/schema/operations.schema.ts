import { bigint, integer, pgTable, varchar } from 'drizzle-orm/pg-core';

// The store of rate-limiter-flexible's PostgreSQL limiter, created by our migrations (not at runtime)
// so every API process shares one table and limits hold across processes.
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});
