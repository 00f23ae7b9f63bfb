import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { analyticsSalts, trackingLinks } from '../../db/schema';

export type TrackingLinkRow = typeof trackingLinks.$inferSelect;

/** The day's salt: this one if the day had none yet, else the one another process stored first. */
export async function saltOfDay(db: DbOrTx, day: string, candidate: Buffer): Promise<Buffer> {
  await db.insert(analyticsSalts).values({ day, salt: candidate }).onConflictDoNothing();
  const rows = await db
    .select({ salt: analyticsSalts.salt })
    .from(analyticsSalts)
    .where(eq(analyticsSalts.day, day));
  const salt = rows[0]?.salt;
  if (!salt) throw new Error(`no analytics salt for ${day}`);
  return salt;
}

export async function deleteSaltsBefore(db: DbOrTx, day: string): Promise<void> {
  await db.delete(analyticsSalts).where(sql`${analyticsSalts.day} < ${day}::date`);
}

/** One beacon, counted. */
export interface Hit {
  eventId: string;
  at: Date;
  step: 'view' | 'select' | 'details';
  visitor: Buffer;
  source: string;
  path: string | null;
  orderId: string | null;
}

/**
 * Records a batch of beacons in one statement: the raw rows, each visitor's first hit of the day per
 * step (the unique counter), the hourly rollups (views + new visitors, added on top), and the
 * source of each order a checkout beacon names: the beacon's own, else the source of that visitor's
 * latest visit of the event (an order already paid then moves to it in the sales rollup). Beacons for unknown events are dropped (the foreign key would refuse
 * the whole batch).
 */
export async function recordHits(db: DbOrTx, hits: readonly Hit[]): Promise<void> {
  if (hits.length === 0) return;
  const column = <T>(pick: (hit: Hit) => T) => sql.param(hits.map(pick));
  await db.execute(sql`
    WITH raw AS (
      SELECT * FROM unnest(${column((h) => h.eventId)}::uuid[], ${column((h) => h.at)}::timestamptz[],
                           ${column((h) => h.step)}::text[], ${column((h) => `\\x${h.visitor.toString('hex')}`)}::bytea[],
                           ${column((h) => h.source)}::text[], ${column((h) => h.path)}::text[],
                           ${column((h) => h.orderId)}::uuid[])
        WITH ORDINALITY AS r(event_id, at, step, visitor, source, path, order_id, idx)
    ),
    hits AS MATERIALIZED (
      SELECT r.* FROM raw r WHERE EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id)
    ),
    stored AS (
      INSERT INTO page_views (event_id, viewed_at, step, visitor, source, path)
      SELECT event_id, at, step, visitor, source, path FROM hits
    ),
    fresh AS (
      INSERT INTO analytics_visitor_days (event_id, day, step, visitor)
      SELECT DISTINCT event_id, (at AT TIME ZONE 'UTC')::date, step, visitor FROM hits
      ON CONFLICT DO NOTHING
      RETURNING event_id, day, step, visitor
    ),
    -- A visitor new today counts once, on their first hit of the batch.
    firsts AS (
      SELECT DISTINCT ON (h.event_id, (h.at AT TIME ZONE 'UTC')::date, h.step, h.visitor) h.idx
      FROM hits h
      JOIN fresh f ON f.event_id = h.event_id AND f.day = (h.at AT TIME ZONE 'UTC')::date
                  AND f.step = h.step AND f.visitor = h.visitor
      ORDER BY h.event_id, (h.at AT TIME ZONE 'UTC')::date, h.step, h.visitor, h.at, h.idx
    ),
    rolled AS (
      INSERT INTO analytics_hourly AS a (event_id, hour, step, source, views, visitors)
      SELECT h.event_id, date_trunc('hour', h.at, 'UTC'), h.step, h.source, count(*)::int,
             count(*) FILTER (WHERE h.idx IN (SELECT idx FROM firsts))::int
      FROM hits h GROUP BY 1, 2, 3, 4
      ON CONFLICT (event_id, hour, step, source)
        DO UPDATE SET views = a.views + excluded.views, visitors = a.visitors + excluded.visitors
    ),
    attributed AS (
      INSERT INTO order_sources (order_id, event_id, source)
      SELECT DISTINCT ON (h.order_id) h.order_id, o.event_id,
             CASE WHEN h.source <> 'direct' THEN h.source
                  ELSE coalesce((SELECT pv.source FROM page_views pv
                                 WHERE pv.event_id = h.event_id AND pv.visitor = h.visitor
                                   AND pv.step = 'view' AND pv.source <> 'direct'
                                 ORDER BY pv.viewed_at DESC LIMIT 1), 'direct') END
      FROM hits h JOIN orders o ON o.id = h.order_id AND o.event_id = h.event_id
      WHERE h.order_id IS NOT NULL
      ORDER BY h.order_id, h.idx
      ON CONFLICT (order_id) DO NOTHING
      RETURNING order_id, source
    ),
    -- An order paid before its checkout beacon was recorded sits in the sales rollup without a
    -- source (''): it moves to the source now named.
    moved AS MATERIALIZED (
      SELECT o.event_id, date_trunc('hour', o.paid_at, 'UTC') AS hour, o.payment_method IS NULL AS online,
             a.source, count(*)::int AS orders,
             sum((SELECT coalesce(sum(i.quantity), 0) FROM order_items i WHERE i.order_id = o.id))::int AS tickets,
             sum(o.total_cents - o.refunded_cents)::bigint AS revenue
      FROM attributed a JOIN orders o ON o.id = a.order_id
      WHERE zevents_analytics_counted(o.status, o.paid_at)
      GROUP BY 1, 2, 3, 4
    ),
    gained AS (
      INSERT INTO analytics_sales_hourly AS r (event_id, hour, online, source, orders, tickets, revenue_cents)
      SELECT event_id, hour, online, source, orders, tickets, revenue FROM moved
      ON CONFLICT (event_id, hour, online, source) DO UPDATE
        SET orders = r.orders + excluded.orders, tickets = r.tickets + excluded.tickets,
            revenue_cents = r.revenue_cents + excluded.revenue_cents
    )
    UPDATE analytics_sales_hourly r
    SET orders = r.orders - m.orders, tickets = r.tickets - m.tickets, revenue_cents = r.revenue_cents - m.revenue
    FROM (SELECT event_id, hour, online, sum(orders)::int AS orders, sum(tickets)::int AS tickets,
                 sum(revenue)::bigint AS revenue
          FROM moved GROUP BY 1, 2, 3) m
    WHERE r.event_id = m.event_id AND r.hour = m.hour AND r.online = m.online AND r.source = ''`);
}

