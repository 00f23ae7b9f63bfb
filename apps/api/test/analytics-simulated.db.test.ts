import type { EventAnalytics } from '@zevents/contracts';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulateTraffic, type SimulationResult } from '../../../scripts/traffic-simulator';
import { createAnalyticsService } from '../src/modules/analytics';
import { describeSource } from '../src/modules/analytics/visitor-source';
import { systemClock } from '../src/shared/clock';
import { openSale } from './checkout-helpers';
import { createWorld, TEST_PASSWORD, type World } from './factories';
import { buildTestApp, TEST_CONFIG, testDatabase } from './harness';

/**
 * The proof: an event with simulated traffic (the `npm run simulate:traffic` script, run
 * against this file's server: visitors from several sources, selections, holds, promo codes,
 * abandonments, purchases and check-ins) shows every figure of its analytics, and each one is
 * recomputed here straight from the raw rows (page views, orders, their items and sources, tickets),
 * not from the rollups the report reads.
 */

const database = testDatabase();
const analytics = createAnalyticsService({
  db: database.db,
  clock: systemClock,
  publicUrl: TEST_CONFIG.publicUrl,
  flushMs: 3_600_000,
});
const t = buildTestApp({ database, analytics });
let world: World;
let server: Server;
let simulated: SimulationResult;
let figures: EventAnalytics;
let from: Date;
let to: Date;

const sql = async <R extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
  (await database.pool.query<R>(text, values)).rows;

