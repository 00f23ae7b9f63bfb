import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import type { Clock } from '../../shared/clock';
import type { PaymentService } from '../payments/payments.service';
import { listOrderIdsOfEvent, releaseHolds } from './orders.repository';
import { listTicketTypes } from '../events';

/**
 * What cancelling an event does to its orders: live holds are closed (their buyers can no longer
 * pay) and every paid order is refunded in full, which voids its tickets. Each refund is its own
 * transaction with the order locked, so running this twice refunds nothing twice.
 */
export async function settleCancelledEvent(
  deps: { database: Database; clock: Clock; payments: PaymentService; logger: Logger },
  eventId: string,
): Promise<{ holdsClosed: number; ordersRefunded: number; failures: number }> {
  const { database, clock, payments, logger } = deps;
  const types = await listTicketTypes(database.db, eventId);
  let holdsClosed = 0;
  if (types.length > 0) {
    for (;;) {
      const closed = await releaseHolds(database.pool, {
        now: clock.now(),
        limit: 500,
        ticketTypeIds: types.map((type) => type.id),
        status: 'cancelled',
        onlyPastDeadline: false,
      });
      holdsClosed += closed.length;
      if (closed.length < 500) break;
    }
  }
  let ordersRefunded = 0;
  let failures = 0;
  for (const orderId of await listOrderIdsOfEvent(database.db, eventId, ['paid', 'partially_refunded'])) {
    try {
      await payments.refund(orderId, { reason: 'event_cancelled' });
      ordersRefunded++;
    } catch (error) {
      failures++;
      logger.error({ err: error, orderId, eventId }, 'refund after event cancellation failed');
    }
  }
  return { holdsClosed, ordersRefunded, failures };
}