export async function insertTrackingLink(
  db: DbOrTx,
  link: { eventId: string; name: string; code: string; now: Date },
): Promise<TrackingLinkRow | undefined> {
  const rows = await db
    .insert(trackingLinks)
    .values({ eventId: link.eventId, name: link.name, code: link.code, createdAt: link.now })
    .onConflictDoNothing()
    .returning();
  return rows[0];
}

export async function listTrackingLinks(db: DbOrTx, eventId: string): Promise<TrackingLinkRow[]> {
  return db
    .select()
    .from(trackingLinks)
    .where(eq(trackingLinks.eventId, eventId))
    .orderBy(asc(trackingLinks.createdAt), asc(trackingLinks.id));
}

export async function findTrackingLink(db: DbOrTx, linkId: string): Promise<TrackingLinkRow | undefined> {
  const rows = await db.select().from(trackingLinks).where(eq(trackingLinks.id, linkId)).limit(1);
  return rows[0];
}

export async function deleteTrackingLink(db: DbOrTx, eventId: string, linkId: string): Promise<boolean> {
  const rows = await db
    .delete(trackingLinks)
    .where(and(eq(trackingLinks.id, linkId), eq(trackingLinks.eventId, eventId)))
    .returning({ id: trackingLinks.id });
  return rows.length > 0;
}

export interface SourceFigures {
  source: string;
  views: number;
  visitors: number;
  orders: number;
  tickets: number;
  revenueCents: number;
}

/**
 * Every source of the event's visits and sales in [from, to): views and unique visitors from the
 * hourly page-view rollups, paid orders (by the hour they were paid) with their tickets and net
 * revenue from the sales rollups, by the source their checkout beacon named.
 */
