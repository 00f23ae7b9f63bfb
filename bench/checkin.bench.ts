/**
 * Check-in benchmark: door scanners hammering one event, with an API key of the `check-in` scope,
 * against a bare Express + pg endpoint (bench/bare-checkin-server.ts) that only runs the conditional
 * UPDATE, measured in the same run under the same load. Both kinds of code: typed short codes and
 * signed QR codes; every request a different ticket, so each one does the real check-in. Then repeat
 * scans (409) and forged codes (404, refused before any query of the handler).
 * Targets (issue: flash sale at internet scale): >= 1,000 check-ins/s and >= 0.8x the bare endpoint.
 *
 *   npm run bench:checkin                      (throwaway embedded PostgreSQL)
 *   DATABASE_URL=postgres://... npm run bench:checkin
 *   BENCH_SECONDS=20 BENCH_CONNECTIONS=100 BENCH_TICKETS=50000 npm run bench:checkin
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:checkin   (profile the server)
 */
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { createDatabase, type Db } from '../apps/api/src/db/client';
import { insertApiKey } from '../apps/api/src/modules/accounts/api-keys.repository';
import { API_KEY_PREFIX } from '../apps/api/src/modules/accounts/api-keys.service';
import { createTicketSigner } from '../apps/api/src/modules/tickets/ticket-qr';
import { generateToken, sha256 } from '../apps/api/src/shared/crypto';
import { formatResult } from './bench-report';
import { type BenchServer, startBenchServer } from './bench-server';
import {
  type BenchOrganizer,
  createBenchEvent,
  createBenchOrganizer,
  startBenchDatabase,
} from './bench-support';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
/** Fresh tickets for each of the four measured parts (bare and real, typed and QR). */
const TICKETS_PER_PART = Number(process.env.BENCH_TICKETS ?? 60_000);
const PORT = Number(process.env.BENCH_PORT ?? 3191);
const BARE_PORT = PORT + 1;
const APP_SECRET = `bench-secret-${generateToken(24)}`;
/** Unmeasured load first, so neither server is timed while its code is still being compiled. */
const WARMUP_SECONDS = Math.min(2, SECONDS);
const TARGET_PER_SECOND = 1_000;
const TARGET_RATIO = 0.8;

interface DoorTickets {
  eventId: string;
  codes: string[];
  qrs: string[];
}

