/**
 * Flash-sale benchmark: the real server in its own process, autocannon beside it, many buyers
 * reserving one ticket type at once. Prints throughput, latency and the stock invariants, each
 * figure beside its target (issue 12) and its reference from the same run.
 *
 *   npm run bench:flash-sale                    (throwaway embedded PostgreSQL)
 *   DATABASE_URL=postgres://... npm run bench:flash-sale
 *   BENCH_DURABLE=off npm run bench:flash-sale   (the embedded database without fsync and synchronous
 *                                                commit, as the test suite runs it; durable by default)
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=100 npm run bench:flash-sale
 *   BENCH_ONLY=reserve,sale BENCH_LOG_LEVEL=info npm run bench:flash-sale   (some parts; request logs on)
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:flash-sale   (profile the server)
 *
 * Parts (BENCH_ONLY, comma-separated; all by default):
 *   bare           the reference: a bare Express + pg endpoint (bench/bare-reserve-server.ts) doing only
 *                  the conditional UPDATE + INSERT, under the same load
 *   reserve        reserve throughput, stock never runs out (target >= 1.0x bare)
 *   reserve-webhook  the same while a webhook endpoint wants every order.created (not in the default run)
 *   reserve-taxed  the same on a taxed ticket type of an event with a service fee (each order priced by
 *                  the rounding rule in the statement; not in the default run)
 *   reserve-dated  the same on the second date of an event with two (a date's own stock rows; not in
 *                  the default run)
 *   reserve-keyed  the same with an Idempotency-Key per request
 *   sale, sale-keyed   10,000 buyers for 1,000 seats
 *   sellout        10,000 tickets, quantities 1-4: time to sell out (target <= 2.5 s, >= 4,000 tickets/s), 0 oversold
 *   rate           p99 of reserve at 1,000 requests/s offered, open loop (target <= 50 ms)
 *   overload       4x the reserve throughput offered: no 5xx, no timeouts, 429 + Retry-After for the
 *                  excess (p99 <= 20 ms), admitted p99 <= 250 ms (BENCH_OVERLOAD_RATE sets the rate);
 *                  measured after one second of the same overload, whose figures print as the onset
 *   public         GET /api/public/events/{id} (target >= 3,000/s)
 *   processes      reserve throughput with WEB_CONCURRENCY=2 beside the 1-process figure
 *
 * Beside throughput, the reserve parts print the CPU one request cost the server process and
 * PostgreSQL (from /proc), for the bare endpoint too: throughput on a shared 2-core machine moves with
 * whatever else runs, the CPU per request far less.
 *
 * Every defence is on: a distinct buyer email from a distinct client address (X-Forwarded-For with
 * TRUST_PROXY=loopback) on every request, the per-buyer and per-address hold limits and admission
 * control active.
 */
import { randomInt } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDatabase } from '../apps/api/src/db/client';
import { insertDate, insertStockRows } from '../apps/api/src/modules/events/event-dates.repository';
import { formatResult } from './bench-report';
import { formatOpenLoop, latencies, percentile } from './open-loop';
import { type OpenLoopThread, type OpenLoopThreadResult, startOpenLoopThread } from './open-loop-thread';
import { reserveRequest, type SaleRef } from './reserve-request';
import { type CpuPerRequest, describeCpu, startCpuMeter } from './process-cpu';
import { type BenchServer, startBenchServer } from './bench-server';
import { createBenchEvent, createBenchOrganizer, startBenchDatabase } from './bench-support';
import { measurePublicEventReads, PUBLIC_EVENT_TARGET } from './public-event.bench';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3190);
const ALL_PARTS = 'bare,reserve,reserve-keyed,sale,sale-keyed,sellout,rate,overload,public,processes';
const ONLY = new Set((process.env.BENCH_ONLY ?? ALL_PARTS).split(','));
const BARE_PORT = PORT + 1;
// +2 is the check-in bench's reference; another bench running beside this one must not answer for it.
const CLUSTER_PORT = Number(process.env.BENCH_CLUSTER_PORT ?? PORT + 3);

/** Issue 12's targets, printed beside each figure. */
const TARGET = {
  ratioToBare: 1.0,
  selloutTickets: 10_000,
  selloutSeconds: 2.5,
  openLoopRate: 1_000,
  openLoopP99Ms: 50,
  overloadFactor: 4,
  refusalP99Ms: 20,
  admittedP99Ms: 250,
};

