import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';

/**
 * The financial report's sums, each one GROUP BY in PostgreSQL: sales (orders paid, partly or fully
 * refunded since) on the day they were paid, refunds of those orders on the day they were made. Every
 * query adds the sales rows and the refund rows of a key together (UNION ALL, then GROUP BY), so a
 * key with only one of them still appears, and NULL keys group together like other values.
 */

export type ReportScope =
  { kind: 'event'; eventId: string } | { kind: 'organization'; organizationId: string };

export interface ReportWindow {
  scope: ReportScope;
  /** First day, inclusive (YYYY-MM-DD in `timezone`); null: since the first sale. */
  from: string | null;
  /** Last day, inclusive. */
  to: string;
  timezone: string;
}

/** Sums every query shares: the sales part and the refunds part of a group. */
export interface SaleSums {
  orders: number;
  tickets: number;
  grossCents: number;
  discountCents: number;
  paidCents: number;
  feesPassedOnCents: number;
  feesAbsorbedCents: number;
  taxCents: number;
  refundsCents: number;
  refundedTaxCents: number;
  refundedFeesCents: number;
}

export type DayRow = SaleSums & { currency: string; date: string };
export type MethodRow = SaleSums & { currency: string; method: string };
export type TicketTypeRow = SaleSums & {
  currency: string;
  ticketTypeId: string | null;
  name: string | null;
  eventId: string | null;
  eventTitle: string | null;
};
export interface TaxRow {
  currency: string;
  taxRateId: string | null;
  name: string;
  rateBasisPoints: number;
  inclusive: boolean;
  taxCents: number;
  refundedTaxCents: number;
}

const SOLD = sql`o.status IN ('paid', 'partially_refunded', 'refunded')`;
const PAID_AT = sql`coalesce(o.paid_at, o.created_at)`;

function scopeOf(scope: ReportScope): SQL {
  return scope.kind === 'event'
    ? sql`o.event_id = ${scope.eventId}`
    : sql`o.event_id IN (SELECT e.id FROM events e WHERE e.organization_id = ${scope.organizationId})`;
}

/** The instants of the window's days in its time zone (DST-proof: midnight to midnight there). */
function inWindow(column: SQL, window: ReportWindow): SQL {
  const upper = sql`${column} < ((${window.to}::date + 1)::timestamp AT TIME ZONE ${window.timezone})`;
  if (window.from === null) return upper;
  return sql`${column} >= (${window.from}::date::timestamp AT TIME ZONE ${window.timezone}) AND ${upper}`;
}

function dayOf(column: SQL, timezone: string): SQL {
  return sql`to_char((${column} AT TIME ZONE ${timezone})::date, 'YYYY-MM-DD')`;
}

/** The orders sold in the window, as `o`. */
function salesWhere(window: ReportWindow): SQL {
  return sql`${scopeOf(window.scope)} AND ${SOLD} AND ${inWindow(PAID_AT, window)}`;
}

/** The tax and passed-on fee a refund gave back (its lines; none in an old row without lines). */
const REFUND_PARTS = sql`CROSS JOIN LATERAL (
  SELECT coalesce(sum((l->>'taxCents')::bigint), 0) AS tax, coalesce(sum((l->>'feeCents')::bigint), 0) AS fee
  FROM jsonb_array_elements(r.lines) l) parts`;

const ORDER_SALES = sql`count(*) AS orders,
  sum((SELECT coalesce(sum(oi.quantity), 0) FROM order_items oi WHERE oi.order_id = o.id)) AS tickets,
  sum(o.subtotal_cents) AS gross, sum(o.discount_cents) AS discount, sum(o.total_cents) AS paid,
  sum(CASE WHEN o.fee_passed_on THEN o.fee_cents ELSE 0 END) AS fees_passed_on,
  sum(CASE WHEN o.fee_passed_on THEN 0 ELSE o.fee_cents END) AS fees_absorbed,
  sum(o.tax_cents) AS tax, 0 AS refunds, 0 AS refunded_tax, 0 AS refunded_fees`;

const ORDER_REFUNDS = sql`0 AS orders, 0 AS tickets, 0 AS gross, 0 AS discount, 0 AS paid,
  0 AS fees_passed_on, 0 AS fees_absorbed, 0 AS tax,
  sum(r.amount_cents) AS refunds, sum(parts.tax) AS refunded_tax, sum(parts.fee) AS refunded_fees`;