async function main(): Promise<void> {
  const { url, stop: stopDb } = await startBenchDatabase();
  const database = createDatabase(url, 4);
  const db = database.db;
  const organizer = await createBenchOrganizer(db);
  const signer = createTicketSigner(APP_SECRET);
  const started = Date.now();
  // Two events of 2 x TICKETS_PER_PART each: one for the bare endpoint, one for the real door.
  const bareDoor = await issueTickets(db, organizer, signer, 'bare');
  const realDoor = await issueTickets(db, organizer, signer, 'real');
  await db.execute(sql`ANALYZE`);
  console.log(
    `${4 * TICKETS_PER_PART} tickets issued and signed in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  const key = await createDoorKey(db, organizer);

  // Both servers up side by side (an idle one costs nothing), each reference measured right before
  // its real part, so a drift in the machine's load hits both alike.
  const servers: BenchServer[] = [];
  try {
    const bare = await startBenchServer({
      databaseUrl: url,
      port: BARE_PORT,
      script: 'bench/bare-checkin-server.ts',
    });
    servers.push(bare);
    const real = await startBenchServer({
      databaseUrl: url,
      port: PORT,
      env: { APP_SECRET, API_KEY_CACHE_SECONDS: process.env.API_KEY_CACHE_SECONDS ?? '5' },
    });
    servers.push(real);
    const bareFire = (codes: string[], seconds?: number) =>
      fire(bare.baseUrl, bareDoor.eventId, key, cycle(codes), seconds);
    const realFire = (codes: string[], seconds?: number) =>
      fire(real.baseUrl, realDoor.eventId, key, cycle(codes), seconds);
    await bareFire(warmUpCodes(bareDoor), WARMUP_SECONDS);
    const warmUp = await realFire(warmUpCodes(realDoor), WARMUP_SECONDS);

    // 1. Fresh check-ins, each a different ticket: typed short codes, then signed QR codes.
    const bareTyped = await bareFire(half(bareDoor.codes, 0));
    console.log(formatResult('reference: bare Express + pg, conditional UPDATE, typed code', bareTyped));
    const typedCodes = half(realDoor.codes, 0);
    const typed = await realFire(typedCodes);
    compare('check-in by typed code, API key (200)', typed, bareTyped, typedCodes.length);
    const bareQr = await bareFire(half(bareDoor.qrs, 1));
    console.log(formatResult('reference: bare Express + pg, conditional UPDATE, QR', bareQr));
    const qrCodes = half(realDoor.qrs, 1);
    const scanned = await realFire(qrCodes);
    compare('check-in by signed QR, API key (200)', scanned, bareQr, qrCodes.length);

    // 2. Repeat scans of tickets already in: the conditional UPDATE misses, one read explains (409).
    const repeats = await realFire(qrCodes.slice(0, Math.min(1_000, scanned.requests.total)));
    console.log(formatResult('scan of a ticket already checked in (409)', repeats));

    // 3. Forged codes: refused on the signature, before the event is even looked up (404).
    const genuine = qrCodes[0] ?? '';
    const forged = `${genuine.slice(0, -2)}${genuine.at(-2) === 'A' ? 'B' : 'A'}${genuine.slice(-1)}`;
    const forgeries = await realFire([forged]);
    console.log(formatResult('forged QR (404, no query of the handler)', forgeries));

    await reportConsistency(db, realDoor.eventId, [warmUp, typed, scanned, repeats]);
  } finally {
    for (const server of servers) server.stop();
    await database.close();
    await stopDb();
  }
}

/** Paid tickets with unique typed codes (the rank in base 32) and their signed QR codes. */
async function issueTickets(
  db: Db,
  organizer: BenchOrganizer,
  signer: ReturnType<typeof createTicketSigner>,
  label: string,
): Promise<DoorTickets> {
  const count = 2 * TICKETS_PER_PART;
  const orders = Math.ceil(count / 4);
  const sale = await createBenchEvent(organizer, {
    title: `Door benchmark (${label})`,
    startsAt: new Date(Date.now() + 7 * 86_400_000),
    ticketType: { name: 'GA', priceCents: 0, capacity: orders * 4 },
    isPublished: false,
  });
  await db.execute(sql`
    WITH o AS (
      INSERT INTO orders (event_id, status, buyer_name, buyer_email, subtotal_cents, total_cents, currency,
                          expires_at, paid_at)
      SELECT ${sale.eventId}, 'paid', 'Bench buyer ' || g, 'bench-' || g || '@example.test', 0, 0, 'EUR', now(), now()
      FROM generate_series(1, ${orders}) g
      RETURNING id
    ),
    numbered AS (SELECT id, row_number() OVER () - 1 AS n FROM o),
    items AS (
      INSERT INTO order_items (order_id, ticket_type_id, event_id, quantity, unit_price_cents, total_cents)
      SELECT id, ${sale.ticketTypeId}, ${sale.eventId}, 4, 0, 0 FROM numbered
    )
    INSERT INTO tickets (order_id, event_id, ticket_type_id, code, attendee_name)
    SELECT nb.id, ${sale.eventId}, ${sale.ticketTypeId},
           (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (((nb.n * 4 + k) >> (5 * i)) & 31)::int + 1, 1), '' ORDER BY i DESC)
            FROM generate_series(0, 3) i) || '-' ||
           (SELECT string_agg(substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', (((nb.n * 4 + k) >> (5 * (i + 4))) & 31)::int + 1, 1), '' ORDER BY i DESC)
            FROM generate_series(0, 3) i),
           'Attendee ' || (nb.n * 4 + k)
    FROM numbered nb, generate_series(0, 3) k`);
  await db.execute(sql`UPDATE ticket_types SET sold = ${orders * 4} WHERE id = ${sale.ticketTypeId}`);
  const rows = await db.execute<{ id: string; code: string }>(
    sql`SELECT id, code FROM tickets WHERE event_id = ${sale.eventId} ORDER BY random()`,
  );
  return {
    eventId: sale.eventId,
    codes: rows.rows.map((row) => row.code),
    qrs: rows.rows.map((row) => signer.sign({ ticketId: row.id, eventId: sale.eventId })),
  };
}

/** An API key of the `check-in` scope only, as a door scanner holds (its creator owns the organization). */
async function createDoorKey(db: Db, organizer: BenchOrganizer): Promise<string> {
  const key = `${API_KEY_PREFIX}${generateToken()}`;
  await insertApiKey(db, {
    organizationId: organizer.organizationId,
    name: 'door scanners',
    keyHash: sha256(key),
    prefix: key.slice(0, API_KEY_PREFIX.length + 6),
    createdBy: organizer.userId,
    scopes: ['check-in'],
  });
  return key;
}

/** The last few hundred QR codes (both halves are measured from their start). */
const warmUpCodes = (door: DoorTickets): string[] => door.qrs.slice(-Math.min(500, door.qrs.length / 4));

/** The first or the second half of a list: each measured part gets tickets of its own. */
const half = <T>(items: T[], which: 0 | 1): T[] =>
  which === 0 ? items.slice(0, items.length / 2) : items.slice(items.length / 2);

/** The codes one after the other, round again if the part outlasts them (then scans are repeats). */
function cycle(codes: string[]): () => string {
  let next = 0;
  return () => codes[next++ % codes.length] ?? '';
}

async function fire(
  baseUrl: string,
  eventId: string,
  key: string,
  nextCode: () => string,
  seconds = SECONDS,
): Promise<autocannon.Result> {
  return autocannon({
    url: `${baseUrl}/api/events/${eventId}/check-ins`,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
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

/** A real part beside its bare reference from the same run and both targets. */
function compare(title: string, real: autocannon.Result, bare: autocannon.Result, tickets: number): void {
  console.log(formatResult(title, real));
  const ratio = real.requests.average / bare.requests.average;
  const perSecond = real.requests.average;
  console.log(
    `  vs bare Express + pg (${bare.requests.average.toFixed(0)} req/s, same run): ${ratio.toFixed(2)}x` +
      ` (target >= ${TARGET_RATIO}x: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'});` +
      ` ${perSecond.toFixed(0)}/s (target >= ${TARGET_PER_SECOND.toLocaleString('en')}/s: ` +
      `${perSecond >= TARGET_PER_SECOND ? 'met' : 'NOT met'})`,
  );
  if (real.requests.total > tickets)
    console.log(
      `  (ran out of fresh tickets after ${tickets}: later scans were repeats; raise BENCH_TICKETS)`,
    );
}

