import type pg from 'pg';
import type { Db, DbOrTx } from '../../db/client';
import type { Enqueuer } from '../../jobs/job-queue';
import { handleJob } from '../../jobs/job-registry';
import type { Clock } from '../../shared/clock';
import { REFUND_CANCELLED_ORDER } from './orders.jobs';
import { findOrder, lockPaidOrdersOfCancelledEvent, releaseHolds } from './orders.repository';

/** How far the refunds of a cancelled event have come (organizer views). */
export { countCancellationRefunds } from './event-cancellation.repository';

/**
 * What cancelling an event does to its orders. Inside the cancelling transaction, one refund job is
 * queued per paid order (so the refunds exist exactly when the cancellation committed); right after
 * it, live holds are closed (their buyers can no longer pay). The refunds then run on the workers, in
 * full, each voiding its order's tickets and telling the buyer.
 */
export async function queueCancellationRefunds(
  tx: DbOrTx,
  enqueuer: Pick<Enqueuer, 'enqueueMany'>,
  eventId: string,
): Promise<number> {
  const orderIds = await lockPaidOrdersOfCancelledEvent(tx, eventId);
  await enqueuer.enqueueMany(
    tx,
    REFUND_CANCELLED_ORDER,
    orderIds.map((orderId) => ({ orderId })),
  );
  return orderIds.length;
}

const HOLDS_PER_STATEMENT = 500;

export async function closeCancelledEventHolds(
  deps: { pool: pg.Pool; clock: Clock },
  ticketTypeIds: string[],
): Promise<number> {
  if (ticketTypeIds.length === 0) return 0;
  let closed = 0;
  for (;;) {
    const batch = await releaseHolds(deps.pool, {
      now: deps.clock.now(),
      limit: HOLDS_PER_STATEMENT,
      ticketTypeIds,
      status: 'cancelled',
      onlyPastDeadline: false,
    });
    closed += batch.length;
    if (batch.length < HOLDS_PER_STATEMENT) return closed;
  }
}

/**
 * Refunds one order of a cancelled event in full. Safe to run twice: an order that is no longer paid
 * was refunded already (by an earlier run, or by the organizer) and is left alone; the payment
 * service locks the order and derives the provider's idempotency key from the order's state, so a
 * retry after a lost provider answer gets the same refund back, never a second payout.
 */
export function createRefundCancelledOrderJob(deps: {
  db: Db;
  /** The payment service's refund (it locks the order, calls the provider and emails the buyer). */
  payments: { refund(orderId: string, input: { reason: 'event_cancelled' }): Promise<void> };
}) {
  return handleJob(REFUND_CANCELLED_ORDER, async ({ orderId }) => {
    const order = await findOrder(deps.db, orderId);
    if (order?.status !== 'paid' && order?.status !== 'partially_refunded') return;
    await deps.payments.refund(orderId, { reason: 'event_cancelled' });
  });
}
