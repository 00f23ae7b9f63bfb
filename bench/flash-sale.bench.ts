/**
 * Flash-sale benchmark: the real server in its own process, autocannon beside it, many buyers
 * reserving one ticket type at once. Prints throughput, latency and the stock invariants.
 *
 *   npm run bench:flash-sale                    (throwaway embedded PostgreSQL)
 *   DATABASE_URL=postgres://... npm run bench:flash-sale
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=100 npm run bench:flash-sale
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDatabase } from '../apps/api/src/db/client';
import { createEventsService } from '../apps/api/src/modules/events/events.service';
import { createOrganizationsService } from '../apps/api/src/modules/organizations/organizations.service';
import { insertUser } from '../apps/api/src/modules/accounts/accounts.repository';
import { systemClock } from '../apps/api/src/shared/clock';
import { startBenchDatabase, waitForHealth } from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PORT = Number(process.env.BENCH_PORT ?? 3190);

async function main(): Promise<void> {
  const { url, stop: stopDb } = await startBenchDatabase();
  const database = createDatabase(url, 4);
  const db = database.db;

  const user = await insertUser(db, {
    email: `bench-${Date.now()}@example.test`,
    name: 'Bench',
    passwordHash: 'x',
  });
  if (!user) throw new Error('could not create the bench user');
  const auth = { kind: 'session', userId: user.id, sessionId: 'bench' } as const;
  const org = await createOrganizationsService({ db }).createOrganization(auth, {
    name: `Bench ${Date.now()}`,
  });
  const events = createEventsService({ db, clock: systemClock });
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const createSale = async (capacity: number) => {
    const event = await events.createEvent(auth, org.id, {
      title: `Flash sale ${capacity}`,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      timezone: 'Europe/Paris',
      currency: 'EUR',
    });
    const type = await events.createTicketType(auth, event.id, {
      name: 'GA',
      priceCents: 5000,
      capacity,
      maxPerOrder: 10,
    });
    await events.publishEvent(auth, event.id);
    return { eventId: event.id, ticketTypeId: type.id };
  };

  const server = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts', '--role=api'], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), SEED_DEMO: 'false', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    await waitForHealth(`http://127.0.0.1:${PORT}/healthz`);

    // 1. Throughput: stock that never runs out, so every request does the full reserve.
    const open = await createSale(10_000_000);
    const throughput = await fire(open, { duration: SECONDS });
    report('reserve throughput (stock never runs out)', throughput);

    // 2. Sold out under fire: 1,000 seats, far more buyers.
    const capacity = 1_000;
    const scarce = await createSale(capacity);
    const soldOut = await fire(scarce, { amount: 10 * capacity });
    report(`flash sale: ${10 * capacity} buyers for ${capacity} seats`, soldOut);
    const check = await db.execute<{ held: number; sold: number; capacity: number; orders: number }>(sql`
      SELECT tt.held, tt.sold, tt.capacity,
             (SELECT count(*)::int FROM orders o WHERE o.event_id = ${scarce.eventId}) AS orders
      FROM ticket_types tt WHERE tt.id = ${scarce.ticketTypeId}`);
    const row = check.rows[0];
    console.log(
      `  stock after the sale: held ${row?.held}, sold ${row?.sold}, capacity ${row?.capacity}, orders ${row?.orders}` +
        ` -> ${row && row.held + row.sold <= row.capacity && row.orders === row.held ? 'no oversell' : 'OVERSOLD'}`,
    );
  } finally {
    server.kill('SIGTERM');
    await database.close();
    await stopDb();
  }
}

async function fire(
  sale: { eventId: string; ticketTypeId: string },
  limit: { duration?: number; amount?: number },
): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${PORT}/api/orders`,
    method: 'POST',
    connections: CONNECTIONS,
    ...limit,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      eventId: sale.eventId,
      items: [{ ticketTypeId: sale.ticketTypeId, quantity: 1 }],
      buyer: { name: 'Flash Buyer', email: 'buyer@example.test' },
    }),
  });
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
