import type { Logger } from 'pino';
import type pg from 'pg';
import type { Clock } from '../../shared/clock';
import { releaseHolds } from './orders.repository';

const BATCH = 500;

/**
 * Closes holds past their deadline and puts their tickets back on sale, every few seconds.
 * Correctness never waits for it (reserve releases expired holds inline before answering SOLD_OUT,
 * and reads treat a past deadline as expired); it keeps `held` honest for the dashboards.
 * Safe with several workers: orders are claimed with SKIP LOCKED.
 */
export async function expireDueHolds(
  pool: pg.Pool,
  clock: Clock,
  announce?: (eventId: string) => void,
): Promise<number> {
  let total = 0;
  for (;;) {
    const closed = await releaseHolds(pool, {
      now: clock.now(),
      limit: BATCH,
      status: 'expired',
      onlyPastDeadline: true,
    });
    total += closed.length;
    for (const eventId of new Set(closed.map((row) => row.eventId))) announce?.(eventId);
    if (closed.length < BATCH) return total;
  }
}

export function startHoldExpirySweeper(deps: {
  pool: pg.Pool;
  clock: Clock;
  logger: Logger;
  announce?: (eventId: string) => void;
  intervalMs?: number;
}) {
  const intervalMs = deps.intervalMs ?? 2_000;
  let timer: NodeJS.Timeout | undefined;
  let isStopped = false;
  const tick = async () => {
    try {
      const closed = await expireDueHolds(deps.pool, deps.clock, deps.announce);
      if (closed > 0) deps.logger.info({ closed }, 'expired holds released');
    } catch (error) {
      deps.logger.warn({ err: error }, 'hold expiry sweep failed; retrying');
    }
    if (!isStopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  timer = setTimeout(() => void tick(), intervalMs);
  return {
    stop() {
      isStopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * Cancels live holds now (a waiting-list offer declined or withdrawn) and puts their tickets back on
 * sale; holds already closed are left as they are. Returns the orders it cancelled.
 */
export async function cancelHolds(pool: pg.Pool, orderIds: string[], now: Date): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const closed = await releaseHolds(pool, {
    now,
    limit: orderIds.length,
    orderIds,
    status: 'cancelled',
    onlyPastDeadline: false,
  });
  return closed.map((row) => row.id);
}
