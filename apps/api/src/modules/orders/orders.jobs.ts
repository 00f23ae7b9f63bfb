import { z } from 'zod';
import { defineJob } from '../../jobs/job-registry';

/**
 * Refunds one paid order of a cancelled event (see event-cancellation.ts). Queued by the cancelling
 * transaction, one per order, so the organizer's request answers at once and a provider that fails
 * for a while only delays the refunds it failed (retried with backoff: 30 s, 1 min, 2 min ... about
 * 4 hours in all before the job is dead-lettered and shows in /metrics).
 */
export const REFUND_CANCELLED_ORDER = defineJob({
  name: 'orders.refund-cancelled-order',
  payload: z.object({ orderId: z.uuid() }),
  queue: { retryLimit: 9, retryDelaySeconds: 30 },
  // A provider call takes a few hundred milliseconds: several at once per worker, so a sold-out
  // event's thousands of refunds take minutes, not an hour.
  work: { batchSize: 20, concurrency: 4 },
});