export async function sourceFigures(
  db: DbOrTx,
  eventId: string,
  from: Date,
  to: Date,
): Promise<SourceFigures[]> {
  const result = await db.execute<{
    source: string;
    views: number;
    visitors: number;
    orders: number;
    tickets: number;
    revenue: string;
  }>(sql`
    WITH visits AS (
      SELECT a.source, sum(a.views)::int AS views, sum(a.visitors)::int AS visitors
      FROM analytics_hourly a
      WHERE a.event_id = ${eventId}::uuid AND a.step = 'view' AND a.hour >= date_trunc('hour', ${from}::timestamptz, 'UTC')
        AND a.hour < ${to}::timestamptz
      GROUP BY a.source
    ),
    sales AS (
      SELECT r.source, sum(r.orders)::int AS orders, sum(r.tickets)::int AS tickets,
             sum(r.revenue_cents)::bigint AS revenue
      FROM analytics_sales_hourly r
      WHERE r.event_id = ${eventId}::uuid AND r.online AND r.source <> ''
        AND r.hour >= date_trunc('hour', ${from}::timestamptz, 'UTC') AND r.hour < ${to}::timestamptz
      GROUP BY r.source
    )
    SELECT coalesce(v.source, s.source) AS source, coalesce(v.views, 0) AS views,
           coalesce(v.visitors, 0) AS visitors, coalesce(s.orders, 0) AS orders,
           coalesce(s.tickets, 0) AS tickets, coalesce(s.revenue, 0)::text AS revenue
    FROM visits v FULL JOIN sales s ON s.source = v.source
    ORDER BY coalesce(v.visitors, 0) DESC, coalesce(s.orders, 0) DESC, 1`);
  return result.rows.map((row) => ({
    source: row.source,
    views: row.views,
    visitors: row.visitors,
    orders: row.orders,
    tickets: row.tickets,
    revenueCents: Number(row.revenue),
  }));
}

/** Unique visitors of each browser step in [from, to), from the rollups. */
export async function stepVisitors(
  db: DbOrTx,
  eventId: string,
  from: Date,
  to: Date,
): Promise<Record<'view' | 'select' | 'details', number>> {
  const result = await db.execute<{ step: string; visitors: number }>(sql`
    SELECT a.step, sum(a.visitors)::int AS visitors FROM analytics_hourly a
    WHERE a.event_id = ${eventId}::uuid AND a.hour >= date_trunc('hour', ${from}::timestamptz, 'UTC')
      AND a.hour < ${to}::timestamptz
    GROUP BY a.step`);
  const of = (step: string) => result.rows.find((row) => row.step === step)?.visitors ?? 0;
  return { view: of('view'), select: of('select'), details: of('details') };
}

/** The series of one period, bucketed by hour or day in the event's time zone. */
export async function seriesOf(
  db: DbOrTx,
  q: { eventId: string; from: Date; to: Date; interval: 'hour' | 'day'; timezone: string },
) {
  const bucket = (column: SQL) => sql`date_trunc(${q.interval}, ${column}, ${q.timezone})`;
  const result = await db.execute<{
    start: string;
    views: number;
    visitors: number;
    holds: number;
    orders: number;
    tickets: number;
    revenue: string;
  }>(sql`
    WITH buckets AS (
      SELECT generate_series(${bucket(sql`${q.from}::timestamptz`)}, ${q.to}::timestamptz - interval '1 microsecond',
                             ('1 ' || ${q.interval})::interval) AS start
    ),
    visits AS (
      SELECT ${bucket(sql`a.hour`)} AS start, sum(a.views)::int AS views, sum(a.visitors)::int AS visitors
      FROM analytics_hourly a
      WHERE a.event_id = ${q.eventId}::uuid AND a.step = 'view'
        AND a.hour >= date_trunc('hour', ${q.from}::timestamptz, 'UTC') AND a.hour < ${q.to}::timestamptz
      GROUP BY 1
    ),
    holds AS (
      SELECT ${bucket(sql`o.created_at`)} AS start, count(*)::int AS holds
      FROM orders o
      WHERE o.event_id = ${q.eventId}::uuid AND o.payment_method IS NULL
        AND o.created_at >= ${q.from}::timestamptz AND o.created_at < ${q.to}::timestamptz
      GROUP BY 1
    ),
    sales AS (
      SELECT ${bucket(sql`r.hour`)} AS start, sum(r.orders)::int AS orders, sum(r.tickets)::int AS tickets,
             sum(r.revenue_cents)::bigint AS revenue
      FROM analytics_sales_hourly r
      WHERE r.event_id = ${q.eventId}::uuid
        AND r.hour >= date_trunc('hour', ${q.from}::timestamptz, 'UTC') AND r.hour < ${q.to}::timestamptz
      GROUP BY 1
    )
    SELECT b.start, coalesce(v.views, 0) AS views, coalesce(v.visitors, 0) AS visitors,
           coalesce(h.holds, 0) AS holds, coalesce(s.orders, 0) AS orders, coalesce(s.tickets, 0) AS tickets,
           coalesce(s.revenue, 0)::text AS revenue
    FROM buckets b
    LEFT JOIN visits v ON v.start = b.start
    LEFT JOIN holds h ON h.start = b.start
    LEFT JOIN sales s ON s.start = b.start
    ORDER BY b.start`);
  return result.rows.map((row) => ({
    start: new Date(row.start).toISOString(),
    views: row.views,
    visitors: row.visitors,
    holds: row.holds,
    orders: row.orders,
    tickets: row.tickets,
    revenueCents: Number(row.revenue),
  }));
}

