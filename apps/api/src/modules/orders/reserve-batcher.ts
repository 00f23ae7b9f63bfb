import type pg from 'pg';
import { createStatementBatcher, onOwnConnection } from '../../db/statement-batcher';
import { RESERVE_BATCH_LIMIT } from './orders.sql';
import { type ReserveOutcome, type ReserveParams, reserveBatch } from './orders.repository';

/**
 * Coalesces the reserves of a flash sale (see db/statement-batcher.ts): the hot ticket_types row
 * takes one commit at a time, so reserves that arrive together go to zevents_reserve_batch as one
 * round trip, one lock of the hot row and one commit for up to RESERVE_BATCH_LIMIT orders, each
 * order still all-or-nothing and answered on its own.
 */
export interface ReserveBatcher {
  reserve(params: ReserveParams): Promise<ReserveOutcome>;
}

export interface ReserveBatcherOptions {
  /** Batches in the database at once (2 by default; see StatementBatcherOptions). */
  maxInFlight?: number;
  maxBatch?: number;
  /** Told the size of every batch sent (metrics, tests). */
  onBatch?: (size: number) => void;
}

export function createReserveBatcher(pool: pg.Pool, options: ReserveBatcherOptions = {}): ReserveBatcher {
  const batcher = createStatementBatcher<ReserveParams, ReserveOutcome>({
    maxInFlight: options.maxInFlight,
    maxBatch: Math.min(options.maxBatch ?? RESERVE_BATCH_LIMIT, RESERVE_BATCH_LIMIT),
    onBatch: options.onBatch,
    send: (batch) => onOwnConnection(pool, (client) => reserveBatch(client, batch)),
  });
  return { reserve: (params) => batcher.submit(params) };
}
