import { type ChildProcess, spawn } from 'node:child_process';
import { waitForHealth } from './bench-support';

export interface BenchServer {
  baseUrl: string;
  stop: () => void;
}

/**
 * Starts a server in its own process (the real API by default, or a reference script) and waits
 * until it answers its health check. BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
 * profiles the real API; references run without it.
 */
export async function startBenchServer(options: {
  databaseUrl: string;
  port: number;
  /** A reference server's script instead of the real API. */
  script?: string;
  env?: Record<string, string>;
}): Promise<BenchServer> {
  const isRealApi = options.script === undefined;
  const nodeArgs = isRealApi ? (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean) : [];
  const entry = isRealApi ? ['apps/api/src/main.ts', '--role=api'] : [options.script ?? ''];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...entry], {
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
  return { baseUrl, stop };
}
