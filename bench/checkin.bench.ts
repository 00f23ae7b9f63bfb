/**
 * Check-in benchmark: the real server in its own process, autocannon beside it, door scanners
 * hammering one event of 100,000 tickets. Prints requests/s and latency for fresh scans (each a
 * different ticket: signature check + one conditional UPDATE), repeated scans (409) and forged codes
 * (rejected before any query of the handler).
 *
 *   npx tsx bench/checkin.bench.ts                 (throwaway embedded PostgreSQL)
 *   DATABASE_URL=postgres://... npx tsx bench/checkin.bench.ts
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=100 BENCH_TICKETS=200000 npx tsx bench/checkin.bench.ts
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx bench/checkin.bench.ts   (profile the server)
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDatabase } from '../apps/api/src/db/client';
import { insertApiKey } from '../apps/api/src/modules/accounts/api-keys.repository';
import { API_KEY_PREFIX } from '../apps/api/src/modules/accounts/api-keys.service';
import { createTicketSigner } from '../apps/api/src/modules/tickets/ticket-qr';
import { generateToken, sha256 } from '../apps/api/src/shared/crypto';
import { createBenchEvent, createBenchOrganizer, startBenchDatabase, waitForHealth } from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const PORT = Number(process.env.BENCH_PORT ?? 3191);
const APP_SECRET = `bench-secret-${generateToken(24)}`;

async function main(): Promise<void> {
  const { url, stop: stopDb } = await startBenchDatabase();
  const database = createDatabase(url, 4);
  const db = database.db;

  const organizer = await createBenchOrganizer(db);
  const sale = await createBenchEvent(organizer, {
    title: 'Door benchmark',
    startsAt: new Date(Date.now() + 7 * 86_400_000),
    ticketType: { name: 'GA', priceCents: 0, capacity: TICKETS },
    isPublished: false,
  });
  const event = { id: sale.eventId };
  const type = { id: sale.ticketTypeId };
  const key = `${API_KEY_PREFIX}${generateToken()}`;
  await insertApiKey(db, {
    organizationId: organizer.organizationId,
    name: 'door scanners',
    keyHash: sha256(key),
    prefix: key.slice(0, API_KEY_PREFIX.length + 6),
    createdBy: organizer.userId,
  });

  const started = Date.now();
  await db.execute(sql`
    WITH o AS (
      INSERT INTO orders (event_id, status, buyer_name, buyer_email, subtotal_cents, total_cents, currency,
                          expires_at, paid_at)
      SELECT ${event.id}, 'paid', 'Bench buyer ' || g, 'bench-' || g || '@example.test', 0, 0, 'EUR', now(), now()
      FROM generate_series(1, ${Math.ceil(TICKETS / 4)}) g
      RETURNING id
    ),
    numbered AS (SELECT id, row_number() OVER () - 1 AS n FROM o),
    items AS (
      INSERT INTO order_items (order_id, ticket_type_id, event_id, quantity, unit_price_cents)
      SELECT id, ${type.id}, ${event.id}, 4, 0 FROM numbered
    )
    INSERT INTO tickets (order_id, event_id, ticket_type_id, code, attendee_name)
    SELECT nb.id, ${event.id}, ${type.id},
           upper(substr(md5(nb.id::text || k), 1, 6) || '-' || substr(md5(nb.id::text || k), 7, 6)),
           'Attendee ' || (nb.n * 4 + k)
    FROM numbered nb, generate_series(0, 3) k`);
  await db.execute(sql`UPDATE ticket_types SET sold = ${Math.ceil(TICKETS / 4) * 4} WHERE id = ${type.id}`);
  await db.execute(sql`ANALYZE`);
  const ids = await db.execute<{ id: string }>(sql`SELECT id FROM tickets WHERE event_id = ${event.id}`);
  const signer = createTicketSigner(APP_SECRET);
  const qrs = ids.rows.map((row) => signer.sign({ ticketId: row.id, eventId: event.id }));
  console.log(`${qrs.length} tickets issued and signed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

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
        APP_SECRET,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  try {
    await waitForHealth(`http://127.0.0.1:${PORT}/healthz`);
    const target = `http://127.0.0.1:${PORT}/api/events/${event.id}/check-ins`;

    // 1. Fresh scans: every request a different ticket, so each one does the real check-in.
    let next = 0;
    const fresh = await fire(target, key, () => qrs[next++ % qrs.length] ?? '');
    report('check-in, a different valid QR each time (200)', fresh);
    if (next > qrs.length)
      console.log(`  (ran out of fresh tickets after ${qrs.length}: later scans were repeats)`);

    // 2. Repeat scans of tickets already in: the conditional UPDATE misses, one read explains (409).
    let repeat = 0;
    const repeats = await fire(target, key, () => qrs[repeat++ % Math.min(next, qrs.length)] ?? '');
    report('scan of a ticket already checked in (409)', repeats);

    // 3. Forged codes: refused on the signature, before the handler touches the database (404).
    const genuine = qrs[0] ?? '';
    const forged = `${genuine.slice(0, -2)}${genuine.at(-2) === 'A' ? 'B' : 'A'}${genuine.slice(-1)}`;
    const forgeries = await fire(target, key, () => forged);
    report('forged QR (404, no handler query)', forgeries);

    const check = await db.execute<{ checked_in: number; logged: number }>(sql`
      SELECT (SELECT count(*)::int FROM tickets WHERE event_id = ${event.id} AND status = 'checked_in') AS checked_in,
             (SELECT count(*)::int FROM check_ins WHERE event_id = ${event.id}) AS logged`);
    const row = check.rows[0];
    // autocannon stops counting at the deadline; requests still in flight then are served but not counted.
    const admitted = fresh.statusCodeStats?.['200' as keyof typeof fresh.statusCodeStats]?.count ?? 0;
    const isConsistent =
      row && row.checked_in === row.logged && row.logged >= admitted && row.logged <= admitted + CONNECTIONS;
    console.log(
      `\n  tickets checked in: ${row?.checked_in}, check_ins rows: ${row?.logged}, 200 answers counted: ${admitted}` +
        ` -> ${isConsistent ? 'consistent (one check-in, one log row per ticket)' : 'MISMATCH'}`,
    );
  } finally {
    server.kill('SIGTERM');
    await database.close();
    await stopDb();
  }
}

async function fire(url: string, key: string, nextCode: () => string): Promise<autocannon.Result> {
  return autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ code: nextCode(), device: 'bench', location: 'gate A' }),
        }),
      },
    ],
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
  console.log(`  answers: ${byStatus}; errors ${r.errors}, timeouts ${r.timeouts}`);
}

main().catch((error: unknown) => {
  pino().error(error);
  process.exit(1);
});
