/**
 * Flash-sale benchmark: the real server in its own process, autocannon beside it, many buyers
 * reserving one ticket type at once. Prints throughput, latency and the stock invariants.
 *
 *   npm run bench:flash-sale                    (throwaway embedded PostgreSQL)
 *   DATABASE_URL=postgres://... npm run bench:flash-sale
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=100 npm run bench:flash-sale
 *   BENCH_ONLY=reserve,sale BENCH_LOG_LEVEL=info npm run bench:flash-sale   (some parts; request logs on)
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:flash-sale   (profile the server)
 *
 * Every figure is printed beside its reference from the same run: a bare Express + pg endpoint
 * (bench/bare-reserve-server.ts) doing only the conditional UPDATE + INSERT, under the same load.
 * The reserve's target is >= 1.0x that reference.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDatabase } from '../apps/api/src/db/client';
import { createBenchEvent, createBenchOrganizer, startBenchDatabase, waitForHealth } from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3190);
/** Which parts to run (comma-separated), for quick A/B runs: reserve, reserve-keyed, sale, sale-keyed. */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'bare,reserve,reserve-keyed,sale,sale-keyed').split(','));
const BARE_PORT = PORT + 1;
/** The reserve's target against the bare endpoint, from the same run (issue: flash sale at scale). */
const TARGET_RATIO = 1.0;

async function main(): Promise<void> {
  const { url, stop: stopDb } = await startBenchDatabase();
  const database = createDatabase(url, 4);
  const db = database.db;

  const organizer = await createBenchOrganizer(db);
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const createSale = (capacity: number) =>
    createBenchEvent(organizer, {
      title: `Flash sale ${capacity}`,
      startsAt,
      ticketType: { name: 'GA', priceCents: 5000, capacity, maxPerOrder: 10 },
    });

  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const server = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', 'apps/api/src/main.ts', '--role=api'],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(PORT),
        SEED_DEMO: 'false',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
        // Every defence on, as in production behind a load balancer on this machine: each buyer
        // comes from its own address (X-Forwarded-For) with its own email, under both limits.
        TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
        HOLDS_PER_IP_PER_MINUTE: process.env.HOLDS_PER_IP_PER_MINUTE ?? '60',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  let bare: autocannon.Result | undefined;
  const compare = (title: string, result: autocannon.Result) => {
    report(title, result);
    if (!bare) return;
    const ratio = result.requests.average / bare.requests.average;
    console.log(
      `  vs bare Express + pg (${bare.requests.average.toFixed(0)} req/s, same run): ${ratio.toFixed(2)}x` +
        ` (target >= ${TARGET_RATIO.toFixed(1)}x)`,
    );
  };
  try {
    // 0. The reference: the bare endpoint under the same load, while the real server is not yet up.
    if (ONLY.has('bare')) {
      await db.execute(sql`CREATE TABLE IF NOT EXISTS bench_bare_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), ticket_type_id uuid NOT NULL,
        quantity int NOT NULL, buyer_email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
      const bareServer = spawn(process.execPath, ['--import', 'tsx', 'bench/bare-reserve-server.ts'], {
        env: { ...process.env, DATABASE_URL: url, PORT: String(BARE_PORT) },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      try {
        await waitForHealth(`http://127.0.0.1:${BARE_PORT}/healthz`);
        bare = await fire(await createSale(10_000_000), { duration: SECONDS }, { port: BARE_PORT });
        report('reference: bare Express + pg, conditional UPDATE + INSERT (stock never runs out)', bare);
      } finally {
        bareServer.kill('SIGTERM');
      }
    }
    await waitForHealth(`http://127.0.0.1:${PORT}/healthz`);

    // 1. Throughput: stock that never runs out, so every request does the full reserve.
    if (ONLY.has('reserve')) {
      const throughput = await fire(await createSale(10_000_000), { duration: SECONDS });
      compare('reserve throughput (stock never runs out)', throughput);
    }

    // 1b. The same with an Idempotency-Key per request, as the web app sends it.
    if (ONLY.has('reserve-keyed')) {
      const keyed = await fire(await createSale(10_000_000), { duration: SECONDS }, { withKeys: true });
      compare('reserve throughput with Idempotency-Key (stock never runs out)', keyed);
    }

    // 2. Sold out under fire: 1,000 seats, far more buyers; then again with keys.
    for (const withKeys of [false, true]) {
      if (!ONLY.has(withKeys ? 'sale-keyed' : 'sale')) continue;
      const capacity = 1_000;
      const scarce = await createSale(capacity);
      const rollbacksBefore = await countRollbacks(db);
      const soldOut = await fire(scarce, { amount: 10 * capacity }, { withKeys });
      compare(
        `flash sale: ${10 * capacity} buyers for ${capacity} seats${withKeys ? ', with Idempotency-Key' : ''}`,
        soldOut,
      );
      const check = await db.execute<{ held: number; sold: number; capacity: number; orders: number }>(sql`
        SELECT tt.held, tt.sold, tt.capacity,
               (SELECT count(*)::int FROM orders o WHERE o.event_id = ${scarce.eventId}) AS orders
        FROM ticket_types tt WHERE tt.id = ${scarce.ticketTypeId}`);
      const row = check.rows[0];
      console.log(
        `  stock after the sale: held ${row?.held}, sold ${row?.sold}, capacity ${row?.capacity}, orders ${row?.orders}` +
          ` -> ${row && row.held + row.sold <= row.capacity && row.orders === row.held ? 'no oversell' : 'OVERSOLD'}`,
      );
      console.log(
        `  statements PostgreSQL rolled back (ERRORs) during the sale: ${(await countRollbacks(db)) - rollbacksBefore}`,
      );
    }
  } finally {
    server.kill('SIGTERM');
    await database.close();
    await stopDb();
  }
}