/** The real server as the benchmark runs it: every defence on, as behind a load balancer here. */
const defendedServerEnv = (webConcurrency: number): Record<string, string> => ({
  TRUST_PROXY: process.env.TRUST_PROXY ?? 'loopback',
  HOLDS_PER_IP_PER_MINUTE: process.env.HOLDS_PER_IP_PER_MINUTE ?? '60',
  WEB_CONCURRENCY: String(webConcurrency),
});

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

  const servers: BenchServer[] = [];
  let bare: autocannon.Result | undefined;
  let reserveRate: number | undefined;
  const line = (text: string) => console.log(`  ${text}`);
  const vsBare = (result: autocannon.Result) => {
    if (!bare) return;
    const ratio = result.requests.average / bare.requests.average;
    line(
      `vs bare Express + pg (${bare.requests.average.toFixed(0)} req/s, same run): ${ratio.toFixed(2)}x` +
        ` (target >= ${TARGET.ratioToBare.toFixed(1)}x)`,
    );
  };
  let bareCpu: CpuPerRequest | undefined;
  const compare = (title: string, result: autocannon.Result, cpu?: CpuPerRequest) => {
    console.log(formatResult(title, result));
    vsBare(result);
    if (cpu) line(`${describeCpu(cpu)} (bare: ${describeCpu(bareCpu).replace('CPU per request: ', '')})`);
  };
  try {
    // 0. The reference: the bare endpoint, kept running for the references of the later parts.
    let bareServer: BenchServer | undefined;
    if (ONLY.has('bare')) {
      await db.execute(sql`CREATE TABLE IF NOT EXISTS bench_bare_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(), ticket_type_id uuid NOT NULL,
        quantity int NOT NULL, buyer_email text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
      bareServer = await startBenchServer({
        databaseUrl: url,
        port: BARE_PORT,
        script: 'bench/bare-reserve-server.ts',
      });
      servers.push(bareServer);
      const bareSale = await createSale(10_000_000);
      const bareMeter = startCpuMeter(bareServer.pid);
      bare = await fire(bareSale, { duration: SECONDS }, { port: BARE_PORT });
      bareCpu = bareMeter.stop(bare.requests.total);
      console.log(
        formatResult(
          'reference: bare Express + pg, conditional UPDATE + INSERT (stock never runs out)',
          bare,
        ),
      );
      line(describeCpu(bareCpu));
    }
    const server = await startBenchServer({ databaseUrl: url, port: PORT, env: defendedServerEnv(1) });
    servers.push(server);

    // 1. Throughput: stock that never runs out, so every request does the full reserve.
    if (ONLY.has('reserve')) {
      const reserveSale = await createSale(10_000_000);
      const meter = startCpuMeter(server.pid);
      const throughput = await fire(reserveSale, { duration: SECONDS });
      reserveRate = throughput.requests.average;
      compare(
        'reserve throughput, 1 API process (stock never runs out)',
        throughput,
        meter.stop(throughput.requests.total),
      );
    }

    // 1a. The same while an endpoint of the organization wants every order.created: the reserve
    // batch's trigger then records an event and a delivery per order, and the dispatcher sends them
    // (to an address it refuses at once, a private one, so no receiver's speed enters the figure).
    if (ONLY.has('reserve-webhook')) {
      await db.execute(sql`INSERT INTO webhooks (organization_id, url, event_types, secret)
        VALUES (${organizer.organizationId}::uuid, 'http://10.255.255.1/hooks', ARRAY['order.created'], 'whsec_bench')`);
      const withWebhook = await fire(await createSale(10_000_000), { duration: SECONDS });
      compare('reserve throughput with an order.created webhook (stock never runs out)', withWebhook);
      const recorded = await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM webhook_deliveries`,
      );
      line(`deliveries recorded: ${recorded.rows[0]?.n ?? 0} (one per order)`);
      await db.execute(sql`DELETE FROM webhooks WHERE organization_id = ${organizer.organizationId}::uuid`);
    }

    // 1a'. The same on the second date of an event with two: each order names its date, and the
    // batch takes from that date's stock row instead of the ticket type's own.
    if (ONLY.has('reserve-dated')) {
      const sale = await createSale(10_000_000);
      const night = (days: number) => ({
        startsAt: new Date(startsAt.getTime() + days * 86_400_000),
        endsAt: new Date(startsAt.getTime() + days * 86_400_000 + 3 * 3_600_000),
      });
      await insertDate(db, { eventId: sale.eventId, ...night(0), usesBaseStock: true, now: new Date() });
      const second = await insertDate(db, {
        eventId: sale.eventId,
        ...night(1),
        usesBaseStock: false,
        now: new Date(),
      });
      await insertStockRows(db, second.id, sale.eventId);
      const dated = await fire({ ...sale, dateId: second.id }, { duration: SECONDS });
      compare('reserve throughput on the second date of an event with two (stock never runs out)', dated);
    }

    // 1a''. The same on a taxed ticket type (VAT included) of an event with a service fee passed
    // on: each order is priced by the rounding rule in the statement (0046: one probe of the tax
    // rates, zevents_price_lines per order) instead of the untaxed path.
    if (ONLY.has('reserve-taxed')) {
      const sale = await createSale(10_000_000);
      await db.execute(sql`
        WITH rate AS (
          INSERT INTO tax_rates (organization_id, name, rate_basis_points, inclusive)
          VALUES (${organizer.organizationId}::uuid, 'VAT 19%', 1900, true) RETURNING id
        )
        UPDATE ticket_types SET tax_rate_id = (SELECT id FROM rate) WHERE id = ${sale.ticketTypeId}::uuid`);
      await db.execute(sql`
        UPDATE events SET fee_fixed_cents = 99, fee_percent_basis_points = 250, fee_passed_on = true
        WHERE id = ${sale.eventId}::uuid`);
      const taxed = await fire(sale, { duration: SECONDS });
      compare('reserve throughput, taxed type and a service fee (stock never runs out)', taxed);
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
      let lastAnswerAt = 0;
      const started = performance.now();
      const soldOut = await fire(
        scarce,
        { amount: 10 * capacity },
        { withKeys, onResponse: () => (lastAnswerAt = performance.now()) },
      );
      const seconds = (lastAnswerAt - started) / 1000;
      compare(
        `flash sale: ${10 * capacity} buyers for ${capacity} seats${withKeys ? ', with Idempotency-Key' : ''}`,
        soldOut,
      );
      // autocannon notices the end on its one-second tick (10,000 answers "in 4.0 s"): the last
      // answer's time is the sale's real length.
      const perSecond = soldOut.requests.total / seconds;
      line(
        `${soldOut.requests.total} answers in ${seconds.toFixed(2)} s by the last answer: ${perSecond.toFixed(0)}/s` +
          (bare ? `, ${(perSecond / bare.requests.average).toFixed(2)}x bare` : ''),
      );
      line(`stock after the sale: ${describeStock(await stockCheck(db, scarce))}`);
      line(
        `statements PostgreSQL rolled back (ERRORs) during the sale: ${(await countRollbacks(db)) - rollbacksBefore}`,
      );
    }

    // 3. Sell-out: 10,000 tickets, 1-4 per order, as fast as the buyers can take them.
    if (ONLY.has('sellout')) {
      const sale = await createSale(TARGET.selloutTickets);
      let lastSaleAt = 0;
      const started = performance.now();
      // More orders than needed (2.5 tickets each on average): the tail is answered SOLD_OUT.
      const result = await fire(
        sale,
        { amount: Math.ceil(TARGET.selloutTickets / 2.5) * 2 },
        {
          quantity: () => randomInt(1, 5),
          onResponse: (status) => {
            const now = performance.now();
            if (status === 201) lastSaleAt = now;
          },
        },
      );
      const stock = await stockCheck(db, sale);
      const seconds = (lastSaleAt - started) / 1000;
      const ticketsPerSecond = stock.held / seconds;
      console.log(formatResult(`sell-out: ${TARGET.selloutTickets} tickets, quantities 1-4`, result));
      line(
        `sold out in ${seconds.toFixed(2)} s: ${ticketsPerSecond.toFixed(0)} tickets/s` +
          ` (target <= ${TARGET.selloutSeconds} s, >= ${(TARGET.selloutTickets / TARGET.selloutSeconds).toFixed(0)} tickets/s)` +
          `${stock.held < TARGET.selloutTickets ? `; NOT sold out: ${stock.held} of ${TARGET.selloutTickets} held` : ''}`,
      );
      line(`stock after the sale: ${describeStock(stock)} (target: 0 oversold)`);
      if (bare)
        line(
          `reference, same run: the bare endpoint at ${bare.requests.average.toFixed(0)} orders/s` +
            ` would sell ${TARGET.selloutTickets} tickets (2.5 a order) in ${(TARGET.selloutTickets / 2.5 / bare.requests.average).toFixed(2)} s`,
        );
    }

    // The open-loop parts measure a warm server: its first seconds (JIT, connections) are not measured
    // (in a full run the parts before have warmed it already).
    if (ONLY.has('rate') || ONLY.has('overload')) {
      await fireOpenLoop(await createSale(10_000_000), {
        rate: TARGET.openLoopRate,
        connections: 100,
        seconds: 2,
      });
    }

    // 4. Open loop at a fixed arrival rate (bench/open-loop.ts): p99 of the reserve while it keeps up.
    if (ONLY.has('rate')) {
      const rate = TARGET.openLoopRate;
      const limit = { rate, connections: Math.max(CONNECTIONS, 100) };
      const result = await fireOpenLoop(await createSale(10_000_000), limit);
      console.log(formatOpenLoop(`reserve at ${rate} requests/s offered`, result));
      line(
        `p99 ${percentile(latencies(result), 0.99).toFixed(1)} ms from the scheduled arrival (target <= ${TARGET.openLoopP99Ms} ms);` +
          ` achieved ${result.achieved.toFixed(0)} requests/s of ${rate} offered`,
      );
      if (bare) {
        const reference = await fireOpenLoop(await createSale(10_000_000), { ...limit, port: BARE_PORT });
        line(
          `reference, same run: bare Express + pg at ${rate}/s offered: p99 ${percentile(latencies(reference), 0.99).toFixed(1)} ms,` +
            ` achieved ${reference.achieved.toFixed(0)}/s`,
        );
      }
    }

    // 5. Overload: 4x what the reserve sustains. Admission control must answer the excess at once.
    if (ONLY.has('overload')) {
      const basis = reserveRate ?? TARGET.openLoopRate;
      const offered = Number(process.env.BENCH_OVERLOAD_RATE ?? Math.round(TARGET.overloadFactor * basis));
      // One second of the same overload first, not counted: the server has then run its refusal path
      // before (compiled by the JIT, as on any server that has refused before) and the gate has
      // adapted. That second is printed on its own: it is the onset a cold server shows.
      const onset = await fireOpenLoop(await createSale(10_000_000), {
        rate: offered,
        connections: Math.max(CONNECTIONS, 256),
        seconds: 1,
      });
      const result = await fireOpenLoop(
        await createSale(10_000_000),
        { rate: offered, connections: Math.max(CONNECTIONS, 256) },
        { status: 429, header: 'retry-after' },
      );
      const refusalsWithRetryAfter = result.withHeader;
      console.log(
        formatOpenLoop(
          `overload: ${TARGET.overloadFactor}x ${reserveRate ? "this run's reserve throughput" : `${basis}/s`}`,
          result,
        ),
      );
      const count = (which: (status: number) => boolean) => latencies(result, which).length;
      const p99 = (which: (status: number) => boolean) =>
        percentile(latencies(result, which), 0.99).toFixed(1);
      const isRefusal = (status: number) => status === 429;
      const isAdmitted = (status: number) => status === 201;
      line(
        `5xx: ${count((status) => status >= 500)}, timeouts: ${result.timeouts}, errors: ${result.errors} (target: 0, 0, 0);` +
          ` achieved ${result.achieved.toFixed(0)} answers/s of ${offered} offered`,
      );
      line(
        `429 answers: ${count(isRefusal)} (${refusalsWithRetryAfter} with Retry-After), p99 ${p99(isRefusal)} ms` +
          ` from the scheduled arrival (target <= ${TARGET.refusalP99Ms} ms)`,
      );
      // Where in the run the slow refusals were (answers in order, cut in tenths): a stall at the start,
      // while the gate adapts, reads differently from a stall in the middle (a GC pause, the machine).
      const refusals = latencies(result, isRefusal);
      const tenth = Math.ceil(refusals.length / 10);
      const byTenth = Array.from({ length: 10 }, (_, i) =>
        percentile(refusals.slice(i * tenth, (i + 1) * tenth), 0.99).toFixed(0),
      );
      line(`429 p99 in each tenth of the run, in ms: ${byTenth.join(' ')}`);
      line(
        `the onset, the second before (a server that never refused: the refusal path not yet compiled, the gate` +
          ` at its full limit): 429 p99 ${percentile(latencies(onset, isRefusal), 0.99).toFixed(1)} ms,` +
          ` 201 p99 ${percentile(latencies(onset, isAdmitted), 0.99).toFixed(1)} ms`,
      );
      line(
        `admitted (201): ${count(isAdmitted)}, p99 ${p99(isAdmitted)} ms` +
          ` (target <= ${TARGET.admittedP99Ms} ms), ${(count(isAdmitted) / result.elapsed).toFixed(0)}/s admitted;` +
          ` reference: this run's reserve throughput ${basis.toFixed(0)}/s`,
      );
      // What this machine answers at all at that rate, the generator beside the server: the same open
      // loop on a path the server answers 404 without the database, through the same middleware (no
      // admission control can refuse faster than that).
      generator ??= startOpenLoopThread();
      const ceiling = await generator.run({
        origin: server.baseUrl,
        rate: offered,
        seconds: SECONDS,
        connections: Math.max(CONNECTIONS, 256),
        requests: { kind: 'get', path: '/api/bench-no-such-path' },
      });
      line(
        `reference, same run: a 404 without the database at ${offered}/s offered: p99 ${percentile(latencies(ceiling), 0.99).toFixed(1)} ms,` +
          ` ${ceiling.achieved.toFixed(0)} answers/s`,
      );
    }

    // 6. The sale page every visitor loads (and reloads while waiting).
    if (ONLY.has('public')) {
      const sale = await createSale(10_000);
      const result = await measurePublicEventReads({
        baseUrl: server.baseUrl,
        eventId: sale.eventId,
        seconds: SECONDS,
        connections: Math.max(CONNECTIONS, 64),
      });
      console.log(formatResult('GET /api/public/events/{id}', result));
      line(
        `${result.requests.average.toFixed(0)} requests/s (target >= ${PUBLIC_EVENT_TARGET}/s)` +
          (bare ? `; reference, same run: bare reserve endpoint ${bare.requests.average.toFixed(0)}/s` : ''),
      );
    }

    // 7. Two API processes on the same port (WEB_CONCURRENCY=2) against the one-process figure.
    if (ONLY.has('processes')) {
      const single =
        reserveRate ?? (await fire(await createSale(10_000_000), { duration: SECONDS })).requests.average;
      server.stop();
      const clustered = await startBenchServer({
        databaseUrl: url,
        port: CLUSTER_PORT,
        env: defendedServerEnv(2),
      });
      servers.push(clustered);
      // The health check passes once the first API process listens: give the second its boot too.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      const result = await fire(await createSale(10_000_000), { duration: SECONDS }, { port: CLUSTER_PORT });
      console.log(formatResult('reserve throughput, 2 API processes (WEB_CONCURRENCY=2)', result));
      line(
        `${result.requests.average.toFixed(0)} requests/s: ${(result.requests.average / single).toFixed(2)}x` +
          ` the 1-process figure of this run (${single.toFixed(0)}/s)`,
      );
      vsBare(result);
    }
  } finally {
    await generator?.close();
    for (const server of servers) server.stop();
    await database.close();
    await stopDb();
  }
}

