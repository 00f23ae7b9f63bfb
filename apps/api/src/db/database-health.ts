import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DbOrTx } from './client';

/** Error codes of the socket (Node) and SQLSTATEs that mean "PostgreSQL cannot be reached right now". */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: the server is stopping (pg_ctl stop/restart -m fast) or our backend was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006', // connection_failure
]);

/** Messages of node-postgres errors that carry no code. */
const UNREACHABLE_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/**
 * Whether an error (or one of its causes, as Drizzle wraps driver errors) says that the database
 * cannot be reached, as opposed to a query that PostgreSQL refused. A pool that is merely busy
 * ("timeout exceeded when trying to connect") is not a lost database.
 */
export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGES.some((text) => message.includes(text)))
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export interface DatabaseHealth {
  /** False from the first lost connection until PostgreSQL answers again. */
  isReachable(): boolean;
  /** Any error seen on a connection; only those of a lost database mark it down. */
  reportError(error: unknown): void;
  /** A connection was made: the database is there. */
  reportConnected(): void;
  /** Called with the new state whenever it changes (logs, tests). */
  onChange(listener: (isReachable: boolean) => void): () => void;
  stop(): void;
}

/**
 * Tracks whether PostgreSQL can be reached, so that requests arriving while it is down get 503 at
 * once instead of each waiting for a connection (and piling up into the pool's 429 load shedding).
 * While down, a probe connects every `probeMs` on a connection of its own, outside the pool; the
 * first answer marks the database reachable again, so the server recovers by itself.
 */
export function createDatabaseHealth(options: {
  url: string;
  probeMs?: number;
  /** How long one probe may take to connect. */
  probeTimeoutMs?: number;
}): DatabaseHealth {
  const probeMs = options.probeMs ?? 250;
  const listeners = new Set<(isReachable: boolean) => void>();
  let isReachable = true;
  let isStopped = false;
  let probeTimer: NodeJS.Timeout | undefined;

  const setReachable = (next: boolean) => {
    if (next === isReachable) return;
    isReachable = next;
    for (const listener of listeners) listener(next);
    if (!next) scheduleProbe(0);
  };

  const probeTimeoutMs = options.probeTimeoutMs ?? 2_000;

  /**
   * One connection and `SELECT 1`, bounded as a whole: a probe that hangs (a server half-way through
   * a restart can accept a socket and never answer) must not stop the probing, or the process would
   * answer 503 for ever after the database came back.
   */
  const probe = async (): Promise<boolean> => {
    const client = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: probeTimeoutMs,
      query_timeout: probeTimeoutMs,
      application_name: 'z-events-health',
    });
    client.on('error', () => undefined);
    let watchdog: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      watchdog = setTimeout(() => resolve(false), probeTimeoutMs + 500);
      watchdog.unref();
    });
    const answered = (async () => {
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    })();
    try {
      return await Promise.race([answered, timedOut]);
    } finally {
      clearTimeout(watchdog);
      // Never awaited: closing a half-open connection can itself hang.
      client.end().catch(() => undefined);
    }
  };

  const scheduleProbe = (delayMs: number) => {
    if (isStopped || probeTimer) return;
    probeTimer = setTimeout(() => {
      void probe()
        .catch(() => false)
        .then((isUp) => {
          probeTimer = undefined;
          if (isUp) setReachable(true);
          else if (!isReachable) scheduleProbe(probeMs);
        });
    }, delayMs);
    // The probe alone never keeps a process alive (tests, a shutdown in progress).
    probeTimer.unref();
  };

  return {
    isReachable: () => isReachable,
    reportError(error) {
      if (isConnectionError(error)) setReachable(false);
    },
    reportConnected() {
      setReachable(true);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      isStopped = true;
      if (probeTimer) clearTimeout(probeTimer);
      probeTimer = undefined;
    },
  };
}

/** One round trip to PostgreSQL (the liveness probe's question); throws when it cannot answer. */
export async function pingDatabase(db: DbOrTx): Promise<void> {
  await db.execute(sql`SELECT 1`);
}