/** One check-in, one log row per ticket, and no more admitted than answered 200 (+ those in flight). */
async function reportConsistency(db: Db, eventId: string, parts: autocannon.Result[]): Promise<void> {
  const check = await db.execute<{ checked_in: number; logged: number }>(sql`
    SELECT (SELECT count(*)::int FROM tickets WHERE event_id = ${eventId} AND status = 'checked_in') AS checked_in,
           (SELECT count(*)::int FROM check_ins WHERE event_id = ${eventId}) AS logged`);
  const row = check.rows[0];
  // autocannon stops counting at the deadline; requests still in flight then are served but not counted.
  const admitted = parts.reduce(
    (sum, r) => sum + (r.statusCodeStats?.['200' as keyof typeof r.statusCodeStats]?.count ?? 0),
    0,
  );
  const isConsistent =
    row &&
    row.checked_in === row.logged &&
    row.logged >= admitted &&
    row.logged <= admitted + parts.length * CONNECTIONS;
  console.log(
    `\n  tickets checked in: ${row?.checked_in}, check_ins rows: ${row?.logged}, 200 answers counted: ${admitted}` +
      ` -> ${isConsistent ? 'consistent (one check-in, one log row per ticket)' : 'MISMATCH'}`,
  );
}

main().catch((error: unknown) => {
  pino().error(error);
  process.exit(1);
});