const SUMS = sql`sum(orders)::text AS orders, sum(tickets)::text AS tickets, sum(gross)::text AS gross,
  sum(discount)::text AS discount, sum(paid)::text AS paid, sum(fees_passed_on)::text AS fees_passed_on,
  sum(fees_absorbed)::text AS fees_absorbed, sum(tax)::text AS tax, sum(refunds)::text AS refunds,
  sum(refunded_tax)::text AS refunded_tax, sum(refunded_fees)::text AS refunded_fees`;

// A type, not an interface: execute() wants rows it can index by name.
type RawSums = {
  orders: string;
  tickets: string;
  gross: string;
  discount: string;
  paid: string;
  fees_passed_on: string;
  fees_absorbed: string;
  tax: string;
  refunds: string;
  refunded_tax: string;
  refunded_fees: string;
};

function sumsOf(row: RawSums): SaleSums {
  return {
    orders: Number(row.orders),
    tickets: Number(row.tickets),
    grossCents: Number(row.gross),
    discountCents: Number(row.discount),
    paidCents: Number(row.paid),
    feesPassedOnCents: Number(row.fees_passed_on),
    feesAbsorbedCents: Number(row.fees_absorbed),
    taxCents: Number(row.tax),
    refundsCents: Number(row.refunds),
    refundedTaxCents: Number(row.refunded_tax),
    refundedFeesCents: Number(row.refunded_fees),
  };
}

export async function sumByDay(db: DbOrTx, window: ReportWindow): Promise<DayRow[]> {
  const { rows } = await db.execute<RawSums & { currency: string; date: string }>(sql`
    SELECT currency, date, ${SUMS} FROM (
      SELECT o.currency, ${dayOf(PAID_AT, window.timezone)} AS date, ${ORDER_SALES}
      FROM orders o WHERE ${salesWhere(window)} GROUP BY 1, 2
      UNION ALL
      SELECT o.currency, ${dayOf(sql`r.created_at`, window.timezone)} AS date, ${ORDER_REFUNDS}
      FROM ${refundsWithParts(window)}
      GROUP BY 1, 2
    ) parts GROUP BY currency, date ORDER BY currency, date`);
  return rows.map((row) => ({ currency: row.currency, date: row.date, ...sumsOf(row) }));
}

/** `refunds r JOIN orders o` with each refund's tax and fee parts, filtered to the window. */
function refundsWithParts(window: ReportWindow): SQL {
  return sql`refunds r JOIN orders o ON o.id = r.order_id ${REFUND_PARTS}
    WHERE ${scopeOf(window.scope)} AND ${SOLD} AND ${inWindow(sql`r.created_at`, window)}`;
}

export async function sumByPaymentMethod(db: DbOrTx, window: ReportWindow): Promise<MethodRow[]> {
  const method = sql`coalesce(o.payment_method, 'card')`;
  const { rows } = await db.execute<RawSums & { currency: string; method: string }>(sql`
    SELECT currency, method, ${SUMS} FROM (
      SELECT o.currency, ${method} AS method, ${ORDER_SALES}
      FROM orders o WHERE ${salesWhere(window)} GROUP BY 1, 2
      UNION ALL
      SELECT o.currency, ${method} AS method, ${ORDER_REFUNDS}
      FROM ${refundsWithParts(window)} GROUP BY 1, 2
    ) parts GROUP BY currency, method ORDER BY currency, method`);
  return rows.map((row) => ({ currency: row.currency, method: row.method, ...sumsOf(row) }));
}

/**
 * Per ticket type: its lines' own shares of the discount, fee and tax (order_items), and the parts
 * refunds gave back of them (refund lines). A refund row without lines has no ticket type: its
 * amount is all price, under a null type. `orders` counts the orders with a line of the type.
 */