/** The last buyer number used: every request of the run is a buyer of its own. */
let buyerNumber = 0;
/** The open-loop generator's thread, started by the first open-loop part. */
let generator: OpenLoopThread | undefined;

interface FireOptions {
  withKeys?: boolean;
  port?: number;
  /** Tickets per order (1 by default). */
  quantity?: () => number;
  /** Every answer's status and response time (ms). */
  onResponse?: (status: number, ms: number) => void;
  /** Every answer's status and headers (lower-case names). */
  onHeaders?: (status: number, headers: Record<string, string>) => void;
}

/** The next buyer's reserve (bench/reserve-request.ts). */
function nextReserve(
  sale: SaleRef,
  options: Pick<FireOptions, 'withKeys' | 'quantity'>,
): { headers: Record<string, string>; body: string } {
  buyerNumber += 1;
  return reserveRequest(sale, buyerNumber, {
    withKey: options.withKeys,
    ...(options.quantity ? { quantity: options.quantity() } : {}),
  });
}

/**
 * Reserves at a fixed arrival rate (bench/open-loop.ts, on its own thread), each a distinct buyer
 * from its own address.
 */
async function fireOpenLoop(
  sale: SaleRef,
  limit: { rate: number; connections: number; port?: number; seconds?: number },
  countHeader?: { status: number; header: string },
): Promise<OpenLoopThreadResult> {
  const seconds = limit.seconds ?? SECONDS;
  const firstBuyer = buyerNumber + 1;
  buyerNumber += Math.round(limit.rate * seconds);
  generator ??= startOpenLoopThread();
  return generator.run({
    origin: `http://127.0.0.1:${limit.port ?? PORT}`,
    rate: limit.rate,
    seconds,
    connections: limit.connections,
    requests: { kind: 'reserve', sale, firstBuyer },
    ...(countHeader ? { countHeader } : {}),
  });
}

