import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 3107);
/** A second platform that takes payments with Stripe (against a local fake of Stripe's API). */
const STRIPE_PORT = PORT + 1;
const FAKE_STRIPE_PORT = PORT + 2;

// The config is read by the runner and again by each worker: pick the throwaway directories once.
const DATA_DIR = (process.env.E2E_DATA_DIR ??= path.join(
  tmpdir(),
  `zevents-e2e-${Date.now()}-${process.pid}`,
));
const STRIPE_DATA_DIR = (process.env.E2E_STRIPE_DATA_DIR ??= path.join(
  tmpdir(),
  `zevents-e2e-stripe-${Date.now()}-${process.pid}`,
));
// Read by the Stripe spec: where that platform and the fake listen.
process.env.E2E_STRIPE_BASE_URL = `http://127.0.0.1:${STRIPE_PORT}`;
process.env.E2E_FAKE_STRIPE_URL = `http://127.0.0.1:${FAKE_STRIPE_PORT}`;

const serverEnv = (port: number, dataDir: string) => ({
  PORT: String(port),
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  // Holds last one minute so one test can watch a hold expire in a real browser.
  HOLD_MINUTES: '1',
  SEED_DEMO: 'true',
  // webhooks.spec.ts delivers to a receiver it starts on 127.0.0.1.
  WEBHOOKS_ALLOW_PRIVATE: 'true',
});

const serverOptions = {
  command: 'tsx e2e/support/web-server.ts',
  timeout: 180_000,
  reuseExistingServer: false,
  // SIGTERM lets the server stop its embedded PostgreSQL and the wrapper delete DATA_DIR.
  gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
  stdout: 'ignore',
  stderr: 'pipe',
} as const;

/**
 * Browser tests run Debian's Chromium (/usr/bin/chromium), never a downloaded browser, against the
 * whole platform started like `npm start` (API + worker, web app built first when stale), on a
 * throwaway embedded PostgreSQL that is stopped and deleted after the run; a second such platform
 * takes payments with Stripe (stripe-checkout.spec.ts).
 */
export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  fullyParallel: false,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Paris',
    actionTimeout: 15_000,
    navigationTimeout: 20_000,
    screenshot: 'only-on-failure',
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  // Started one after the other (the first builds the web app when stale; the second reuses it).
  webServer: [
    {
      ...serverOptions,
      url: `http://127.0.0.1:${PORT}/healthz`,
      env: serverEnv(PORT, DATA_DIR),
    },
    {
      ...serverOptions,
      url: `http://127.0.0.1:${STRIPE_PORT}/healthz`,
      env: {
        ...serverEnv(STRIPE_PORT, STRIPE_DATA_DIR),
        E2E_FAKE_STRIPE_PORT: String(FAKE_STRIPE_PORT),
      },
    },
  ],
});
