import type { LiveSources } from '../src/realtime/live-hub';
import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import pino from 'pino';
import { afterAll, inject } from 'vitest';
import { type AppDeps, createApp } from '../src/app';
import { createDatabase, type Database } from '../src/db/client';
import { createJobQueue, type JobQueue } from '../src/jobs/job-queue';
import { JOB_DEFINITIONS } from '../src/jobs/worker-jobs';
import type { ManualClock } from '../src/shared/clock';

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