export async function sumByTicketType(db: DbOrTx, window: ReportWindow): Promise<TicketTypeRow[]> {
  const { rows } = await db.execute<
    RawSums & {
      currency: string;
      ticket_type_id: string | null;
      name: string | null;
      event_id: string | null;
      event_title: string | null;
    }
  >(sql`
    SELECT parts.currency, parts.ticket_type_id, tt.name, tt.event_id, e.title AS event_title,
           ${SUMS}
    FROM (
      SELECT o.currency, oi.ticket_type_id, count(*) AS orders, sum(oi.quantity) AS tickets,
             sum(oi.unit_price_cents * oi.quantity) AS gross, sum(oi.discount_cents) AS discount,
             sum(oi.total_cents) AS paid,
             sum(CASE WHEN o.fee_passed_on THEN oi.fee_cents ELSE 0 END) AS fees_passed_on,
             sum(CASE WHEN o.fee_passed_on THEN 0 ELSE oi.fee_cents END) AS fees_absorbed,
             sum(oi.tax_cents) AS tax,
             0 AS refunds, 0 AS refunded_tax, 0 AS refunded_fees
      FROM orders o JOIN order_items oi ON oi.order_id = o.id
      WHERE ${salesWhere(window)} GROUP BY 1, 2
      UNION ALL
      SELECT o.currency, (l->>'ticketTypeId')::uuid, 0, 0, 0, 0, 0, 0, 0, 0,
             sum((l->>'priceCents')::bigint + (l->>'taxCents')::bigint + (l->>'feeCents')::bigint),
             sum((l->>'taxCents')::bigint), sum((l->>'feeCents')::bigint)
      FROM refunds r JOIN orders o ON o.id = r.order_id CROSS JOIN LATERAL jsonb_array_elements(r.lines) l
      WHERE ${scopeOf(window.scope)} AND ${SOLD} AND ${inWindow(sql`r.created_at`, window)}
      GROUP BY 1, 2
      UNION ALL
      SELECT o.currency, NULL::uuid, 0, 0, 0, 0, 0, 0, 0, 0, sum(r.amount_cents), 0, 0
      FROM refunds r JOIN orders o ON o.id = r.order_id
      WHERE ${scopeOf(window.scope)} AND ${SOLD} AND ${inWindow(sql`r.created_at`, window)}
        AND jsonb_array_length(r.lines) = 0
      GROUP BY 1
    ) parts
    LEFT JOIN ticket_types tt ON tt.id = parts.ticket_type_id
    LEFT JOIN events e ON e.id = tt.event_id
    GROUP BY parts.currency, parts.ticket_type_id, tt.name, tt.event_id, e.title, tt.sort_order
    ORDER BY parts.currency, e.title NULLS LAST, tt.sort_order, tt.name, parts.ticket_type_id`);
  return rows.map((row) => ({
    currency: row.currency,
    ticketTypeId: row.ticket_type_id,
    name: row.name,
    eventId: row.event_id,
    eventTitle: row.event_title,
    ...sumsOf(row),
  }));
}

/**
 * Per tax rate, as each line's snapshot names it (a rate renamed later still reads as it was sold):
 * the tax of the lines, and the tax refunds gave back of them. Untaxed lines are left out.
 */
export async function sumByTaxRate(db: DbOrTx, window: ReportWindow): Promise<TaxRow[]> {
  const rate = sql`oi.tax_rate_id, coalesce(oi.tax_name, 'Tax'), coalesce(oi.tax_rate_basis_points, 0),
    coalesce(oi.tax_inclusive, false)`;
  const { rows } = await db.execute<{
    currency: string;
    tax_rate_id: string | null;
    name: string;
    rate: number;
    inclusive: boolean;
    tax: string;
    refunded_tax: string;
  }>(sql`
    SELECT currency, tax_rate_id, name, rate, inclusive, sum(tax)::text AS tax,
           sum(refunded_tax)::text AS refunded_tax
    FROM (
      SELECT o.currency, ${rate}, sum(oi.tax_cents) AS tax, 0 AS refunded_tax
      FROM orders o JOIN order_items oi ON oi.order_id = o.id
      WHERE ${salesWhere(window)} AND (oi.tax_rate_id IS NOT NULL OR oi.tax_cents > 0)
      GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT o.currency, ${rate}, 0, sum((l->>'taxCents')::bigint)
      FROM refunds r JOIN orders o ON o.id = r.order_id CROSS JOIN LATERAL jsonb_array_elements(r.lines) l
      JOIN order_items oi ON oi.order_id = r.order_id AND oi.ticket_type_id = (l->>'ticketTypeId')::uuid
      WHERE ${scopeOf(window.scope)} AND ${SOLD} AND ${inWindow(sql`r.created_at`, window)}
        AND (oi.tax_rate_id IS NOT NULL OR oi.tax_cents > 0)
      GROUP BY 1, 2, 3, 4, 5
    ) parts (currency, tax_rate_id, name, rate, inclusive, tax, refunded_tax)
    GROUP BY currency, tax_rate_id, name, rate, inclusive
    ORDER BY currency, inclusive DESC, rate DESC, name, tax_rate_id`);
  return rows.map((row) => ({
    currency: row.currency,
    taxRateId: row.tax_rate_id,
    name: row.name,
    rateBasisPoints: Number(row.rate),
    inclusive: row.inclusive,
    taxCents: Number(row.tax),
    refundedTaxCents: Number(row.refunded_tax),
  }));
}

/** The organization's reporting time zone: its billing profile's, else none (UTC). */
export async function findReportTimezone(db: DbOrTx, organizationId: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ timezone: string }>(
    sql`SELECT timezone FROM billing_profiles WHERE organization_id = ${organizationId}`,
  );
  return rows[0]?.timezone;
}
