/**
 * The platform for the browser tests, started by playwright.config.ts's webServer:
 *
 * 1. builds the web app (apps/web/dist) when it is missing or older than its sources, because the API
 *    serves whatever dist holds;
 * 2. with E2E_FAKE_STRIPE_PORT set, starts the local fake of Stripe's API on that port (delivering its
 *    webhooks to this server) and runs the platform with PAYMENT_PROVIDER=stripe against it;
 * 3. runs `apps/api/src/main.ts` (API + worker, embedded PostgreSQL in DATA_DIR) as a child;
 * 4. when Playwright stops it (SIGTERM to the process group), waits for the server to shut PostgreSQL
 *    down, then deletes the throwaway DATA_DIR, so a run leaves neither processes nor clusters behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  startFakeStripe,
  TEST_PUBLISHABLE_KEY,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
} from '../../apps/api/test/support/fake-stripe';

const root = path.resolve(import.meta.dirname, '../..');
const web = path.join(root, 'apps/web');
const builtIndex = path.join(web, 'dist/index.html');

/** Newest modification time under these paths (files or folders), skipping node_modules. */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (entry: string) => {
    if (!existsSync(entry)) return;
    const stat = statSync(entry);
    if (stat.isDirectory()) {
      for (const name of readdirSync(entry)) if (name !== 'node_modules') visit(path.join(entry, name));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function webBuildIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const sources = newestMtime([
    path.join(web, 'src'),
    path.join(web, 'public'),
    path.join(web, 'index.html'),
    path.join(web, 'package.json'),
    ...readdirSync(web)
      .filter((name) => /^(vite|postcss)\.config\./.test(name))
      .map((name) => path.join(web, name)),
    path.join(root, 'packages/contracts/src'),
  ]);
  return sources > statSync(builtIndex).mtimeMs;
}

if (webBuildIsStale()) {
  console.log('[e2e] building the web app (apps/web/dist is missing or older than its sources)');
  const build = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

/** Stripe mode: the fake answers the server's SDK and Stripe.js (routed to it by the tests). */
async function stripeEnvironment(): Promise<NodeJS.ProcessEnv> {
  const fakePort = process.env.E2E_FAKE_STRIPE_PORT;
  if (!fakePort) return {};
  const fake = await startFakeStripe({
    port: Number(fakePort),
    webhook: { url: `http://127.0.0.1:${process.env.PORT}/api/payments/webhooks/stripe` },
  });
  return {
    PAYMENT_PROVIDER: 'stripe',
    STRIPE_SECRET_KEY: TEST_SECRET_KEY,
    STRIPE_PUBLISHABLE_KEY: TEST_PUBLISHABLE_KEY,
    STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    STRIPE_API_BASE: fake.url,
  };
}

const server = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...(await stripeEnvironment()) },
});

// Playwright signals the whole process group, so the server hears it too; this process only has to
// outlive it and tidy up. Forwarding covers a signal sent to this process alone.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (server.exitCode === null) server.kill(signal);
  });
}

server.on('exit', (code, signal) => {
  const dataDir = process.env.DATA_DIR;
  // Only ever a throwaway directory of ours: never a developer's .data.
  if (dataDir && path.dirname(path.resolve(dataDir)) === tmpdir() && /zevents-e2e-/.test(dataDir)) {
    rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(code ?? (signal ? 0 : 1));
});
