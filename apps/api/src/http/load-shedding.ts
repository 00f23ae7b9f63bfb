import type { RequestHandler } from 'express';
import type pg from 'pg';
import type { DatabaseHealth } from '../db/database-health';
import { databaseUnavailable } from './error-handler';
import { AppError } from './errors';

/** Paths under /api served without PostgreSQL (the API's description and reference page). */
const WITHOUT_DATABASE = [/^\/openapi\.json$/, /^\/docs(\/|$)/];
const needsNoDatabase = (path: string) => WITHOUT_DATABASE.some((pattern) => pattern.test(path));

/**
 * The bounded wait in front of the small connection pool: when more requests already wait for a
 * connection than the pool can serve in about a second, a new one is answered 429 with Retry-After
 * at once instead of queueing without end (and timing out for everyone) during a flash sale.
 * While PostgreSQL is known to be down, every request gets 503 with Retry-After first: waiting for a
 * connection that cannot come would only fill the queue and turn the outage into 429s.
 */
export function shedLoad(pool: pg.Pool, maxWaiting: number, health?: DatabaseHealth): RequestHandler {
  return (req, _res, next) => {
    if (health && !health.isReachable() && !needsNoDatabase(req.path)) {
      next(databaseUnavailable());
      return;
    }
    if (pool.waitingCount > maxWaiting) {
      next(
        new AppError('RATE_LIMITED', 'The server is at capacity; try again in a moment', {
          headers: { 'Retry-After': '1' },
        }),
      );
      return;
    }
    next();
  };
}