/** Buyers' holds (not the box office's) created in the period, and the paid orders paid in it. */
export async function orderCounts(db: DbOrTx, eventId: string, from: Date, to: Date) {
  const result = await db.execute<{ holds: number; paid: number }>(sql`
    SELECT
      (SELECT count(*)::int FROM orders o WHERE o.event_id = ${eventId}::uuid AND o.payment_method IS NULL
         AND o.created_at >= ${from}::timestamptz AND o.created_at < ${to}::timestamptz) AS holds,
      (SELECT coalesce(sum(r.orders), 0)::int FROM analytics_sales_hourly r
       WHERE r.event_id = ${eventId}::uuid AND r.online
         AND r.hour >= date_trunc('hour', ${from}::timestamptz, 'UTC') AND r.hour < ${to}::timestamptz) AS paid`);
  return result.rows[0] ?? { holds: 0, paid: 0 };
}

/** Holds of the period that ran out or were cancelled, with what they left behind per ticket type. */
export async function abandonedHolds(db: DbOrTx, eventId: string, from: Date, to: Date) {
  const result = await db.execute<{
    ticket_type_id: string;
    name: string;
    orders: number;
    tickets: number;
    amount: string;
  }>(sql`
    SELECT oi.ticket_type_id, tt.name, count(DISTINCT o.id)::int AS orders, sum(oi.quantity)::int AS tickets,
           sum(oi.quantity * oi.unit_price_cents)::bigint::text AS amount
    FROM orders o
    JOIN order_items oi ON oi.order_id = o.id
    JOIN ticket_types tt ON tt.id = oi.ticket_type_id
    WHERE o.event_id = ${eventId}::uuid AND o.status IN ('expired', 'cancelled')
      AND o.created_at >= ${from}::timestamptz AND o.created_at < ${to}::timestamptz
    GROUP BY oi.ticket_type_id, tt.name, tt.sort_order
    ORDER BY tt.sort_order, tt.name`);
  const totals = await db.execute<{ orders: number; amount: string }>(sql`
    SELECT count(*)::int AS orders, coalesce(sum(o.total_cents), 0)::bigint::text AS amount
    FROM orders o
    WHERE o.event_id = ${eventId}::uuid AND o.status IN ('expired', 'cancelled')
      AND o.created_at >= ${from}::timestamptz AND o.created_at < ${to}::timestamptz`);
  const byTicketType = result.rows.map((row) => ({
    ticketTypeId: row.ticket_type_id,
    name: row.name,
    tickets: row.tickets,
    amountCents: Number(row.amount),
  }));
  return {
    orders: totals.rows[0]?.orders ?? 0,
    tickets: byTicketType.reduce((sum, type) => sum + type.tickets, 0),
    amountCents: Number(totals.rows[0]?.amount ?? 0),
    byTicketType,
  };
}

/** Each promo code used in the period: holds made with it, paid orders, discount and revenue. */
export async function promoCodeFigures(db: DbOrTx, eventId: string, from: Date, to: Date) {
  const result = await db.execute<{
    id: string;
    code: string;
    holds: number;
    orders: number;
    discount: string;
    revenue: string;
  }>(sql`
    SELECT p.id, p.code,
           count(*) FILTER (WHERE o.created_at >= ${from}::timestamptz AND o.created_at < ${to}::timestamptz)::int AS holds,
           count(*) FILTER (WHERE o.status IN ('paid', 'partially_refunded', 'refunded')
                              AND o.paid_at >= ${from}::timestamptz AND o.paid_at < ${to}::timestamptz)::int AS orders,
           coalesce(sum(o.discount_cents) FILTER (WHERE o.status IN ('paid', 'partially_refunded', 'refunded')
                              AND o.paid_at >= ${from}::timestamptz AND o.paid_at < ${to}::timestamptz), 0)::bigint::text AS discount,
           coalesce(sum(o.total_cents - o.refunded_cents) FILTER (WHERE o.status IN ('paid', 'partially_refunded', 'refunded')
                              AND o.paid_at >= ${from}::timestamptz AND o.paid_at < ${to}::timestamptz), 0)::bigint::text AS revenue
    FROM orders o JOIN promo_codes p ON p.id = o.promo_code_id
    WHERE o.event_id = ${eventId}::uuid AND o.promo_code_id IS NOT NULL AND o.created_at < ${to}::timestamptz
    GROUP BY p.id, p.code
    ORDER BY 4 DESC, 2`);
  return result.rows
    .filter((row) => row.holds > 0 || row.orders > 0)
    .map((row) => ({
      promoCodeId: row.id,
      code: row.code,
      holds: row.holds,
      orders: row.orders,
      discountCents: Number(row.discount),
      revenueCents: Number(row.revenue),
      conversion: row.holds > 0 ? row.orders / row.holds : 0,
    }));
}

