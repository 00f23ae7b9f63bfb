import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { orders } from '../../db/schema';

/** Orders refunded because their event was cancelled are still open (pending) or closed since then (done). */
export async function countCancellationRefunds(
  db: DbOrTx,
  eventId: string,
  cancelledAt: Date,
): Promise<{ pending: number; done: number }> {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) FILTER (WHERE ${inArray(orders.status, ['paid', 'partially_refunded'])})::int`,
      done: sql<number>`count(*) FILTER (WHERE ${and(eq(orders.status, 'refunded'), gte(orders.closedAt, cancelledAt))})::int`,
    })
    .from(orders)
    .where(eq(orders.eventId, eventId));
  return { pending: row?.pending ?? 0, done: row?.done ?? 0 };
}
