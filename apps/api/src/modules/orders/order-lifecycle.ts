import type { Tx } from '../../db/client';
import { voidTicketsOfOrder } from '../tickets';
import * as repo from './orders.repository';

/** Thrown inside a savepoint to undo it; never leaves this file. */
class RollbackSavepoint extends Error {}

/**
 * Takes the stock a locked order is being paid for: its hold turns into sold seats, or, when the
 * hold was already released, the seats are sold again if there is still room. False: no room left.
 */
export async function sellOrderStock(tx: Tx, order: repo.OrderRow): Promise<boolean> {
  if (order.status === 'reserved' || order.status === 'awaiting_payment') {
    // Still a live hold (reserved, or a bank transfer awaited) while the caller holds its lock:
    // nobody released it, so its seats are still held.
    await repo.convertHoldToSold(tx, order.id);
    return true;
  }
  return tx
    .transaction(async (savepoint) => {
      const { isComplete } = await repo.resellReleasedHold(savepoint, order.id);
      if (!isComplete) throw new RollbackSavepoint();
      return true;
    })
    .catch((error: unknown) => {
      // No room left in the type, or in one of its capacity pools (the 0029 trigger refused it).
      if (error instanceof RollbackSavepoint || repo.isCapacityPoolFull(error)) return false;
      throw error;
    });
}

export interface OrderRefund {
  /** Everything refunded on the order so far, this refund included. */
  refundedCents: number;
  /** Whether the order is refunded in full: then every ticket is voided and the order closed. */
  isFull: boolean;
  /** The tickets a partial refund takes back (none: only money goes back). */
  ticketIds?: string[];
}

/**
 * What a refund does to a locked order: the tickets it takes back are voided and their seats go
 * back on sale, and the order records the amount (refunded, or partially refunded).
 */
export async function applyOrderRefund(tx: Tx, order: repo.OrderRow, refund: OrderRefund, now: Date) {
  const voided = await voidTicketsOfOrder(tx, order.id, refund.isFull ? 'all' : (refund.ticketIds ?? []));
  await repo.returnSeatsOfVoidedTickets(tx, order.id, voided);
  await repo.updateOrder(tx, order.id, {
    refundedCents: Math.min(refund.refundedCents, order.totalCents),
    status: refund.isFull ? 'refunded' : 'partially_refunded',
    closedAt: refund.isFull ? now : null,
  });
}

/** Whether the order was paid at some point (refunds keep it so: it is never paid again). */
export function hasBeenPaid(order: Pick<repo.OrderRow, 'status'>): boolean {
  return order.status === 'paid' || order.status === 'partially_refunded' || order.status === 'refunded';
}
