import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../src/db/client';
import { runMigrations } from '../src/db/migrate';
import { createJobQueue, type JobQueue } from '../src/jobs/job-queue';
import { type JobsThread, startJobsThread } from '../src/jobs/jobs-thread';
import { JOB_DEFINITIONS } from '../src/jobs/worker-jobs';
import { buyer, buyOk, openSale, orderBody } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, type TestApp } from './harness';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink';

/**
 * `--role=all`'s jobs thread (jobs/jobs-thread.ts) as main.ts starts it: a database of its own
 * (the thread runs cron, the hold sweeper and every loop of a real worker, which must not act on
 * the other test files' rows), the API enqueueing on the main thread, the thread sending.
 */

const DATABASE_NAME = `zevents_jobs_thread_${randomUUID().slice(0, 8)}`;
let adminUrl: string;
let url: string;
let database: Database;
let queue: JobQueue;
let t: TestApp;
let world: World;
let sink: SmtpSink;
const THREAD_ENV = ['SMTP_URL', 'APP_SECRET', 'LOG_LEVEL', 'TICKET_PDF_THREADS', 'WORKER_NICE'] as const;
const savedEnv = Object.fromEntries(THREAD_ENV.map((name) => [name, process.env[name]]));

/** A logger whose lines the test reads (the thread's supervisor logs restarts on it). */
function recordingLogger() {
  const lines: Array<{ msg: string; restartInMs?: number; duringStart?: boolean }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

beforeAll(async () => {
  adminUrl = inject('databaseUrl');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  await admin.end();
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${DATABASE_NAME}`;
  url = parsed.toString();
  await runMigrations(url);
  database = createDatabase(url, 4);
  queue = await createJobQueue({
    url,
    logger: pino({ level: 'silent' }),
    jobs: JOB_DEFINITIONS,
    isWorker: false,
  });
  t = buildTestApp({ database, jobs: queue });
  world = await createWorld(t.app, database.db);
  sink = await startSmtpSink();
  // The thread reads its settings from the environment, as copied when it starts.
  Object.assign(process.env, {
    SMTP_URL: sink.url,
    APP_SECRET: TEST_SECRET,
    LOG_LEVEL: process.env.TEST_THREAD_LOG_LEVEL ?? 'silent',
    TICKET_PDF_THREADS: '1',
    WORKER_NICE: '10',
  });
}, 60_000);

afterAll(async () => {
  for (const name of THREAD_ENV) {
    const saved = savedEnv[name];
    if (saved === undefined) delete process.env[name];
    else process.env[name] = saved;
  }
  await queue?.stop({ timeoutMs: 1_000 }).catch(() => undefined);
  await database?.close();
  await sink?.close();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE_NAME} WITH (FORCE)`);
  await admin.end();
});

const confirmationTo = (email: string) => (m: { envelope: { to: string[] }; kind: string | undefined }) =>
  m.envelope.to.includes(email) && m.kind === 'order_confirmation';

describe('the jobs thread of --role=all', () => {
  let thread: JobsThread | undefined;
  afterAll(async () => thread?.stop(1_000));

  it('sends what the API enqueued (tickets and invoice rendered), from a thread at WORKER_NICE', async () => {
    const { logger } = recordingLogger();
    thread = startJobsThread({ databaseUrl: url, logger });
    const { nice } = await thread.booted;
    // Linux gives each thread its own nice value; elsewhere (or where lowering is refused) it stays 0.
    if (process.platform === 'linux') expect(nice).toBe(10);

    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const who = buyer();
    await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 2]], { buyer: who }));
    const [mail] = await sink.waitFor(confirmationTo(who.email), { timeoutMs: 20_000 });
    expect(mail!.attachmentNames.filter((name) => /^ticket-.*\.pdf$/.test(name))).toHaveLength(2);
    expect(mail!.attachmentNames.some((name) => /^invoice-.*\.pdf$/.test(name))).toBe(true);
  }, 60_000);

  it('stops within its grace, after which nothing is sent until a thread runs again', async () => {
    const started = performance.now();
    await thread!.stop(2_000);
    expect(performance.now() - started).toBeLessThan(3_500);

    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const who = buyer();
    await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: who }));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sink.filter(confirmationTo(who.email))).toHaveLength(0);

    // The job waited in the queue: the next thread sends it, once.
    const { logger } = recordingLogger();
    thread = startJobsThread({ databaseUrl: url, logger });
    await sink.waitFor(confirmationTo(who.email), { timeoutMs: 20_000 });
    await thread.stop(2_000);
    thread = undefined;
    expect(sink.filter(confirmationTo(who.email))).toHaveLength(1);
  }, 60_000);

  it('is started again, backing off, while it cannot start (the database away); a stop ends that', async () => {
    const { logger, lines } = recordingLogger();
    // Nothing listens on port 1: every start fails at its first connection.
    const failing = startJobsThread({ databaseUrl: 'postgres://nobody@127.0.0.1:1/none', logger });
    const deadline = Date.now() + 30_000;
    const restarts = () => lines.filter((line) => line.msg === 'the jobs thread ended; starting another');
    while (restarts().length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const [first, second] = restarts();
    expect(first?.duringStart).toBe(true);
    expect(second?.restartInMs).toBeGreaterThan(first?.restartInMs ?? Infinity);
    const stopped = performance.now();
    await failing.stop(1_000);
    expect(performance.now() - stopped).toBeLessThan(2_500);
    const after = restarts().length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(restarts()).toHaveLength(after);
  }, 60_000);
});
