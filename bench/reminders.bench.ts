/**
 * Reminder throughput: N paid orders (one ticket each) of one event whose reminder is due; the worker
 * (pg-boss + createWorkerJobs, as main.ts starts it) delivers every reminder to a real SMTP server on
 * loopback. Prints how long queueing took, how long delivery took, and emails per second, then checks
 * that every reminder arrived exactly once.
 *
 *   npx tsx bench/reminders.bench.ts                      (throwaway embedded PostgreSQL, 10,000 tickets)
 *   BENCH_TICKETS=2000 DATABASE_URL=postgres://... npx tsx bench/reminders.bench.ts
 *
 * The SMTP server runs in this process (it only parses headers, to stay out of the worker's way), so
 * the figure is one worker process's, sharing the machine with PostgreSQL. On a shared 2-vCPU VM:
 * about 8 emails/s before the send path was tuned (5 jobs per poll, one at a time, mjml for every
 * reminder), about 75 emails/s after (50 per poll, 8 at a time, reminders compiled once per event).
 */
import pino from 'pino';
import { createDatabase } from '../apps/api/src/db/client';
import { queueDueReminders } from '../apps/api/src/modules/notifications/event-reminder.job';
import { ManualClock } from '../apps/api/src/shared/clock';
import {
  lonelyStart,
  minutes,
  newQueueSchema,
  seedPaidOrders,
  startWorker,
} from '../apps/api/test/support/notifications';
import { startSmtpSink } from '../apps/api/test/support/smtp-sink';
import { createBenchEvent, createBenchOrganizer, startBenchDatabase } from './bench-support';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 10_000);
const DB_POOL = Number(process.env.BENCH_DB_POOL ?? 10);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';

async function main(): Promise<void> {
  const { url, stop: stopDb } = await startBenchDatabase();
  const database = createDatabase(url, DB_POOL);
  const db = database.db;
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
  const sink = await startSmtpSink({ headersOnly: true });

  try {
    // One event with one reminder offset (120 minutes), N paid single-ticket orders.
    const organizer = await createBenchOrganizer(db);
    const startsAt = lonelyStart();
    const sale = await createBenchEvent(organizer, {
      title: 'Reminder benchmark',
      venue: 'Bench Hall',
      startsAt,
      ticketType: { name: 'GA', priceCents: 1000, capacity: TICKETS },
    });
    const event = { id: sale.eventId };
    const type = { id: sale.ticketTypeId };
    const { auth, events } = organizer;
    await events.removeReminder(auth, event.id, 1440);

    const seedStarted = performance.now();
    await seedPaidOrders(database.pool, {
      eventId: event.id,
      ticketTypeId: type.id,
      count: TICKETS,
      paidAt: new Date(Date.now()),
      prefix: 'bench',
    });
    console.log(
      `seeded ${TICKETS} paid orders / tickets in ${Math.round(performance.now() - seedStarted)} ms`,
    );

    const clock = new ManualClock(new Date(startsAt.getTime() - minutes(119)));
    const worker = await startWorker({
      url,
      schema: newQueueSchema(),
      database,
      clock,
      logger,
      smtpUrl: sink.url,
      appSecret: SECRET,
      timeoutMs: 10_000,
    });

    const started = performance.now();
    const queued = await queueDueReminders({ db, enqueuer: worker.queue, clock });
    const queuedAfter = performance.now() - started;
    console.log(
      `queueDueReminders: ${queued} reminders recorded and enqueued in ${Math.round(queuedAfter)} ms`,
    );

    let lastReport = started;
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - lastReport >= 10_000) {
        lastReport = now;
        console.log(`  ${sink.messages.length} delivered after ${((now - started) / 1000).toFixed(1)} s`);
      }
    }, 1000);
    await sink.waitFor((m) => m.kind === 'reminder', { count: TICKETS, timeoutMs: 30 * 60_000 });
    clearInterval(timer);
    const took = performance.now() - started;
    const deliveryOnly = took - queuedAfter;
    logger.level = 'silent'; // shutdown chatter (connections closed under pg-boss) is not news
    await worker.stop();

    const ids = new Set(sink.messages.map((m) => m.emailId));
    const statuses = await database.pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM emails WHERE event_id = $1 GROUP BY status`,
      [event.id],
    );
    console.log('');
    console.log(
      `reminder emails delivered:  ${sink.messages.length} (${ids.size} distinct, expected ${TICKETS})`,
    );
    console.log(
      `batch duration:             ${(took / 1000).toFixed(1)} s (queueing ${(queuedAfter / 1000).toFixed(1)} s)`,
    );
    console.log(
      `throughput:                 ${((TICKETS * 1000) / took).toFixed(0)} emails/s end to end, ` +
        `${((TICKETS * 1000) / deliveryOnly).toFixed(0)} emails/s sending only`,
    );
    console.log(`outbox:                     ${statuses.rows.map((r) => `${r.status}=${r.n}`).join(', ')}`);
    if (ids.size !== TICKETS || sink.messages.length !== TICKETS) {
      console.error('FAILED: some reminder was lost or sent twice');
      process.exitCode = 1;
    }
  } finally {
    await sink.close();
    await database.close();
    await stopDb();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