let buyerNumber = 0;

async function fire(
  sale: { eventId: string; ticketTypeId: string },
  limit: { duration?: number; amount?: number },
  options: { withKeys?: boolean; port?: number } = {},
): Promise<autocannon.Result> {
  return autocannon({
    requests: [
      {
        // A distinct buyer (email) from a distinct address on every request: the per-buyer and
        // per-address limits are checked for real, never short-cut by one hot row.
        setupRequest: (request) => {
          buyerNumber += 1;
          // One /64 per buyer: the hold limit counts an IPv6 client by its /64.
          const address = `2001:db8:${(buyerNumber >>> 16).toString(16)}:${(buyerNumber & 0xffff).toString(16)}::1`;
          const headers: Record<string, string> = {
            ...(request.headers as Record<string, string>),
            'x-forwarded-for': address,
          };
          if (options.withKeys) headers['idempotency-key'] = randomUUID();
          return {
            ...request,
            headers,
            body: JSON.stringify({
              eventId: sale.eventId,
              items: [{ ticketTypeId: sale.ticketTypeId, quantity: 1 }],
              buyer: { name: 'Flash Buyer', email: `buyer-${buyerNumber}@example.test` },
            }),
          };
        },
      },
    ],
    url: `http://127.0.0.1:${options.port ?? PORT}/api/orders`,
    method: 'POST',
    connections: CONNECTIONS,
    ...limit,
    headers: { 'content-type': 'application/json' },
  });
}

/** Rolled-back transactions in this database: each refused reserve that raised is one. */
async function countRollbacks(db: ReturnType<typeof createDatabase>['db']): Promise<number> {
  // Backends publish their counters about once a second; give them time, then read a fresh snapshot.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await db.execute(sql`SELECT pg_stat_clear_snapshot()`);
  const rows = await db.execute<{ n: number }>(
    sql`SELECT xact_rollback::int AS n FROM pg_stat_database WHERE datname = current_database()`,
  );
  return rows.rows[0]?.n ?? 0;
}

function report(title: string, r: autocannon.Result): void {
  const byStatus = Object.entries(r.statusCodeStats ?? {})
    .map(([code, stat]) => `${code}: ${(stat as { count: number }).count}`)
    .join(', ');
  console.log(`\n${title}`);
  console.log(
    `  requests/s: ${r.requests.average.toFixed(0)} (total ${r.requests.total} in ${r.duration.toFixed(1)} s)`,
  );
  console.log(
    `  latency ms: p50 ${r.latency.p50}, p90 ${r.latency.p90}, p99 ${r.latency.p99}, max ${r.latency.max}`,
  );
  console.log(`  answers: ${byStatus}; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}`);
}

main().catch((error: unknown) => {
  pino().error(error);
  process.exit(1);
});
