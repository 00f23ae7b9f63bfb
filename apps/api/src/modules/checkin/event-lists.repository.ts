import type { AnswerValue, OrderStatus, TicketStatus } from '@zevents/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Cursor } from '../../shared/pagination';
import { parsePgTimestamp } from './pg-timestamp';

/**
 * The organizer's lists of one event: attendees (its tickets) and orders. Both are keyset-paginated
 * on an index that starts with event_id, so a page costs the same on the first and the last page,
 * and the CSV exports walk the same queries batch by batch.
 */

export interface ListSearch {
  /** ILIKE pattern for names and emails, already escaped and wrapped in %...%. */
  pattern?: string;
  /** The canonical short code when the search text can be one. */
  code?: string;
}

export interface AttendeeRow {
  ticketId: string;
  code: string;
  attendeeName: string;
  attendeeEmail: string | null;
  /** The attendee's answers to per-ticket questions. */
  answers: Record<string, AnswerValue>;
  buyerName: string;
  buyerEmail: string;
  ticketTypeId: string;
  ticketTypeName: string;
  status: TicketStatus;
  checkedInAt: Date | null;
  orderId: string;
  /** comp or cash when the organizer issued the order; null for a buyer's checkout. */
  paymentMethod: 'comp' | 'cash' | null;
  /** The event date it admits to (an event with dates). */
  dateId: string | null;
}

/** Attendees by name, then ticket id; the cursor is the (name, id) of the last row seen. */
export async function findAttendees(
  db: DbOrTx,
  eventId: string,
  filter: { status?: TicketStatus; search: ListSearch; dateId?: string },
  limit: number,
  after?: Cursor,
): Promise<AttendeeRow[]> {
  const { pattern, code } = filter.search;
  const conditions: SQL[] = [sql`t.event_id = ${eventId}::uuid`];
  if (filter.status) conditions.push(sql`t.status = ${filter.status}::ticket_status`);
  if (filter.dateId) conditions.push(sql`t.date_id = ${filter.dateId}::uuid`);
  if (pattern || code) {
    // One branch per table, each filtered before any join: an OR across the join would first
    // join every ticket of the event to its order and only then test the three columns.
    const branches: SQL[] = [];
    if (pattern)
      branches.push(
        sql`SELECT m.id FROM tickets m WHERE m.event_id = ${eventId}::uuid AND m.attendee_name ILIKE ${pattern}`,
        sql`SELECT m.id FROM orders mo JOIN tickets m ON m.order_id = mo.id
            WHERE mo.event_id = ${eventId}::uuid AND (mo.buyer_name ILIKE ${pattern} OR mo.buyer_email ILIKE ${pattern})`,
      );
    if (code)
      branches.push(sql`SELECT m.id FROM tickets m WHERE m.event_id = ${eventId}::uuid AND m.code = ${code}`);
    conditions.push(sql`t.id IN (${sql.join(branches, sql` UNION ALL `)})`);
  }
  if (after) conditions.push(sql`(t.attendee_name, t.id) > (${after.k}::text, ${after.id}::uuid)`);
  const result = await db.execute<{
    ticket_id: string;
    code: string;
    attendee_name: string;
    attendee_email: string | null;
    answers: Record<string, AnswerValue>;
    buyer_name: string;
    buyer_email: string;
    ticket_type_id: string;
    ticket_type_name: string;
    status: TicketStatus;
    checked_in_at: string | null;
    order_id: string;
    payment_method: 'comp' | 'cash' | null;
    date_id: string | null;
  }>(sql`
    SELECT t.id AS ticket_id, t.code, t.attendee_name, t.attendee_email, t.answers, o.buyer_name, o.buyer_email, t.ticket_type_id,
           tt.name AS ticket_type_name, t.status, t.checked_in_at, t.order_id, o.payment_method, t.date_id
    FROM tickets t
    JOIN orders o ON o.id = t.order_id
    JOIN ticket_types tt ON tt.id = t.ticket_type_id
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY t.attendee_name, t.id
    LIMIT ${limit}`);
  return result.rows.map((raw) => ({
    ticketId: raw.ticket_id,
    code: raw.code,
    attendeeName: raw.attendee_name,
    attendeeEmail: raw.attendee_email,
    answers: raw.answers,
    buyerName: raw.buyer_name,
    buyerEmail: raw.buyer_email,
    ticketTypeId: raw.ticket_type_id,
    ticketTypeName: raw.ticket_type_name,
    status: raw.status,
    checkedInAt: parsePgTimestamp(raw.checked_in_at),
    orderId: raw.order_id,
    paymentMethod: raw.payment_method,
    dateId: raw.date_id,
  }));
}

