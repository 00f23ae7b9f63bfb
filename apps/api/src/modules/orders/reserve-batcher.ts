import pg from 'pg';
import { RESERVE_BATCH_LIMIT } from './orders.sql';
import { type ReserveOutcome, type ReserveParams, reserveBatch } from './orders.repository';

/**
 * Coalesces the reserves of a flash sale: the hot ticket_types row takes one commit at a time, so a
 * commit per order caps the sale at the database's commit rate. Reserves that arrive while earlier
 * batches are in the database wait (never on a timer) and go together as the next batch: one round
 * trip, one lock of the hot row, one commit for up to RESERVE_BATCH_LIMIT orders, each order still
 * all-or-nothing and answered on its own. A quiet server sends each reserve at once (a batch of one,
 * one event-loop turn later), so coalescing costs nothing when there is nothing to coalesce.
 */
export interface ReserveBatcher {
  reserve(params: ReserveParams): Promise<ReserveOutcome>;
}

export interface ReserveBatcherOptions {
  /**
   * Batches in the database at once. Two lets the next batch travel, parse and wait for the row lock
   * while the current one executes and commits; more only queue on the same hot row (and hold
   * connections the rest of the API needs), while reserves of other events need no more than that.
   */
  maxInFlight?: number;
  maxBatch?: number;
  /** Told the size of every batch sent (metrics, tests). */
  onBatch?: (size: number) => void;
}

interface Waiting {
  params: ReserveParams;
  resolve: (outcome: ReserveOutcome) => void;
  reject: (error: unknown) => void;
}

export function createReserveBatcher(pool: pg.Pool, options: ReserveBatcherOptions = {}): ReserveBatcher {
  const maxInFlight = options.maxInFlight ?? 2;
  const maxBatch = Math.min(options.maxBatch ?? RESERVE_BATCH_LIMIT, RESERVE_BATCH_LIMIT);
  const waiting: Waiting[] = [];
  let inFlight = 0;
  let isScheduled = false;

  // One event-loop turn before sending: reserves whose requests were read in the same turn (many
  // sockets readable at once under load) share the batch.
  function schedule(): void {
    if (isScheduled || inFlight >= maxInFlight || waiting.length === 0) return;
    isScheduled = true;
    setImmediate(flush);
  }

  function flush(): void {
    isScheduled = false;
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, maxBatch);
      inFlight++;
      void run(batch).finally(() => {
        inFlight--;
        schedule();
      });
    }
  }

  async function run(batch: Waiting[]): Promise<void> {
    options.onBatch?.(batch.length);
    try {
      const outcomes = await send(batch.map((entry) => entry.params));
      outcomes.forEach((outcome, i) => {
        const entry = batch[i];
        if (!entry) return;
        if (outcome instanceof Error) entry.reject(outcome);
        else entry.resolve(outcome);
      });
    } catch (error) {
      // PostgreSQL refused the call itself for something in one request's data (none of the batch
      // happened): each goes again alone, so only that request fails.
      if (error instanceof pg.DatabaseError && batch.length > 1) {
        await Promise.all(batch.map((entry) => run([entry])));
        return;
      }
      for (const entry of batch) entry.reject(error);
    }
  }

  /**
   * On a connection of its own, released broken only when the connection itself failed: a
   * PostgreSQL error answer leaves it usable (`pool.query()` would throw it away on any error).
   */
  async function send(params: ReserveParams[]) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await reserveBatch(client, params);
    } catch (error) {
      if (!(error instanceof pg.DatabaseError))
        broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  }

  return {
    reserve(params) {
      return new Promise<ReserveOutcome>((resolve, reject) => {
        waiting.push({ params, resolve, reject });
        schedule();
      });
    },
  };
}
