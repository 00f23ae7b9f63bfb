import type { RequestHandler } from 'express';
import type pg from 'pg';
import { AppError } from './errors';

/**
 * The bounded wait in front of the small connection pool: when more requests already wait for a
 * connection than the pool can serve in about a second, a new one is answered 429 with Retry-After
 * at once instead of queueing without end (and timing out for everyone) during a flash sale.
 */
export function shedLoad(pool: pg.Pool, maxWaiting: number): RequestHandler {
  return (_req, _res, next) => {
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
