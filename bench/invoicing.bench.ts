/**
 * Invoicing benchmark (issue 14): gapless invoice numbers must not slow payments. Buyers reserve and
 * pay taxed orders with a passed-on service fee through the real server, every defence on, in
 * alternating phases: invoicing off (reference) and invoicing on, where this process numbers the
 * organization's invoices every second (BENCH_NUMBER_EVERY_MS; the real job runs once a minute),
 * taking the organization's lock and counter over and over while payments land. Prints the p99 of
 * pay in each mode beside the target (on <= 1.10 x off), then checks the series: one invoice per
 * paid order, numbers 1..n, none skipped or repeated.
 *
 *   npm run bench:invoicing                               (throwaway embedded PostgreSQL)
 *   BENCH_SECONDS=10 BENCH_BUYERS=8 npm run bench:invoicing
 *   BENCH_NUMBER_EVERY_MS=0 npm run bench:invoicing       (numbering without pause: the worst case)
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../apps/api/src/db/client';
import { issueDueInvoices } from '../apps/api/src/modules/billing/invoices.jobs';
import { systemClock } from '../apps/api/src/shared/clock';
import { type BenchServer, startBenchServer } from './bench-server';
import { createBenchEvent, createBenchOrganizer, startBenchDatabase } from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const BUYERS = Number(process.env.BENCH_BUYERS ?? 8);
const PORT = Number(process.env.BENCH_PORT ?? 3390);
/** How often invoicing numbers while on: every second, 60 times as often as the job's cron. */
const NUMBER_EVERY_MS = Number(process.env.BENCH_NUMBER_EVERY_MS ?? 1_000);
/** Pay's p99 with invoicing on, at most this many times its p99 with it off (issue 14). */
const TARGET_RATIO = 1.1;

interface Sale {
  eventId: string;
  ticketTypeId: string;
}

const rand255 = () => Math.floor(Math.random() * 255);

