import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { apportion } from './apportion';

export interface TicketTypeStatsRow {
  ticketTypeId: string;
  name: string;
  sold: number;
  held: number;
  capacity: number;
  revenueCents: number;
}

export interface SalesDayRow {
  date: string;
  tickets: number;
  revenueCents: number;
}

export interface ChannelRow {
  channel: 'online' | 'comp' | 'cash';
  orders: number;
  tickets: number;
  revenueCents: number;
}

export interface EventStatsRow {
  grossCents: number;
  refundsCents: number;
  checkedIn: number;
  byTicketType: TicketTypeStatsRow[];
  salesByDay: SalesDayRow[];
  byChannel: ChannelRow[];
}

/**
 * Every figure of an event's dashboard in one statement, so they all come from one snapshot and
 * always add up. Each part reads one event through an index: ticket types by event, paid orders by
 * (event, status), their lines by event, void and checked-in tickets by (event, status), and live
 * holds past their deadline through the partial index of reserved orders.
 *
 * Stock (`sold`, `held`, `capacity`) comes from the ticket type counters (on an event with dates,
 * summed over its dates' stock rows), which checkout keeps exact in the same transactions that
 * sell, release and void; `held` leaves out holds past their deadline
 * that no sweep has closed yet. Money comes from paid orders (`paid`, `partially_refunded`,
 * `refunded`): their totals less what was refunded on them. An order's net is shared out over its
 * ticket types by the value of its tickets still valid (by what was ordered when none is), with the
 * rounding remainder on the last type, so the per-type figures add up to the event's exactly.
 */
