import { and, asc, eq, sql } from 'drizzle-orm';
import { preparedQuery } from '../../db/prepared';
import type { DbOrTx } from '../../db/client';
import { invoices, type RefundLine } from '../../db/schema';

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

/**
 * Organizations with paid orders created since `since` and not invoiced yet, or refunds made since
 * then without their credit note.
 */
export async function organizationsWithUninvoicedOrders(db: DbOrTx, since: Date): Promise<string[]> {
  const result = await db.execute<{ organization_id: string }>(sql`
    SELECT DISTINCT e.organization_id FROM events e
    WHERE EXISTS (
      SELECT 1 FROM orders o
      WHERE o.event_id = e.id AND o.created_at >= ${since}::timestamptz
        AND o.status IN ('paid', 'partially_refunded', 'refunded') AND o.total_cents > 0
        AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.kind = 'invoice'))
    UNION
    SELECT e.organization_id FROM refunds r JOIN events e ON e.id = r.event_id
    WHERE r.created_at >= ${since}::timestamptz
      AND EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = r.order_id AND i.kind = 'invoice')
      AND NOT EXISTS (SELECT 1 FROM invoices c WHERE c.refund_id = r.id AND c.kind = 'credit_note')`);
  return result.rows.map((row) => row.organization_id);
}

// Read for every confirmation and order page: prepared (planned once per connection).
const selectInvoicesOfOrder = preparedQuery('zevents_invoices_of_order', (db) =>
  db
    .select()
    .from(invoices)
    .where(eq(invoices.orderId, sql.placeholder('orderId')))
    .orderBy(asc(invoices.sequence)),
);

export async function listInvoicesOfOrder(db: DbOrTx, orderId: string): Promise<InvoiceRow[]> {
  return selectInvoicesOfOrder(db, { orderId });
}

export async function findInvoice(db: DbOrTx, id: string): Promise<InvoiceRow | undefined> {
  const rows = await db.select().from(invoices).where(eq(invoices.id, id));
  return rows[0];
}

/** The credit note of a refund, once numbered. */
export async function findCreditNoteOfRefund(db: DbOrTx, refundId: string): Promise<InvoiceRow | undefined> {
  const rows = await db
    .select()
    .from(invoices)
    .where(and(eq(invoices.refundId, refundId), eq(invoices.kind, 'credit_note')));
  return rows[0];
}

export interface RefundOfOrder {
  id: string;
  orderId: string;
  amountCents: number;
  lines: RefundLine[];
  createdAt: Date;
}

/** A refund of the order (the payments module writes them; a credit note reads what each gave back). */
export async function findRefundOfOrder(
  db: DbOrTx,
  orderId: string,
  refundId: string,
): Promise<RefundOfOrder | undefined> {
  const result = await db.execute<{
    id: string;
    amount_cents: string;
    lines: RefundLine[];
    created_at: Date;
  }>(sql`
    SELECT id, amount_cents, lines, created_at FROM refunds
    WHERE id = ${refundId}::uuid AND order_id = ${orderId}::uuid`);
  const row = result.rows[0];
  return row
    ? {
        id: row.id,
        orderId,
        amountCents: Number(row.amount_cents),
        lines: row.lines,
        createdAt: new Date(row.created_at),
      }
    : undefined;
}

/**
 * The order's latest refund of `amountCents` made at or before `before` (a refund notice recorded
 * without its refund's id names it by amount and time).
 */
export async function findRefundByAmount(
  db: DbOrTx,
  orderId: string,
  amountCents: number,
  before: Date,
): Promise<string | undefined> {
  const result = await db.execute<{ id: string }>(sql`
    SELECT id FROM refunds
    WHERE order_id = ${orderId}::uuid AND amount_cents = ${amountCents}
      -- JavaScript keeps milliseconds, PostgreSQL microseconds: the refund may read a little later.
      AND created_at < ${before}::timestamptz + interval '1 millisecond'
    ORDER BY created_at DESC, id DESC LIMIT 1`);
  return result.rows[0]?.id;
}