function fire(
  sale: SaleRef,
  limit: { duration?: number; amount?: number; overallRate?: number; connections?: number },
  options: FireOptions = {},
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const onHeaders = options.onHeaders;
    const instance = autocannon(
      {
        requests: [
          {
            setupRequest: (request) => {
              const next = nextReserve(sale, options);
              return {
                ...request,
                headers: { ...(request.headers as Record<string, string>), ...next.headers },
                body: next.body,
              };
            },
            ...(onHeaders
              ? {
                  onResponse: (
                    status: number,
                    _body: string,
                    _context: object,
                    headers: object | undefined,
                  ) => onHeaders(status, lowerCaseHeaders(headers ?? {})),
                }
              : {}),
          },
        ],
        url: `http://127.0.0.1:${options.port ?? PORT}/api/orders`,
        method: 'POST',
        connections: CONNECTIONS,
        ...limit,
        headers: { 'content-type': 'application/json' },
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    const onResponse = options.onResponse;
    if (onResponse) {
      // autocannon emits (client, statusCode, resBytes, responseTime); its typings omit the client.
      instance.on('response', (...args: unknown[]) => {
        const [, status, , ms] = args;
        if (typeof status === 'number' && typeof ms === 'number') onResponse(status, ms);
      });
    }
  });
}

