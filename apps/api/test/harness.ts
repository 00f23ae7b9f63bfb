import type { Express } from 'express';
import pino from 'pino';
import { afterAll, inject } from 'vitest';
import { type AppDeps, createApp } from '../src/app';
import { createDatabase, type Database } from '../src/db/client';
import type { ManualClock } from '../src/shared/clock';

let shared: Database | undefined;

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
}

/**
 * The real application on the shared test database. Rate limits are generous by default so
 * parallel files do not trip each other; tests of the limits pass their own.
 */
export function buildTestApp(overrides: Partial<AppDeps> & { clock?: ManualClock } = {}): TestApp {
  const database = overrides.database ?? testDatabase();
  const { app, openApiDocument } = createApp({
    database,
    config: {
      appSecret: TEST_SECRET,
      isProduction: false,
      publicUrl: 'http://localhost:3000',
      holdMinutes: 15,
      payments: { provider: 'test' },
    },
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    webDistDir: '/nonexistent',
    ...overrides,
    // Merged, so a test that tightens one limit keeps the others generous.
    rateLimits: { ...GENEROUS_LIMITS, ...overrides.rateLimits },
  });
  return { app, database, clock: overrides.clock, openApiDocument };
}
