import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { invoices } from '../../db/schema';

export type InvoiceRow = typeof invoices.$inferSelect;

/**
 * Issues the invoices of an organization's paid orders created since `since` (migration 0044's
 * function: gapless numbers in the order of payment, under the organization's lock).
 */
export async function issueInvoices(
  db: DbOrTx,
  organizationId: string,
  since: Date,
  now: Date,
): Promise<number> {
  const result = await db.execute<{ issued: number }>(
    sql`SELECT zevents_issue_invoices(${organizationId}::uuid, ${since}::timestamptz, ${now}::timestamptz) AS issued`,
  );
  return result.rows[0]?.issued ?? 0;
}

/** Organizations with paid orders created since `since` and not invoiced yet. */
export async function organizationsWithUninvoicedOrders(db: DbOrTx, since: Date): Promise<string[]> {
  const result = await db.execute<{ organization_id: string }>(sql`
    SELECT DISTINCT e.organization_id FROM events e
    WHERE EXISTS (
      SELECT 1 FROM orders o
      WHERE o.event_id = e.id AND o.created_at >= ${since}::timestamptz
        AND o.status IN ('paid', 'partially_refunded', 'refunded') AND o.total_cents > 0
        AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.kind = 'invoice'))`);
  return result.rows.map((row) => row.organization_id);
}

export async function listInvoicesOfOrder(db: DbOrTx, orderId: string): Promise<InvoiceRow[]> {
  return db.select().from(invoices).where(eq(invoices.orderId, orderId)).orderBy(asc(invoices.sequence));
}