function lowerCaseHeaders(headers: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
}

interface StockCheck {
  held: number;
  sold: number;
  capacity: number;
  orders: number;
  orderedTickets: number;
}

async function stockCheck(
  db: ReturnType<typeof createDatabase>['db'],
  sale: { eventId: string; ticketTypeId: string },
): Promise<StockCheck> {
  const rows = await db.execute<{
    held: number;
    sold: number;
    capacity: number;
    orders: number;
    ordered_tickets: number;
  }>(sql`
    SELECT tt.held, tt.sold, tt.capacity,
           (SELECT count(*)::int FROM orders o WHERE o.event_id = ${sale.eventId}) AS orders,
           (SELECT coalesce(sum(oi.quantity), 0)::int FROM order_items oi
              WHERE oi.ticket_type_id = tt.id) AS ordered_tickets
    FROM ticket_types tt WHERE tt.id = ${sale.ticketTypeId}`);
  const row = rows.rows[0];
  if (!row) throw new Error('the sale has no ticket type');
  return { ...row, orderedTickets: row.ordered_tickets };
}

function describeStock(s: StockCheck): string {
  const isSound = s.held + s.sold <= s.capacity && s.orderedTickets === s.held + s.sold;
  const oversold = Math.max(0, s.held + s.sold - s.capacity);
  return (
    `held ${s.held}, sold ${s.sold}, capacity ${s.capacity}, orders ${s.orders}, tickets in orders ${s.orderedTickets}` +
    ` -> ${isSound ? 'no oversell' : `OVERSOLD by ${oversold} (or orders and stock disagree)`}`
  );
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

main().catch((error: unknown) => {
  pino().error(error);
  process.exit(1);
});