/** Buyers reserving and paying one order each, from their own addresses, until `done()`. */
async function reserveAndPay(
  base: string,
  sale: Sale,
  done: () => boolean,
): Promise<{ pay: number[]; failures: number }> {
  const pay: number[] = [];
  let failures = 0;
  const buyer = async () => {
    while (!done()) {
      const headers = {
        'content-type': 'application/json',
        'x-forwarded-for': `10.${rand255()}.${rand255()}.${rand255()}`,
      };
      const reserved = await fetch(`${base}/api/orders`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: JSON.stringify({
          eventId: sale.eventId,
          items: [{ ticketTypeId: sale.ticketTypeId, quantity: 2 }],
          buyer: { name: 'Probe Buyer', email: `probe-${randomUUID()}@example.test` },
        }),
      });
      const order = (await reserved.json()) as { id?: string; accessToken?: string };
      if (reserved.status !== 201 || !order.id) {
        failures++;
        continue;
      }
      const started = performance.now();
      const paid = await fetch(`${base}/api/orders/${order.id}/pay?token=${order.accessToken ?? ''}`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body: JSON.stringify({ card: '4242424242424242' }),
      });
      await paid.arrayBuffer();
      pay.push(performance.now() - started);
      if (paid.status !== 200) failures++;
    }
  };
  await Promise.all(Array.from({ length: BUYERS }, buyer));
  return { pay, failures };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const external = process.env.DATABASE_URL;
  const embedded = external ? undefined : await startBenchDatabase();
  const url = external ?? embedded?.url ?? '';
  let server: BenchServer | undefined;
  const database = createDatabase(url, 4);
  try {
    server = await startBenchServer({
      databaseUrl: url,
      port: PORT,
      env: { TRUST_PROXY: 'loopback', PAYMENT_PROVIDER: 'test' },
    });
    const organizer = await createBenchOrganizer(database.db);
    const sale = await createBenchEvent(organizer, {
      title: 'Invoicing bench',
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      ticketType: { name: 'Taxed', priceCents: 4_999, capacity: 1_000_000, maxPerOrder: 4 },
    });
    // A taxed ticket type, a passed-on fee and a billing profile: the orders invoices are made of.
    await database.db.execute(sql`
      WITH rate AS (
        INSERT INTO tax_rates (organization_id, name, rate_basis_points, inclusive)
        VALUES (${organizer.organizationId}::uuid, 'VAT 19%', 1900, true) RETURNING id
      )
      UPDATE ticket_types SET tax_rate_id = (SELECT id FROM rate) WHERE id = ${sale.ticketTypeId}::uuid`);
    await database.db.execute(sql`
      UPDATE events SET fee_fixed_cents = 99, fee_percent_basis_points = 250, fee_passed_on = true
      WHERE id = ${sale.eventId}::uuid`);
    await database.db.execute(sql`
      INSERT INTO billing_profiles (organization_id, legal_name, address, invoice_prefix)
      VALUES (${organizer.organizationId}::uuid, 'Bench GmbH', 'Hauptstr. 1, Berlin', 'BEN')`);

    // Warm-up, not counted: the server's first seconds (JIT, pools, plans) would land in one mode.
    const warmUntil = Date.now() + 3_000;
    await reserveAndPay(server.baseUrl, sale, () => Date.now() >= warmUntil);
    await issueDueInvoices({ db: database.db, clock: systemClock });

    const phases: Array<{ mode: 'off' | 'on'; pay: number[]; failures: number; issued: number }> = [];
    for (const mode of ['off', 'on', 'off', 'on'] as const) {
      const until = Date.now() + SECONDS * 1000;
      const done = () => Date.now() >= until;
      let issued = 0;
      const numbering =
        mode === 'on'
          ? (async () => {
              while (!done()) {
                issued += await issueDueInvoices({ db: database.db, clock: systemClock });
                await new Promise((resolve) => setTimeout(resolve, NUMBER_EVERY_MS));
              }
            })()
          : Promise.resolve();
      const [result] = await Promise.all([reserveAndPay(server.baseUrl, sale, done), numbering]);
      phases.push({ mode, ...result, issued });
      console.log(
        `  phase invoicing ${mode}: ${result.pay.length} payments, pay p50 ${percentile(result.pay, 0.5).toFixed(1)} ms, ` +
          `p99 ${percentile(result.pay, 0.99).toFixed(1)} ms, ${result.failures} failures` +
          (mode === 'on' ? `, ${issued} invoices numbered meanwhile` : ''),
      );
    }
    // The orders paid in the last phases get their numbers now, then the series is checked.
    await issueDueInvoices({ db: database.db, clock: systemClock });
    const pooled = (mode: 'off' | 'on') => phases.filter((p) => p.mode === mode).flatMap((p) => p.pay);
    const off = percentile(pooled('off'), 0.99);
    const on = percentile(pooled('on'), 0.99);
    const series = await database.db.execute<{
      invoices: number;
      paid: number;
      first: number;
      last: number;
      distinct: number;
    }>(sql`
      SELECT (SELECT count(*)::int FROM invoices WHERE kind = 'invoice') AS invoices,
             (SELECT count(*)::int FROM orders WHERE status = 'paid' AND total_cents > 0) AS paid,
             (SELECT min(sequence) FROM invoices) AS first, (SELECT max(sequence) FROM invoices) AS last,
             (SELECT count(DISTINCT sequence)::int FROM invoices) AS distinct`);
    const s = series.rows[0];
    const gapless =
      s !== undefined &&
      s.invoices === s.paid &&
      s.first === 1 &&
      s.last === s.invoices &&
      s.distinct === s.invoices;
    const failures = phases.reduce((sum, p) => sum + p.failures, 0);
    console.log('');
    console.log(`pay p99, invoicing on   ${on.toFixed(1)} ms`);
    console.log(`pay p99, invoicing off  ${off.toFixed(1)} ms   (reference, same run)`);
    console.log(
      `ratio                   ${(on / off).toFixed(2)}x   target <= ${TARGET_RATIO.toFixed(2)}x  ${on / off <= TARGET_RATIO ? 'met' : 'NOT met'}`,
    );
    console.log(
      `series                  ${s?.invoices ?? 0} invoices for ${s?.paid ?? 0} paid orders, numbers ${s?.first ?? '-'}..${s?.last ?? '-'}  ${gapless ? 'gapless, none repeated' : 'BROKEN'}`,
    );
    console.log(`failed requests         ${failures}`);
    if (!gapless || failures > 0) process.exitCode = 1;
  } finally {
    server?.stop();
    // Let the server go before its database does (it would log the database going away).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await database.pool.end();
    await embedded?.stop();
  }
}

await main();
