import type { LiveSources } from '../src/realtime/live-hub';
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import pino from 'pino';
import { afterAll, inject } from 'vitest';
import { type AppDeps, createApp } from '../src/app';
import { createDatabase, type Database } from '../src/db/client';
import { createJobQueue, type JobQueue } from '../src/jobs/job-queue';
import type { JobDefinition } from '../src/jobs/job-registry';
import { createWorkerJobs, JOB_DEFINITIONS } from '../src/jobs/worker-jobs';
import { createMailer } from '../src/modules/notifications/mailer';
import type { PaymentProvider } from '../src/modules/payments/payment-provider';
import { type ManualClock, systemClock } from '../src/shared/clock';

let shared: Database | undefined;
let sharedJobs: Promise<JobQueue> | undefined;

/**
 * One real pg-boss queue per test file, in its own schema (no workers: tests run jobs explicitly or
 * start workers themselves, and never take another file's jobs), so enqueue-in-transaction is
 * exercised everywhere.
 */
export function testJobQueue(): Promise<JobQueue> {
  if (!sharedJobs) {
    const started = createJobQueue({
      url: inject('databaseUrl'),
      logger: pino({ level: 'silent' }),
      jobs: JOB_DEFINITIONS,
      isWorker: false,
      poolSize: 2,
      schema: `pgboss_${randomUUID().slice(0, 8)}`,
    });
    sharedJobs = started;
    afterAll(async () => {
      await (await started).stop();
      if (sharedJobs === started) sharedJobs = undefined;
    });
  }
  return sharedJobs;
}

/** Enqueues through the shared queue, starting it on first use (apps are built synchronously). */
const lazyJobs: Pick<JobQueue, 'enqueue' | 'enqueueMany' | 'depth'> = {
  enqueue: async (...args) => (await testJobQueue()).enqueue(...args),
  enqueueMany: async (...args) => (await testJobQueue()).enqueueMany(...args),
  depth: async () => (await testJobQueue()).depth(),
};

/** One small pool per test file, closed when the file ends. */
export function testDatabase(): Database {
  if (!shared) {
    const database = createDatabase(inject('databaseUrl'), 4);
    shared = database;
    afterAll(async () => {
      await database.close();
      if (shared === database) shared = undefined;
    });
  }
  return shared;
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

/** What buildTestApp configures; tests that change one setting spread it (`{ ...TEST_CONFIG, isProduction: true }`). */
export const TEST_CONFIG: AppDeps['config'] = {
  appSecret: TEST_SECRET,
  isProduction: false,
  publicUrl: 'http://localhost:3000',
  holdMinutes: 15,
  payments: { provider: 'test' },
};

const GENEROUS_LIMITS = {
  login: { points: 10_000, durationSeconds: 60 },
  loginPerIp: { points: 10_000, durationSeconds: 60 },
  signupPerIp: { points: 10_000, durationSeconds: 60 },
  waitlistJoinPerIp: { points: 10_000, durationSeconds: 60 },
};

export interface TestApp {
  app: Express;
  database: Database;
  clock: ManualClock | undefined;
  openApiDocument: () => unknown;
  /** What the live WebSocket hub reads, for tests that attach one to a listening server. */
  liveSources: LiveSources;
}

/**
 * The real application on the shared test database. Rate limits are generous by default so
 * parallel files do not trip each other; tests of the limits pass their own.
 */
export function buildTestApp(overrides: Partial<AppDeps> & { clock?: ManualClock } = {}): TestApp {
  const database = overrides.database ?? testDatabase();
  const { app, openApiDocument, liveSources } = createApp({
    database,
    config: TEST_CONFIG,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    webDistDir: '/nonexistent',
    jobs: lazyJobs,
    ...overrides,
    // Merged, so a test that tightens one limit keeps the others generous.
    rateLimits: { ...GENEROUS_LIMITS, ...overrides.rateLimits },
  });
  return { app, database, clock: overrides.clock, openApiDocument, liveSources };
}

/**
 * Runs every waiting job of the given kinds with the handlers a worker has (on the app's clock,
 * delivering no email), one at a time, until none is left, including jobs those runs enqueue. A
 * failing job fails the test. Returns how many jobs ran.
 */
export async function drainJobs(
  t: TestApp,
  kinds: JobDefinition[],
  options: {
    queue?: JobQueue;
    paymentProvider?: PaymentProvider;
    /** The workers' wallet settings (pass-update pushes); none by default. */
    wallet?: AppDeps['config']['wallet'];
  } = {},
): Promise<number> {
  const queue = options.queue ?? (await testJobQueue());
  const mailer = createMailer({ smtpUrl: undefined, from: 'Z-Events <no-reply@example.test>' });
  const handlers = createWorkerJobs({
    database: t.database,
    clock: t.clock ?? systemClock,
    logger: pino({ level: 'silent' }),
    mailer,
    enqueuer: queue,
    config: { ...TEST_CONFIG, wallet: options.wallet },
    ...(options.paymentProvider ? { paymentProvider: options.paymentProvider } : {}),
  });
  let ran = 0;
  for (let isIdle = false; !isIdle;) {
    isIdle = true;
    for (const kind of kinds) {
      const handler = handlers.find((candidate) => candidate.name === kind.name);
      if (!handler) throw new Error(`no handler for ${kind.name}`);
      for (const job of await queue.boss.fetch<unknown>(kind.name, { batchSize: 100 })) {
        await handler.handle(handler.payload.parse(job.data));
        await queue.boss.complete(kind.name, job.id);
        ran++;
        isIdle = false;
      }
    }
  }
  mailer.close();
  return ran;
}