export async function computeEventStats(
  db: DbOrTx,
  eventId: string,
  timezone: string,
  now: Date,
  /** Only this date of an event with dates (its orders, tickets and stock); null: every date. */
  dateId: string | null = null,
): Promise<EventStatsRow> {
  const ofDate = (column: SQL) => (dateId ? sql`AND ${column} = ${dateId}::uuid` : sql``);
  const result = await db.execute<{
    gross_cents: number;
    refunds_cents: number;
    checked_in: number;
    by_ticket_type: Array<Omit<TicketTypeStatsRow, 'revenueCents'> & { revenue: number }> | null;
    sales_by_day: SalesDayRow[] | null;
    by_channel: Array<Omit<ChannelRow, 'revenueCents'> & { revenueCents: string | number }> | null;
  }>(sql`
    WITH
    stale AS (
      SELECT coalesce(oi.stock_type_id, oi.ticket_type_id) AS stock_id, sum(oi.quantity)::int AS quantity
      FROM orders o JOIN order_items oi ON oi.order_id = o.id
      -- A bank transfer past its deadline holds its seats until the sweep too (awaiting_payment).
      WHERE (o.status = 'reserved' OR o.status = 'awaiting_payment')
        AND o.expires_at <= ${now}::timestamptz AND o.event_id = ${eventId}
      GROUP BY 1
    ),
    -- Every stock row counted, by its ticket type: the types' own rows and the dates' stock rows
    -- (all of them, or those of one date: a date's stock rows, or the types' own on the first date).
    stock AS (
      SELECT coalesce(s.parent_id, s.id) AS ticket_type_id, sum(s.sold)::int AS sold,
             sum(greatest(s.held - coalesce(st.quantity, 0), 0))::int AS held, sum(s.capacity)::int AS capacity
      FROM ticket_types s LEFT JOIN stale st ON st.stock_id = s.id
      WHERE s.event_id = ${eventId}
        ${
          dateId
            ? sql`AND (s.date_id = ${dateId}::uuid OR (s.parent_id IS NULL AND EXISTS (
                SELECT 1 FROM event_dates d WHERE d.id = ${dateId}::uuid AND d.uses_base_stock)))`
            : sql``
        }
      GROUP BY 1
    ),
    sold AS (
      SELECT o.id, o.subtotal_cents, o.total_cents, o.refunded_cents,
             coalesce(o.payment_method, 'online') AS channel,
             (coalesce(o.paid_at, o.created_at) AT TIME ZONE ${timezone})::date AS date
      FROM orders o
      WHERE o.event_id = ${eventId} AND o.status IN ('paid', 'partially_refunded', 'refunded') ${ofDate(sql`o.date_id`)}
    ),
    money AS (
      SELECT s.date, sum(s.total_cents)::bigint AS gross, sum(s.refunded_cents)::bigint AS refunded
      FROM sold s GROUP BY ROLLUP (s.date)
    ),
    voided AS (
      SELECT t.order_id, t.ticket_type_id, count(*)::int AS n
      FROM tickets t WHERE t.event_id = ${eventId} AND t.status = 'void' ${ofDate(sql`t.date_id`)}
      GROUP BY t.order_id, t.ticket_type_id
    ),
    -- The few orders that lost tickets to refunds weigh their types by the tickets still valid.
    void_weights AS (
      SELECT oi.order_id,
             sum(greatest(oi.quantity - coalesce(v.n, 0), 0)::bigint * oi.unit_price_cents) AS live_total
      FROM order_items oi
      LEFT JOIN voided v ON v.order_id = oi.order_id AND v.ticket_type_id = oi.ticket_type_id
      WHERE oi.order_id IN (SELECT vo.order_id FROM voided vo)
      GROUP BY oi.order_id
    ),
    lines AS (
      SELECT oi.ticket_type_id, s.date, s.channel, s.total_cents - s.refunded_cents AS net,
             greatest(oi.quantity - coalesce(v.n, 0), 0) AS live,
             CASE
               WHEN vw.live_total > 0
                 THEN (greatest(oi.quantity - coalesce(v.n, 0), 0)::bigint * oi.unit_price_cents)::float8
                      / vw.live_total
               WHEN s.subtotal_cents > 0
                 THEN (oi.quantity::bigint * oi.unit_price_cents)::float8 / s.subtotal_cents
             END AS share
      FROM sold s
      JOIN order_items oi ON oi.order_id = s.id
      LEFT JOIN voided v ON v.order_id = oi.order_id AND v.ticket_type_id = oi.ticket_type_id
      LEFT JOIN void_weights vw ON vw.order_id = oi.order_id
      WHERE oi.event_id = ${eventId}
    ),
    shares AS (
      SELECT l.ticket_type_id, l.date, GROUPING(l.ticket_type_id) AS by_day,
             coalesce(sum(l.net * l.share), 0) AS revenue, sum(l.live)::int AS tickets
      FROM lines l GROUP BY GROUPING SETS ((l.ticket_type_id), (l.date))
    )
    SELECT
      (SELECT coalesce(m.gross, 0) FROM money m WHERE m.date IS NULL) AS gross_cents,
      (SELECT coalesce(m.refunded, 0) FROM money m WHERE m.date IS NULL) AS refunds_cents,
      (SELECT count(*)::int FROM tickets t
       WHERE t.event_id = ${eventId} AND t.status = 'checked_in' ${ofDate(sql`t.date_id`)}) AS checked_in,
      (SELECT json_agg(json_build_object(
                'ticketTypeId', tt.id,
                'name', tt.name,
                'sold', coalesce(k.sold, 0),
                'held', coalesce(k.held, 0),
                'capacity', coalesce(k.capacity, 0),
                'revenue', coalesce(sh.revenue, 0))
              ORDER BY tt.sort_order, tt.created_at, tt.id)
       FROM ticket_types tt
       LEFT JOIN stock k ON k.ticket_type_id = tt.id
       LEFT JOIN shares sh ON sh.by_day = 0 AND sh.ticket_type_id = tt.id
       WHERE tt.event_id = ${eventId} AND tt.parent_id IS NULL) AS by_ticket_type,
      (SELECT json_agg(json_build_object(
                'date', to_char(m.date, 'YYYY-MM-DD'),
                'tickets', coalesce(sh.tickets, 0),
                'revenueCents', m.gross - m.refunded)
              ORDER BY m.date)
       FROM money m LEFT JOIN shares sh ON sh.by_day = 1 AND sh.date = m.date
       WHERE m.date IS NOT NULL) AS sales_by_day,
      (SELECT json_agg(json_build_object(
                'channel', c.channel,
                'orders', (SELECT count(*)::int FROM sold s WHERE s.channel = c.channel),
                'tickets', (SELECT coalesce(sum(l.live), 0)::int FROM lines l WHERE l.channel = c.channel),
                'revenueCents', (SELECT coalesce(sum(s.total_cents - s.refunded_cents), 0)::bigint
                                 FROM sold s WHERE s.channel = c.channel))
              ORDER BY c.position)
       FROM (VALUES ('online', 1), ('comp', 2), ('cash', 3)) AS c(channel, position)) AS by_channel`);
  const row = result.rows[0];
  if (!row) throw new Error('the stats query returned no row');
  const grossCents = Number(row.gross_cents);
  const refundsCents = Number(row.refunds_cents);
  const types = row.by_ticket_type ?? [];
  const revenues = apportion(
    grossCents - refundsCents,
    types.map((type) => type.revenue),
  );
  return {
    grossCents,
    refundsCents,
    checkedIn: row.checked_in,
    byTicketType: types.map(({ revenue: _share, ...type }, index) => ({
      ...type,
      revenueCents: revenues[index] ?? 0,
    })),
    salesByDay: row.sales_by_day ?? [],
    // bigint sums arrive as JSON numbers here (json_build_object), kept exact up to 2^53.
    byChannel: (row.by_channel ?? []).map((channel) => ({
      ...channel,
      revenueCents: Number(channel.revenueCents),
    })),
  };
}
