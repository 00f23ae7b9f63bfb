import type { Logger } from 'pino';
import { isConnectionError } from './database-health';

/**
 * pg-boss completes and fails fetched jobs without awaiting them (its worker's `onFetch`): with
 * the database away those promises reject with nobody listening, and Node ends the process on an
 * unhandled rejection. A lost database is survivable (the jobs stay active and come back when their
 * claim expires), so such a rejection is logged, at most once per `quietMs`. Anything else is
 * thrown again and still ends the process, as Node would have.
 */
export function survivableRejections(logger: Logger, quietMs = 10_000): (reason: unknown) => void {
  let lastLoggedAt = -Infinity;
  return (reason) => {
    if (!isConnectionError(reason)) throw reason;
    const now = Date.now();
    if (now - lastLoggedAt < quietMs) return;
    lastLoggedAt = now;
    logger.warn({ err: reason }, 'a background database call failed while the database was away');
  };
}
