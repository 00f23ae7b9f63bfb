/**
 * Analytics benchmark (issue 16): GET /api/events/{eventId}/analytics on one event with 1,000,000
 * page views and 100,000 orders, answered from the hourly rollups and the orders. Prints the
 * report's time beside its target (<= 200 ms) and, as the reference from the same run, one naive
 * count over the raw page views (what the report would cost without rollups, for one figure).
 *
 *   npm run bench:analytics                     (throwaway embedded PostgreSQL)
 *   DATABASE_URL=postgres://... npm run bench:analytics
 *   BENCH_VIEWS=200000 BENCH_ORDERS=20000 npm run bench:analytics   (a smaller run)
 */
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDatabase } from '../apps/api/src/db/client';
import { createAnalyticsService } from '../apps/api/src/modules/analytics';
import { systemClock } from '../apps/api/src/shared/clock';
import { createBenchEvent, createBenchOrganizer, startBenchDatabase } from './bench-support';

const VIEWS = Number(process.env.BENCH_VIEWS ?? 1_000_000);
const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const TARGET_MS = 200;

async function main(): Promise<void> {
  const { url, stop } = await startBenchDatabase();
  const database = createDatabase(url, 6);
  const { db } = database;
  try {
    const organizer = await createBenchOrganizer(db);
    const sale = await createBenchEvent(organizer, {
      title: 'Analytics bench',
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      ticketType: { name: 'GA', priceCents: 2500, capacity: 10_000_000, maxPerOrder: 10 },
    });
    const started = performance.now();
    await seed(db, sale);
    console.log(
      `seeded ${VIEWS} page views and ${ORDERS} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    const analytics = createAnalyticsService({ db, clock: systemClock, publicUrl: 'http://localhost:3000' });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const report = await analytics.report(organizer.auth, sale.eventId, { interval: 'day' });
      times.push(performance.now() - t0);
      if (i === 0)
        console.log(
          `  funnel: ${report.funnel.map((step) => `${step.step} ${step.count}`).join(', ')}; ` +
            `${report.sources.length} sources, ${report.series.length} days`,
        );
    }
    analytics.stop();
    const naive: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await db.execute(
        sql`SELECT count(DISTINCT visitor) FROM page_views WHERE event_id = ${sale.eventId}::uuid`,
      );
      naive.push(performance.now() - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
    console.log(
      `\nGET /api/events/{id}/analytics (a month by day), ${VIEWS} views and ${ORDERS} orders, ${RUNS} runs`,
    );
    console.log(
      `  p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${at(1).toFixed(0)} ms (target <= ${TARGET_MS} ms)`,
    );
    console.log(
      `  reference, same run: one count of unique visitors over the raw rows: ${Math.min(...naive).toFixed(0)} ms`,
    );
  } finally {
    await database.close();
    await stop();
  }
}

/** Page views over 30 days from 300,000 visitors and 6 sources, with their rollups; paid orders with items, sources and tickets. */
async function seed(
  db: ReturnType<typeof createDatabase>['db'],
  sale: { eventId: string; ticketTypeId: string },
): Promise<void> {
  const event = sql`${sale.eventId}::uuid`;
  await db.execute(sql`
    INSERT INTO page_views (event_id, viewed_at, step, visitor, source, path)
    SELECT ${event}, now() - (random() * 30 * 86400) * interval '1 second',
           CASE WHEN g % 25 = 0 THEN 'details' WHEN g % 10 = 0 THEN 'select' ELSE 'view' END,
           substring(decode(md5((g % 300000)::text), 'hex') from 1 for 16),
           (ARRAY['direct', 'ref:poster', 'utm:newsletter|email|spring', 'referrer:example.org',
                  'referrer:news.example.com', 'ref:radio'])[1 + g % 6],
           '/events/bench'
    FROM generate_series(1, ${VIEWS}) g`);
  await db.execute(sql`
    INSERT INTO analytics_hourly (event_id, hour, step, source, views, visitors)
    SELECT event_id, date_trunc('hour', viewed_at, 'UTC'), step, source, count(*), count(DISTINCT visitor)
    FROM page_views WHERE event_id = ${event} GROUP BY 1, 2, 3, 4`);
  await db.execute(sql`
    INSERT INTO orders (id, event_id, status, buyer_name, buyer_email, subtotal_cents, discount_cents, total_cents,
                        currency, expires_at, created_at, paid_at)
    SELECT gen_random_uuid(), ${event}, CASE WHEN g % 8 = 0 THEN 'expired'::order_status ELSE 'paid'::order_status END,
           'Buyer ' || g, 'buyer-' || g || '@example.test', 2500 * (1 + g % 4), 0, 2500 * (1 + g % 4), 'EUR',
           t.at + interval '15 minutes', t.at, CASE WHEN g % 8 = 0 THEN NULL ELSE t.at + interval '2 minutes' END
    FROM generate_series(1, ${ORDERS}) g
    -- g * 0 ties the lateral to each row, so every order draws its own moment.
    CROSS JOIN LATERAL (SELECT now() - (random() * 30 * 86400 + g * 0) * interval '1 second' AS at) t`);
  await db.execute(sql`
    INSERT INTO order_items (order_id, ticket_type_id, event_id, quantity, unit_price_cents, total_cents)
    SELECT o.id, ${sale.ticketTypeId}::uuid, o.event_id, o.total_cents / 2500, 2500, o.total_cents FROM orders o WHERE o.event_id = ${event}`);
  await db.execute(sql`
    INSERT INTO order_sources (order_id, event_id, source)
    SELECT o.id, o.event_id, (ARRAY['direct', 'ref:poster', 'utm:newsletter|email|spring', 'referrer:example.org'])[1 + (hashtext(o.id::text) & 3)]
    FROM orders o WHERE o.event_id = ${event}`);
  await db.execute(sql`
    INSERT INTO tickets (order_id, event_id, ticket_type_id, code, attendee_name, status, checked_in_at)
    SELECT o.id, o.event_id, oi.ticket_type_id, upper(substr(md5(o.id::text || n), 1, 4) || '-' || substr(md5(o.id::text || n), 5, 4)),
           o.buyer_name, CASE WHEN n = 1 AND hashtext(o.id::text) % 3 = 0 THEN 'checked_in'::ticket_status ELSE 'valid'::ticket_status END,
           CASE WHEN n = 1 AND hashtext(o.id::text) % 3 = 0 THEN now() - (random() * 3 * 3600) * interval '1 second' END
    FROM orders o JOIN order_items oi ON oi.order_id = o.id CROSS JOIN LATERAL generate_series(1, oi.quantity) n
    WHERE o.event_id = ${event} AND o.status = 'paid'
    ON CONFLICT DO NOTHING`);
  // The sources came after their orders here (in life the checkout beacon comes before the payment):
  // the sales rollup is rebuilt with them, as migration 0037 builds it.
  await db.execute(sql`DELETE FROM analytics_sales_hourly WHERE event_id = ${event}`);
  await db.execute(sql`
    INSERT INTO analytics_sales_hourly (event_id, hour, online, source, orders, tickets, revenue_cents)
    SELECT o.event_id, date_trunc('hour', o.paid_at, 'UTC'), o.payment_method IS NULL, coalesce(s.source, ''),
           count(*), sum((SELECT coalesce(sum(i.quantity), 0) FROM order_items i WHERE i.order_id = o.id)),
           sum(o.total_cents - o.refunded_cents)
    FROM orders o LEFT JOIN order_sources s ON s.order_id = o.id
    WHERE o.event_id = ${event} AND o.paid_at IS NOT NULL AND o.status IN ('paid', 'partially_refunded', 'refunded')
    GROUP BY 1, 2, 3, 4`);
  await db.execute(sql`
    UPDATE ticket_types tt SET sold = (SELECT count(*) FROM tickets t WHERE t.ticket_type_id = tt.id AND t.status <> 'void')
    WHERE tt.id = ${sale.ticketTypeId}::uuid`);
  await db.execute(
    sql`ANALYZE page_views; ANALYZE analytics_hourly; ANALYZE orders; ANALYZE order_items; ANALYZE tickets; ANALYZE order_sources`,
  );
}

main().catch((error: unknown) => {
  pino().error(error);
  process.exit(1);
});
