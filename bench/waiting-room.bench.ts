/**
 * Waiting-room benchmark (issue 12): thousands of visitors join an event's queue and poll their
 * place, against the real API in its own process. Prints each figure beside its target and a
 * reference measured in the same run (GET /healthz: the bare endpoint with one database round trip):
 *
 * - joins/s: new browsers joining a queue that is already open (each a new spot, FIFO);
 * - polls/s: visitors asking where they stand, after the draw (random places for early visitors);
 * - the admission rate: passes actually handed out per minute, against the configured admitPerMinute;
 * - fairness: the rank correlation of early visitors' arrival order and their drawn place (about 0).
 *
 *   npm run bench:waiting-room
 *   BENCH_SECONDS=3 BENCH_VISITORS=500 npm run bench:waiting-room   (a quick check that it runs)
 */
import autocannon from 'autocannon';
import pino from 'pino';
import { createDatabase } from '../apps/api/src/db/client';
import { formatResult } from './bench-report';
import { startBenchServer } from './bench-server';
import { createBenchEvent, createBenchOrganizer, startBenchDatabase } from './bench-support';

/** Joins per second the queue must take (a sale page's visitors arrive in a wave). */
const JOIN_TARGET = 1_000;
/** Polls per second, as the public event page's target: every waiting visitor may ask. */
const POLL_TARGET = 3_000;
/** Passes handed out per minute stay within this share of admitPerMinute. */
const RATE_TOLERANCE = 0.05;

interface Visitor {
  token: string;
  cookie: string;
}

interface Status {
  queueToken: string;
  admitted: boolean;
  place: number | null;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const visitorCount = Number(process.env.BENCH_VISITORS ?? 3_000);
const admitPerMinute = Number(process.env.BENCH_ADMIT_PER_MINUTE ?? 1_200);
const port = Number(process.env.BENCH_PORT ?? 3196);

const ratio = (value: number, reference: number) => `${(value / reference).toFixed(2)}x`;

/** Runs `task` over `items`, `concurrency` at a time. */
async function inBatches<T, R>(items: T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += concurrency)
    out.push(...(await Promise.all(items.slice(i, i + concurrency).map(task))));
  return out;
}

async function joinAsNewBrowser(baseUrl: string, eventId: string): Promise<Visitor> {
  const res = await fetch(`${baseUrl}/api/public/events/${eventId}/queue`, { method: 'POST' });
  if (res.status !== 201) throw new Error(`join answered ${res.status}: ${await res.text()}`);
  const cookie =
    (res.headers.getSetCookie().find((c) => c.startsWith('zevents_wr=')) ?? '').split(';')[0] ?? '';
  return { token: ((await res.json()) as Status).queueToken, cookie };
}