export interface EventOrderRow {
  id: string;
  status: OrderStatus;
  buyerName: string;
  buyerEmail: string;
  tickets: number;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  refundedCents: number;
  currency: string;
  expiresAt: Date;
  createdAt: Date;
  paidAt: Date | null;
  /** comp or cash for an organizer's order. */
  paymentMethod: 'comp' | 'cash' | null;
  /** The exact (microsecond) created_at as text: the keyset cursor key. */
  cursorKey: string;
}

/**
 * A hold past its deadline is `expired` for everyone before the sweep closes it, so the status
 * filter follows the status the API shows, not only the stored one.
 */
function statusCondition(status: OrderStatus, now: Date): SQL {
  if (status === 'reserved') return sql`o.status = 'reserved' AND o.expires_at > ${now}::timestamptz`;
  // A bank transfer is awaited until its deadline (expires_at), then expired like a hold.
  if (status === 'awaiting_payment')
    return sql`o.status = 'awaiting_payment' AND o.expires_at > ${now}::timestamptz`;
  if (status === 'expired')
    return sql`(o.status = 'expired' OR ((o.status = 'reserved' OR o.status = 'awaiting_payment') AND o.expires_at <= ${now}::timestamptz))`;
  return sql`o.status = ${status}::order_status`;
}

/** Orders newest first, then by id; the cursor is the (created_at, id) of the last row seen. */
export async function findEventOrders(
  db: DbOrTx,
  eventId: string,
  filter: { status?: OrderStatus; search: ListSearch; now: Date },
  limit: number,
  after?: Cursor,
): Promise<EventOrderRow[]> {
  const { pattern, code } = filter.search;
  const conditions: SQL[] = [sql`o.event_id = ${eventId}::uuid`];
  if (filter.status) conditions.push(statusCondition(filter.status, filter.now));
  if (pattern || code) {
    const matches: SQL[] = [];
    if (pattern) matches.push(sql`o.buyer_name ILIKE ${pattern}`, sql`o.buyer_email ILIKE ${pattern}`);
    if (code)
      matches.push(
        sql`EXISTS (SELECT 1 FROM tickets t WHERE t.event_id = o.event_id AND t.code = ${code} AND t.order_id = o.id)`,
      );
    conditions.push(sql`(${sql.join(matches, sql` OR `)})`);
  }
  if (after) conditions.push(sql`(o.created_at, o.id) < (${after.k}::timestamptz, ${after.id}::uuid)`);
  const result = await db.execute<{
    id: string;
    status: OrderStatus;
    buyer_name: string;
    buyer_email: string;
    tickets: number;
    subtotal_cents: number;
    discount_cents: number;
    total_cents: number;
    refunded_cents: number;
    currency: string;
    expires_at: string;
    created_at: string;
    paid_at: string | null;
    payment_method: 'comp' | 'cash' | null;
    cursor_key: string;
  }>(sql`
    SELECT o.id, o.status, o.buyer_name, o.buyer_email,
           (SELECT coalesce(sum(oi.quantity), 0)::int FROM order_items oi WHERE oi.order_id = o.id) AS tickets,
           o.subtotal_cents, o.discount_cents, o.total_cents, o.refunded_cents, o.currency, o.expires_at,
           o.created_at, o.paid_at, o.payment_method,
           to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_key
    FROM orders o
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY o.created_at DESC, o.id DESC
    LIMIT ${limit}`);
  return result.rows.map((raw) => ({
    id: raw.id,
    status: raw.status,
    buyerName: raw.buyer_name,
    buyerEmail: raw.buyer_email,
    tickets: raw.tickets,
    subtotalCents: raw.subtotal_cents,
    discountCents: raw.discount_cents,
    totalCents: raw.total_cents,
    refundedCents: raw.refunded_cents,
    currency: raw.currency,
    expiresAt: parsePgTimestamp(raw.expires_at),
    createdAt: parsePgTimestamp(raw.created_at),
    paidAt: parsePgTimestamp(raw.paid_at),
    paymentMethod: raw.payment_method,
    cursorKey: raw.cursor_key,
  }));
}
