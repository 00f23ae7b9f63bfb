import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './errors';

export interface RateLimitRule {
  /** How many attempts... */
  points: number;
  /** ...per this many seconds. */
  durationSeconds: number;
}

export type ConsumeLimit = (key: string) => Promise<void>;

/**
 * A limiter backed by PostgreSQL (rate-limiter-flexible's store, table from our migrations), so a
 * limit holds across every API process. Consuming past the limit throws RATE_LIMITED with Retry-After.
 */
export function createRateLimit(pool: pg.Pool, keyPrefix: string, rule: RateLimitRule): ConsumeLimit {
  const limiter = new RateLimiterPostgres({
    storeClient: pool,
    tableName: 'rate_limits',
    tableCreated: true,
    keyPrefix,
    points: rule.points,
    duration: rule.durationSeconds,
    clearExpiredByTimeout: false,
  });
  return async (key: string) => {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw new AppError('RATE_LIMITED', `Too many attempts; try again in ${seconds} s`, {
          headers: { 'Retry-After': String(seconds) },
        });
      }
      throw rejection;
    }
  };
}