async function statusOf(baseUrl: string, eventId: string, visitor: Visitor): Promise<Status> {
  const res = await fetch(`${baseUrl}/api/public/events/${eventId}/queue/${visitor.token}`, {
    headers: { cookie: visitor.cookie },
  });
  if (res.status !== 200) throw new Error(`poll answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as Status;
}

/** Spearman's rank correlation of arrival order (index) and drawn place. */
function rankCorrelation(places: number[]): number {
  const n = places.length;
  const d2 = places.reduce((sum, place, i) => sum + (place - (i + 1)) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

async function main(): Promise<void> {
  const { url, stop: stopDb } = await startBenchDatabase();
  const database = createDatabase(url, 2);
  const server = await startBenchServer({ databaseUrl: url, port });
  const { baseUrl } = server;
  try {
    const organizer = await createBenchOrganizer(database.db);
    const room = { enabled: true, opensMinutesBefore: 120, admitPerMinute, passMinutes: 10 };
    const newSale = async (title: string, salesStartAt: Date | null) => {
      const sale = await createBenchEvent(organizer, {
        title,
        startsAt: new Date(Date.now() + 7 * 86_400_000),
        ticketType: { name: 'GA', priceCents: 5000, capacity: 100_000 },
      });
      await organizer.events.updateEvent(organizer.auth, sale.eventId, { waitingRoom: room });
      if (salesStartAt)
        await organizer.events.updateTicketType(organizer.auth, sale.ticketTypeId, {
          salesStartAt: salesStartAt.toISOString(),
        });
      return sale;
    };
    // Open already (a type without a sales start): every join is a new spot at the back.
    const openSale = await newSale('Waiting room: joins', null);
    // Opens in an hour for now: its visitors come early and get random places.
    const drawnSale = await newSale('Waiting room: draw and polls', new Date(Date.now() + 3_600_000));

    const healthz = () => autocannon({ url: `${baseUrl}/healthz`, connections, duration: seconds });
    const joins = () =>
      autocannon({
        url: `${baseUrl}/api/public/events/${openSale.eventId}/queue`,
        method: 'POST',
        connections,
        duration: seconds,
      });
    // Unmeasured first: the server's code is compiled under load, not while it is timed.
    await autocannon({ url: `${baseUrl}/healthz`, connections, duration: Math.min(2, seconds) });
    const reference = await healthz();
    console.log(formatResult('Reference: GET /healthz (one database round trip)', reference));
    const joined = await joins();
    console.log(formatResult('POST /api/public/events/{id}/queue (a new browser each)', joined));
    console.log(
      `  target >= ${JOIN_TARGET.toLocaleString('en')}/s: ${joined.requests.average >= JOIN_TARGET ? 'met' : 'NOT met'}; ` +
        `${ratio(joined.requests.average, reference.requests.average)} GET /healthz`,
    );

    // The draw: visitors join before the opening, then the sale opens.
    const early = await inBatches(Array.from({ length: visitorCount }), 32, () =>
      joinAsNewBrowser(baseUrl, drawnSale.eventId),
    );
    await organizer.events.updateTicketType(organizer.auth, drawnSale.ticketTypeId, {
      salesStartAt: new Date(Date.now() + 1_000).toISOString(),
    });
    // The server trusts the room's schedule from memory for up to 2 s.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const places = (await inBatches(early, 32, (v) => statusOf(baseUrl, drawnSale.eventId, v))).map(
      (s) => s.place ?? 0,
    );
    const isPermutation = [...places].sort((a, b) => a - b).every((place, i) => place === i + 1);
    console.log(
      `\nFairness: ${visitorCount.toLocaleString('en')} visitors before the opening, places ${isPermutation ? '1..N each once' : 'NOT a permutation'}; ` +
        `rank correlation of arrival and place ${rankCorrelation(places).toFixed(3)} (target |r| < 0.1: ` +
        `${Math.abs(rankCorrelation(places)) < 0.1 ? 'met' : 'NOT met'})`,
    );

    let next = 0;
    const polls = await autocannon({
      url: baseUrl,
      connections,
      duration: seconds,
      requests: [
        {
          method: 'GET',
          setupRequest: (req) => {
            const visitor = early[next++ % early.length];
            return {
              ...req,
              path: `/api/public/events/${drawnSale.eventId}/queue/${visitor?.token ?? ''}`,
              headers: { ...req.headers, cookie: visitor?.cookie ?? '' },
            };
          },
        },
      ],
    });
    console.log(formatResult('GET /api/public/events/{id}/queue/{token} (after the draw)', polls));
    console.log(
      `  target >= ${POLL_TARGET.toLocaleString('en')}/s: ${polls.requests.average >= POLL_TARGET ? 'met' : 'NOT met'}; ` +
        `${ratio(polls.requests.average, reference.requests.average)} GET /healthz`,
    );

    // The admission rate as visitors see it: passes counted in two sweeps over everyone, timed.
    const sweep = async () => {
      const startedAt = Date.now();
      const statuses = await inBatches(early, 32, (v) => statusOf(baseUrl, drawnSale.eventId, v));
      return { at: (startedAt + Date.now()) / 2, admitted: statuses.filter((s) => s.admitted).length };
    };
    const first = await sweep();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
    const second = await sweep();
    const perMinute = ((second.admitted - first.admitted) * 60_000) / (second.at - first.at);
    const isWithin = Math.abs(perMinute - admitPerMinute) <= admitPerMinute * RATE_TOLERANCE;
    console.log(
      `\nAdmission: ${perMinute.toFixed(0)} passes/min measured over ${((second.at - first.at) / 1000).toFixed(1)} s ` +
        `(${first.admitted} -> ${second.admitted} admitted) against ${admitPerMinute}/min configured ` +
        `(target within ${RATE_TOLERANCE * 100}%: ${isWithin ? 'met' : 'NOT met'}; the sweeps take time, so short runs blur it)`,
    );
  } finally {
    server.stop();
    await database.close();
    await stopDb();
  }
}

main().catch((error: unknown) => {
  pino().error(error);
  process.exit(1);
});