/** Tickets paid in [since, until), and what every stock row of the event has left now. */
export async function salesPace(db: DbOrTx, eventId: string, since: Date, until: Date) {
  const result = await db.execute<{ tickets: number; remaining: number; so_far: number }>(sql`
    SELECT
      (SELECT coalesce(sum(r.tickets), 0)::int FROM analytics_sales_hourly r
       WHERE r.event_id = ${eventId}::uuid AND r.hour >= date_trunc('hour', ${since}::timestamptz, 'UTC')
         AND r.hour < ${until}::timestamptz) AS tickets,
      (SELECT coalesce(sum(greatest(t.capacity - t.sold - t.held, 0)), 0)::int FROM ticket_types t
       WHERE t.event_id = ${eventId}::uuid) AS remaining,
      (SELECT coalesce(sum(r.tickets), 0)::int FROM analytics_sales_hourly r WHERE r.event_id = ${eventId}::uuid) AS so_far`);
  const row = result.rows[0];
  return { tickets: row?.tickets ?? 0, remaining: row?.remaining ?? 0, soFar: row?.so_far ?? 0 };
}

/**
 * The organization's latest earlier events (up to five), each with the tickets it had sold as long
 * before its start as `lead` (this event's time to its start), and in all; from the sales rollups.
 */
export async function earlierEventsAtSamePoint(
  db: DbOrTx,
  q: { organizationId: string; eventId: string; startsAt: Date; leadMs: number },
) {
  const result = await db.execute<{
    id: string;
    title: string;
    starts_at: string;
    at_point: number;
    final: number;
  }>(sql`
    SELECT e.id, e.title, e.starts_at,
           (SELECT coalesce(sum(r.tickets), 0)::int FROM analytics_sales_hourly r
            WHERE r.event_id = e.id AND r.hour < e.starts_at - ${q.leadMs} * interval '1 millisecond') AS at_point,
           (SELECT coalesce(sum(r.tickets), 0)::int FROM analytics_sales_hourly r WHERE r.event_id = e.id) AS final
    FROM events e
    WHERE e.organization_id = ${q.organizationId}::uuid AND e.id <> ${q.eventId}::uuid
      AND e.status <> 'draft' AND e.starts_at < ${q.startsAt}::timestamptz
    ORDER BY e.starts_at DESC
    LIMIT 5`);
  return result.rows.map((row) => ({
    eventId: row.id,
    title: row.title,
    startsAt: new Date(row.starts_at).toISOString(),
    ticketsAtSamePoint: row.at_point,
    ticketsFinal: row.final,
  }));
}

/** The door: check-ins in 5-minute bins, and checked-in against admitting tickets per type. */
export async function doorFigures(db: DbOrTx, eventId: string) {
  // Both through the tickets' (ticket type, status) index: the checked-in ones only, and counts.
  const bins = await db.execute<{ start: string; count: number }>(sql`
    SELECT date_bin('5 minutes', t.checked_in_at, TIMESTAMPTZ '2000-01-01T00:00:00Z') AS start, count(*)::int AS count
    FROM ticket_types tt JOIN tickets t ON t.ticket_type_id = tt.id AND t.status = 'checked_in'
    WHERE tt.event_id = ${eventId}::uuid AND tt.parent_id IS NULL
    GROUP BY 1 ORDER BY 1`);
  const types = await db.execute<{ id: string; name: string; checked_in: number; tickets: number }>(sql`
    SELECT tt.id, tt.name,
           (SELECT count(*) FROM tickets t WHERE t.ticket_type_id = tt.id AND t.status = 'checked_in')::int AS checked_in,
           (SELECT count(*) FROM tickets t WHERE t.ticket_type_id = tt.id AND t.status IN ('valid', 'checked_in'))::int AS tickets
    FROM ticket_types tt
    WHERE tt.event_id = ${eventId}::uuid AND tt.parent_id IS NULL
    ORDER BY tt.sort_order, tt.created_at, tt.id`);
  return {
    arrivals: bins.rows.map((row) => ({ start: new Date(row.start).toISOString(), count: row.count })),
    byTicketType: types.rows.map((row) => ({
      ticketTypeId: row.id,
      name: row.name,
      checkedIn: row.checked_in,
      tickets: row.tickets,
    })),
  };
}

