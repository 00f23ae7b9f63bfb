/**
 * Public event page benchmark: `GET /api/public/events/{id}`, the request every visitor of a sale
 * page makes (and repeats while waiting). Target: >= 3,000 requests/s on one 2-core machine, through a
 * cache that never shows more availability than exists for longer than 1 s.
 *
 * `measurePublicEventReads` is what bench/flash-sale.bench.ts calls against its running server;
 * standalone it starts a throwaway database and server of its own:
 *
 *   npx tsx bench/public-event.bench.ts
 *   BENCH_SECONDS=3 BENCH_CONNECTIONS=64 npx tsx bench/public-event.bench.ts
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import pino from 'pino';
import { createDatabase } from '../apps/api/src/db/client';
import { startBenchServer } from './bench-server';
import { formatResult } from './bench-report';
import { createBenchEvent, createBenchOrganizer, startBenchDatabase } from './bench-support';

/** Requests/s the public event page must serve (issue: flash sale at internet scale). */
export const PUBLIC_EVENT_TARGET = 3_000;

/** Reads one published event's public page as fast as `connections` clients can for `seconds`. */
export async function measurePublicEventReads(opts: {
  baseUrl: string;
  eventId: string;
  seconds: number;
  connections: number;
}): Promise<autocannon.Result> {
  return autocannon({
    url: `${opts.baseUrl}/api/public/events/${opts.eventId}`,
    method: 'GET',
    connections: opts.connections,
    duration: opts.seconds,
  });
}

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
  const port = Number(process.env.BENCH_PORT ?? 3194);
  const { url, stop: stopDb } = await startBenchDatabase();
  const database = createDatabase(url, 2);
  const server = await startBenchServer({ databaseUrl: url, port });
  try {
    const organizer = await createBenchOrganizer(database.db);
    const sale = await createBenchEvent(organizer, {
      title: 'Public page benchmark',
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      ticketType: { name: 'GA', priceCents: 5000, capacity: 10_000 },
    });
    const target = { baseUrl: server.baseUrl, eventId: sale.eventId, connections };
    // Unmeasured first: the server's code is compiled under load, not while it is timed.
    await measurePublicEventReads({ ...target, seconds: Math.min(2, seconds) });
    const result = await measurePublicEventReads({ ...target, seconds });
    console.log(formatResult('GET /api/public/events/{id}', result));
    console.log(
      `  target >= ${PUBLIC_EVENT_TARGET.toLocaleString('en')}/s: ` +
        `${result.requests.average >= PUBLIC_EVENT_TARGET ? 'met' : 'NOT met'}`,
    );
  } finally {
    server.stop();
    await database.close();
    await stopDb();
  }
}

const isRunDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isRunDirectly)
  main().catch((error: unknown) => {
    pino().error(error);
    process.exit(1);
  });
