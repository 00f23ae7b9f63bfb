import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, type Database } from '../../src/db/client';
import { startEmbeddedPostgres, type RunningPostgres } from '../../src/db/embedded-postgres';
import { runMigrations } from '../../src/db/migrate';
import { createEventsService } from '../../src/modules/events/events.service';
import { createOrganizationsService } from '../../src/modules/organizations/organizations.service';
import { systemClock } from '../../src/shared/clock';
import { createUser, eventInput, sessionAuth } from '../../test/factories';

/**
 * The pieces of a fault test: a throwaway PostgreSQL cluster of its own (never the shared service at
 * 5432), the real server as child processes (the bundle `npm start` runs), and a clock to time them.
 */

const root = path.resolve(import.meta.dirname, '../../../..');
export const SERVER_BUNDLE = path.join(root, 'apps/api/dist/server.mjs');

export interface ThrowawayCluster extends RunningPostgres {
  restart: (downMs?: number) => Promise<void>;
  database: Database;
}

export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const parent = mkdtempSync(path.join(tmpdir(), 'zevents-chaos-'));
  const running = await startEmbeddedPostgres({ dataDir: path.join(parent, 'postgres'), throwaway: true });
  if (new URL(running.url).port === '5432') throw new Error('refusing to run fault tests on port 5432');
  const restart = running.restart;
  if (!restart) throw new Error('the throwaway cluster cannot be restarted');
  await runMigrations(running.url);
  const database = createDatabase(running.url, 4);
  return {
    ...running,
    restart,
    database,
    stop: async () => {
      await database.close().catch(() => undefined);
      await running.stop();
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  baseUrl: string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  output: () => string;
}

/**
 * Starts the server as `npm start` runs it (`node apps/api/dist/server.mjs`, built by the suite's
 * setup), in a process group of its own so that kill -9 takes all of it, as a container runtime would.
 */
export function startServer(options: {
  databaseUrl: string;
  port: number;
  role?: 'api' | 'worker' | 'all';
  env?: Record<string, string>;
}): ServerProcess {
  const child = spawn(
    process.execPath,
    ['--enable-source-maps', SERVER_BUNDLE, `--role=${options.role ?? 'all'}`],
    {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATABASE_URL: options.databaseUrl,
        PORT: String(options.port),
        PUBLIC_URL: `http://127.0.0.1:${options.port}`,
        SEED_DEMO: 'false',
        HOLDS_PER_IP_PER_MINUTE: '0',
        LOG_LEVEL: 'warn',
        APP_SECRET: 'chaos-tests-secret-chaos-tests-secret-0123456789',
        ...options.env,
      },
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    port: options.port,
    baseUrl: `http://127.0.0.1:${options.port}`,
    exited,
    output: () => output,
  };
}

export function killGroup(server: ServerProcess, signal: NodeJS.Signals): void {
  if (server.child.pid === undefined || server.child.exitCode !== null) return;
  try {
    process.kill(-server.child.pid, signal);
  } catch {
    // already gone
  }
}

/** Milliseconds from now until GET /healthz answers 200 (polled every 20 ms), or throws after `timeoutMs`. */
export async function waitUntilServing(baseUrl: string, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > timeoutMs)
      throw new Error(`${baseUrl} not serving after ${timeoutMs} ms`);
    await sleep(20);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A published event with one ticket type, made through the services (no server needed). */
export async function openSale(database: Database, capacity: number) {
  const owner = await createUser(database.db);
  const organization = await createOrganizationsService({ db: database.db }).createOrganization(
    sessionAuth(owner.id),
    { name: `Chaos ${Date.now()}` },
  );
  const events = createEventsService({ db: database.db, clock: systemClock });
  const auth = sessionAuth(owner.id);
  const event = await events.createEvent(auth, organization.id, eventInput());
  const ticketType = await events.createTicketType(auth, event.id, {
    name: 'General',
    priceCents: 2_500,
    capacity,
  });
  await events.publishEvent(auth, event.id);
  return { eventId: event.id, ticketTypeId: ticketType.id };
}

/** Stock and tickets of a ticket type, read straight from the database. */
export async function stockOf(database: Database, ticketTypeId: string) {
  const { rows } = await database.pool.query<{
    capacity: number;
    sold: number;
    held: number;
    valid_tickets: number;
    paid_orders: number;
    held_in_open_orders: number;
  }>(
    `SELECT t.capacity, t.sold, t.held,
            (SELECT count(*)::int FROM tickets k WHERE k.ticket_type_id = t.id AND k.status = 'valid') AS valid_tickets,
            (SELECT count(DISTINCT o.id)::int FROM orders o JOIN order_items i ON i.order_id = o.id
              WHERE i.ticket_type_id = t.id AND o.status = 'paid') AS paid_orders,
            (SELECT coalesce(sum(i.quantity), 0)::int FROM orders o JOIN order_items i ON i.order_id = o.id
              WHERE i.ticket_type_id = t.id AND o.status = 'reserved') AS held_in_open_orders
     FROM ticket_types t WHERE t.id = $1`,
    [ticketTypeId],
  );
  const row = rows[0];
  if (!row) throw new Error('no such ticket type');
  return row;
}

/** Prints a figure the lead can quote, in one recognisable line. */
export function report(scenario: string, figures: Record<string, number | string>): void {
  const text = Object.entries(figures)
    .map(([name, value]) => `${name}=${typeof value === 'number' ? Number(value.toFixed(2)) : value}`)
    .join(' ');
  console.log(`[chaos] ${scenario}: ${text}`);
}