/** Every event of an organization with its stock, and its visitors and sales in [from, to). */
export async function organizationEventFigures(db: DbOrTx, organizationId: string, from: Date, to: Date) {
  const result = await db.execute<{
    id: string;
    title: string;
    status: 'draft' | 'published' | 'cancelled';
    starts_at: string;
    currency: string;
    sold: number;
    capacity: number;
    visitors: number;
    orders: number;
    online_orders: number;
    tickets: number;
    revenue: string;
  }>(sql`
    SELECT e.id, e.title, e.status, e.starts_at, e.currency,
           coalesce(st.sold, 0) AS sold, coalesce(st.capacity, 0) AS capacity,
           coalesce(v.visitors, 0) AS visitors, coalesce(s.orders, 0) AS orders,
           coalesce(s.online_orders, 0) AS online_orders, coalesce(s.tickets, 0) AS tickets,
           coalesce(s.revenue, 0)::text AS revenue
    FROM events e
    LEFT JOIN LATERAL (
      SELECT sum(t.sold)::int AS sold, sum(t.capacity)::int AS capacity FROM ticket_types t WHERE t.event_id = e.id
    ) st ON true
    LEFT JOIN LATERAL (
      SELECT sum(a.visitors)::int AS visitors FROM analytics_hourly a
      WHERE a.event_id = e.id AND a.step = 'view' AND a.hour >= date_trunc('hour', ${from}::timestamptz, 'UTC')
        AND a.hour < ${to}::timestamptz
    ) v ON true
    LEFT JOIN LATERAL (
      SELECT sum(r.orders)::int AS orders, (sum(r.orders) FILTER (WHERE r.online))::int AS online_orders,
             sum(r.tickets)::int AS tickets, sum(r.revenue_cents)::bigint AS revenue
      FROM analytics_sales_hourly r
      WHERE r.event_id = e.id AND r.hour >= date_trunc('hour', ${from}::timestamptz, 'UTC') AND r.hour < ${to}::timestamptz
    ) s ON true
    WHERE e.organization_id = ${organizationId}::uuid
    ORDER BY e.starts_at DESC, e.id
    LIMIT 500`);
  return result.rows.map((row) => ({
    eventId: row.id,
    title: row.title,
    status: row.status,
    startsAt: new Date(row.starts_at).toISOString(),
    currency: row.currency,
    sold: row.sold,
    capacity: row.capacity,
    sellThrough: row.capacity > 0 ? row.sold / row.capacity : 0,
    visitors: row.visitors,
    orders: row.orders,
    tickets: row.tickets,
    revenueCents: Number(row.revenue),
    conversion: row.visitors > 0 ? row.online_orders / row.visitors : 0,
  }));
}

/** An organization's sales over time, by bucket (in `timezone`) and currency. */
export async function organizationSeries(
  db: DbOrTx,
  q: { organizationId: string; from: Date; to: Date; interval: 'hour' | 'day'; timezone: string },
) {
  const result = await db.execute<{
    start: string;
    currency: string;
    orders: number;
    tickets: number;
    revenue: string;
  }>(sql`
    SELECT date_trunc(${q.interval}, r.hour, ${q.timezone}) AS start, e.currency,
           sum(r.orders)::int AS orders, sum(r.tickets)::int AS tickets, sum(r.revenue_cents)::bigint::text AS revenue
    FROM events e JOIN analytics_sales_hourly r ON r.event_id = e.id
    WHERE e.organization_id = ${q.organizationId}::uuid
      AND r.hour >= date_trunc('hour', ${q.from}::timestamptz, 'UTC') AND r.hour < ${q.to}::timestamptz
    GROUP BY 1, 2
    ORDER BY 1, 2`);
  return result.rows.map((row) => ({
    start: new Date(row.start).toISOString(),
    currency: row.currency,
    orders: row.orders,
    tickets: row.tickets,
    revenueCents: Number(row.revenue),
  }));
}