beforeAll(async () => {
  world = await createWorld(t.app, database.db);
  const { event } = await openSale(t, world, [
    { name: 'GA', priceCents: 2500, capacity: 400 },
    { name: 'VIP', priceCents: 9000, capacity: 60 },
  ]);
  server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  from = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000);
  simulated = await simulateTraffic({
    baseUrl: `http://127.0.0.1:${port}`,
    email: world.owner.user?.email ?? '',
    password: TEST_PASSWORD,
    event: event.id,
    visitors: 160,
  });
  await analytics.flush();
  to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 3_600_000);
  const res = await world.owner.get(
    `/api/events/${event.id}/analytics?interval=hour&from=${from.toISOString()}&to=${to.toISOString()}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  figures = res.body as EventAnalytics;
}, 120_000);

afterAll(async () => {
  analytics.stop();
  await new Promise((resolve) => server?.close(resolve));
});

const eventId = () => simulated.eventId;
const PAID = `('paid', 'partially_refunded', 'refunded')`;

describe('an event with simulated traffic', () => {
  it('had something in every chart', () => {
    const { counts } = simulated;
    expect(counts.views).toBe(160);
    expect(counts.holds).toBeGreaterThan(0);
    expect(counts.paid).toBeGreaterThan(0);
    expect(figures.funnel.every((step) => step.count > 0)).toBe(true);
    expect(figures.sources.length).toBeGreaterThanOrEqual(4);
    expect(figures.series.some((bucket) => bucket.tickets > 0)).toBe(true);
  });

  it('has the funnel of the raw page views and orders', async () => {
    // A visitor counts once a day and step, as the report says.
    const steps = await sql<{ step: string; n: number }>(
      `SELECT step, count(*)::int AS n FROM (
         SELECT DISTINCT step, (viewed_at AT TIME ZONE 'UTC')::date, visitor FROM page_views WHERE event_id = $1
       ) v GROUP BY step`,
      [eventId()],
    );
    const step = (name: string) => steps.find((row) => row.step === name)?.n ?? 0;
    const [orders] = await sql<{ holds: number; paid: number }>(
      `SELECT count(*)::int AS holds, (count(*) FILTER (WHERE status IN ${PAID}))::int AS paid
       FROM orders WHERE event_id = $1 AND payment_method IS NULL`,
      [eventId()],
    );
    expect(figures.funnel.map((s) => [s.step, s.count])).toEqual([
      ['views', step('view')],
      ['selections', step('select')],
      ['holds', orders?.holds],
      ['details', step('details')],
      ['paid', orders?.paid],
    ]);
    // Every simulated visitor is one visitor; the script's own tally agrees.
    expect(step('view')).toBe(simulated.counts.views);
    expect(orders?.holds).toBe(simulated.counts.holds);
    expect(orders?.paid).toBe(simulated.counts.paid);
    for (let i = 1; i < figures.funnel.length; i++) {
      const previous = figures.funnel[i - 1]?.count ?? 0;
      expect(figures.funnel[i]?.conversion).toBeCloseTo(
        previous > 0 ? (figures.funnel[i]?.count ?? 0) / previous : 0,
      );
    }
  });

  it('has the abandonment of the raw cancelled and expired holds', async () => {
    const [totals] = await sql<{ orders: number; amount: string }>(
      `SELECT count(*)::int AS orders, coalesce(sum(total_cents), 0)::text AS amount
       FROM orders WHERE event_id = $1 AND status IN ('cancelled', 'expired')`,
      [eventId()],
    );
    const byType = await sql<{ ticket_type_id: string; tickets: number; amount: string }>(
      `SELECT oi.ticket_type_id, sum(oi.quantity)::int AS tickets, sum(oi.quantity * oi.unit_price_cents)::text AS amount
       FROM orders o JOIN order_items oi ON oi.order_id = o.id
       WHERE o.event_id = $1 AND o.status IN ('cancelled', 'expired') GROUP BY 1`,
      [eventId()],
    );
    expect(figures.abandonment.orders).toBe(totals?.orders);
    expect(figures.abandonment.orders).toBe(simulated.counts.abandoned);
    expect(figures.abandonment.amountCents).toBe(Number(totals?.amount));
    expect(figures.abandonment.tickets).toBe(byType.reduce((sum, row) => sum + row.tickets, 0));
    for (const row of byType)
      expect(figures.abandonment.byTicketType).toContainEqual(
        expect.objectContaining({
          ticketTypeId: row.ticket_type_id,
          tickets: row.tickets,
          amountCents: Number(row.amount),
        }),
      );
  });

  it('has the series of the raw rows, bucket by bucket', async () => {
    const views = await sql<{ hour: Date; views: number }>(
      `SELECT date_trunc('hour', viewed_at) AS hour, count(*)::int AS views FROM page_views
       WHERE event_id = $1 AND step = 'view' GROUP BY 1`,
      [eventId()],
    );
    const sales = await sql<{ hour: Date; orders: number; tickets: number; revenue: string }>(
      `SELECT date_trunc('hour', o.paid_at) AS hour, count(DISTINCT o.id)::int AS orders,
              (SELECT coalesce(sum(oi.quantity), 0) FROM order_items oi WHERE oi.order_id = ANY(array_agg(o.id)))::int AS tickets,
              sum(o.total_cents - o.refunded_cents)::text AS revenue
       FROM orders o WHERE o.event_id = $1 AND o.status IN ${PAID} GROUP BY 1`,
      [eventId()],
    );
    const holds = await sql<{ hour: Date; holds: number }>(
      `SELECT date_trunc('hour', created_at) AS hour, count(*)::int AS holds FROM orders
       WHERE event_id = $1 AND payment_method IS NULL GROUP BY 1`,
      [eventId()],
    );
    const bucket = (start: string) => figures.series.find((row) => row.start === start);
    for (const row of views) expect(bucket(row.hour.toISOString())?.views).toBe(row.views);
    for (const row of holds) expect(bucket(row.hour.toISOString())?.holds).toBe(row.holds);
    for (const row of sales)
      expect(bucket(row.hour.toISOString())).toMatchObject({
        orders: row.orders,
        tickets: row.tickets,
        revenueCents: Number(row.revenue),
      });
    const sum = (key: 'views' | 'holds' | 'orders' | 'tickets') =>
      figures.series.reduce((total, row) => total + row[key], 0);
    expect(sum('views')).toBe(views.reduce((total, row) => total + row.views, 0));
    expect(sum('orders')).toBe(sales.reduce((total, row) => total + row.orders, 0));
    expect(sum('tickets')).toBe(sales.reduce((total, row) => total + row.tickets, 0));
    expect(figures.velocity.ticketsSoFar).toBe(sum('tickets'));
  });

  it('has each source’s visitors and sales from the raw views and the orders’ sources', async () => {
    const visits = await sql<{ source: string; views: number; visitors: number }>(
      `SELECT source, count(*)::int AS views, count(DISTINCT ((viewed_at AT TIME ZONE 'UTC')::date, visitor))::int AS visitors
       FROM page_views WHERE event_id = $1 AND step = 'view' GROUP BY source`,
      [eventId()],
    );
    const sales = await sql<{ source: string; orders: number; tickets: number; revenue: string }>(
      `SELECT s.source, count(*)::int AS orders,
              sum((SELECT sum(oi.quantity) FROM order_items oi WHERE oi.order_id = o.id))::int AS tickets,
              sum(o.total_cents - o.refunded_cents)::text AS revenue
       FROM orders o JOIN order_sources s ON s.order_id = o.id
       WHERE o.event_id = $1 AND o.status IN ${PAID} AND o.payment_method IS NULL GROUP BY s.source`,
      [eventId()],
    );
    // The report names sources for people (a campaign's parts joined by " / "); each raw key a
    // beacon recorded becomes exactly one of them.
    const named = (raw: string) => {
      const { kind, source } = describeSource(raw, new Map());
      return `${kind}:${source}`;
    };
    const reported = new Map(figures.sources.map((source) => [`${source.kind}:${source.source}`, source]));
    expect([...reported.keys()].sort()).toEqual(
      [...new Set([...visits, ...sales].map((row) => named(row.source)))].sort(),
    );
    for (const row of visits)
      expect(reported.get(named(row.source))).toMatchObject({ views: row.views, visitors: row.visitors });
    for (const row of sales)
      expect(reported.get(named(row.source))).toMatchObject({
        orders: row.orders,
        tickets: row.tickets,
        revenueCents: Number(row.revenue),
      });
    for (const code of simulated.trackingLinkCodes) expect(reported.has(`tracking_link:${code}`)).toBe(true);
  });

  it('has each promo code’s holds, orders, discount and revenue from the orders', async () => {
    const codes = await sql<{
      code: string;
      holds: number;
      orders: number;
      discount: string;
      revenue: string;
    }>(
      `SELECT p.code, count(*)::int AS holds, (count(*) FILTER (WHERE o.status IN ${PAID}))::int AS orders,
              coalesce(sum(o.discount_cents) FILTER (WHERE o.status IN ${PAID}), 0)::text AS discount,
              coalesce(sum(o.total_cents - o.refunded_cents) FILTER (WHERE o.status IN ${PAID}), 0)::text AS revenue
       FROM orders o JOIN promo_codes p ON p.id = o.promo_code_id WHERE o.event_id = $1 GROUP BY p.code`,
      [eventId()],
    );
    expect(codes.reduce((sum, row) => sum + row.holds, 0)).toBe(simulated.counts.withPromoCode);
    expect(figures.promoCodes).toEqual(
      codes.map((row) =>
        expect.objectContaining({
          code: row.code,
          holds: row.holds,
          orders: row.orders,
          discountCents: Number(row.discount),
          revenueCents: Number(row.revenue),
          conversion: row.holds > 0 ? row.orders / row.holds : 0,
        }),
      ),
    );
  });

  it('has the door of the raw tickets: arrivals, check-ins by ticket type, the peak', async () => {
    const bins = await sql<{ start: Date; count: number }>(
      `SELECT date_bin('5 minutes', t.checked_in_at, TIMESTAMPTZ '2000-01-01T00:00:00Z') AS start, count(*)::int AS count
       FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id
       WHERE tt.event_id = $1 AND t.status = 'checked_in' GROUP BY 1 ORDER BY 1`,
      [eventId()],
    );
    const byType = await sql<{ id: string; checked_in: number; tickets: number }>(
      `SELECT tt.id, (count(t.id) FILTER (WHERE t.status = 'checked_in'))::int AS checked_in,
              (count(t.id) FILTER (WHERE t.status IN ('valid', 'checked_in')))::int AS tickets
       FROM ticket_types tt LEFT JOIN tickets t ON t.ticket_type_id = tt.id
       WHERE tt.event_id = $1 AND tt.parent_id IS NULL GROUP BY tt.id`,
      [eventId()],
    );
    const checkedIn = bins.reduce((sum, bin) => sum + bin.count, 0);
    expect(checkedIn).toBe(simulated.counts.checkedIn);
    expect(figures.door.checkedIn).toBe(checkedIn);
    expect(figures.door.tickets).toBe(byType.reduce((sum, row) => sum + row.tickets, 0));
    expect(figures.door.arrivals).toEqual(
      bins.map((bin) => ({ start: bin.start.toISOString(), count: bin.count })),
    );
    expect(figures.door.peakPerMinute).toBeCloseTo(Math.max(0, ...bins.map((bin) => bin.count)) / 5);
    for (const row of byType)
      expect(figures.door.byTicketType).toContainEqual(
        expect.objectContaining({ ticketTypeId: row.id, checkedIn: row.checked_in, tickets: row.tickets }),
      );
  });
});
