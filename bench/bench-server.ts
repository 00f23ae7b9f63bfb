import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { waitForHealth } from './bench-support';

/**
 * The real API runs as `npm start` runs it (package.json): the built bundle, with the same Node
 * flags. --max-semi-space-size=16 (Node's own maximum, pinned): 64 MB made every scavenge copy more
 * and pause for 26-36 ms, the p99 at 1,000/s and at overload (README, session 21).
 */
const SERVER_NODE_ARGS = ['--enable-source-maps', '--max-semi-space-size=16'];
const SERVER_BUNDLE = 'apps/api/dist/server.mjs';
let isBundleFresh = false;

/** Builds the bundle when its sources changed (as `npm start` does), once per benchmark run. */
function buildServerBundle(): void {
  if (isBundleFresh) return;
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
  isBundleFresh = true;
}

/** The arguments that start the real server in a role as `npm start` does; BENCH_NODE_ARGS added. */
export function realServerArgs(role: 'api' | 'all'): string[] {
  buildServerBundle();
  const extra = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return [...SERVER_NODE_ARGS, ...extra, SERVER_BUNDLE, `--role=${role}`];
}

export interface BenchServer {
  baseUrl: string;
  /** The server's process (the primary, when it runs a cluster). */
  pid: number | undefined;
  stop: () => void;
}

/**
 * Starts a server in its own process (the real API by default, or a reference script run through
 * tsx) and waits until it answers its health check. BENCH_NODE_ARGS (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof") profiles the real API; BENCH_REFERENCE_NODE_ARGS does the same for the
 * reference servers.
 */
export async function startBenchServer(options: {
  databaseUrl: string;
  port: number;
  /** A reference server's script instead of the real API. */
  script?: string;
  env?: Record<string, string>;
}): Promise<BenchServer> {
  const referenceArgs = (process.env.BENCH_REFERENCE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const args =
    options.script === undefined
      ? realServerArgs('api')
      : [...referenceArgs, '--import', 'tsx', options.script];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      SEED_DEMO: 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const stop = () => {
    child.kill('SIGTERM');
  };
  try {
    await waitForHealth(`${baseUrl}/healthz`);
  } catch (error) {
    stop();
    throw error;
  }
  return { baseUrl, pid: child.pid, stop };
}
