import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from './config';
import { createDatabase } from './db/client';
import { resolveDatabaseTarget } from './db/connect';
import { runMigrations } from './db/migrate';
import { seedDemoOnBoot } from './demo/seed-on-boot';

/**
 * WEB_CONCURRENCY > 1: this process is the primary of a node:cluster. It does what must happen once
 * per deployment before anyone serves (start the embedded PostgreSQL, migrate, seed the demo), then
 * forks `apiProcesses` API processes that share the port (the primary hands them connections in
 * turn) and, for `--role=all`, one job worker process (cron, maintenance and the hold sweeper must
 * run once, not once per API process). It serves nothing itself: it restarts a child that dies and,
 * on SIGTERM, passes the signal on, waits for every child's graceful stop, then stops PostgreSQL.
 *
 * What is per process stays correct with N of them: live updates reach every process through
 * PostgreSQL's LISTEN/NOTIFY (ChangeBus), rate limits and idempotency claims live in PostgreSQL, and
 * in-memory caches are per process by design (each bounded in age). Admission control and the
 * connection pool are per process too, so N processes admit N times ADMISSION_MAX_IN_FLIGHT.
 */

type ChildRole = 'api' | 'worker';

interface Slot {
  role: ChildRole;
  worker?: Worker;
  startedAt: number;
  /** Listening (API) or running its jobs (worker): a death after that is a crash, not a failed boot. */
  isBooted: boolean;
  /** Failed boots in a row: a child that cannot start (port taken, bad database) is not forked forever. */
  failedBoots: number;
}

/** What a job worker child sends its primary once its jobs run (API children: the 'listening' event). */
export const CHILD_BOOTED = 'zevents:booted';
/** Failed boots in a row, per child, after which the whole server stops with exit 1. */
const MAX_FAILED_BOOTS = 5;

export async function runClusterPrimary(options: {
  config: Config;
  logger: Logger;
  apiProcesses: number;
  withJobWorker: boolean;
  /** The children have SHUTDOWN_DEADLINE_MS; the primary cuts what is left a little later. */
  shutdownDeadlineMs: number;
}): Promise<void> {
  const { config, logger } = options;
  let isStopping = false;
  let stopDatabase: () => Promise<void> = async () => undefined;
  const slots: Slot[] = [
    ...Array.from({ length: options.apiProcesses }, () => newSlot('api')),
    ...(options.withJobWorker ? [newSlot('worker')] : []),
  ];
  const alive = () => slots.filter((slot) => slot.worker && !slot.worker.isDead());

  let allStopped: () => void = () => undefined;
  const everyChildStopped = new Promise<void>((resolve) => (allStopped = resolve));

  async function shutdown(code: number, reason: string): Promise<void> {
    if (isStopping) return;
    isStopping = true;
    logger[code === 0 ? 'info' : 'error'](
      { reason, children: alive().length },
      'shutting down every process',
    );
    const deadline = setTimeout(() => {
      logger.error('a child did not stop in time; killing it');
      for (const slot of alive()) slot.worker?.process.kill('SIGKILL');
    }, options.shutdownDeadlineMs);
    deadline.unref();
    for (const slot of alive()) slot.worker?.process.kill('SIGTERM');
    if (alive().length > 0) await everyChildStopped;
    clearTimeout(deadline);
    await stopDatabase().catch(() => undefined);
    logger.info('every process stopped');
    process.exit(code);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(0, signal));

  const target = await resolveDatabaseTarget(config, (message) =>
    logger.debug({ component: 'postgres' }, message),
  );
  stopDatabase = target.stop;
  if (target.isEmbedded) logger.info('using embedded PostgreSQL (set DATABASE_URL to use your own server)');
  await runMigrations(target.url);
  if (config.seedDemo) await seedDemoOnce(target.url);
  if (isStopping) return;

  // Every child finds the database the primary resolved, and never seeds (done once, above).
  const childEnv = { DATABASE_URL: target.url, SEED_DEMO: 'false' };

  const fork = (slot: Slot) => {
    cluster.setupPrimary({ args: [`--role=${slot.role}`] });
    const worker = cluster.fork(childEnv);
    slot.worker = worker;
    slot.startedAt = performance.now();
    slot.isBooted = false;
    worker.once('listening', () => (slot.isBooted = true));
    worker.on('message', (message: unknown) => {
      if (message === CHILD_BOOTED) slot.isBooted = true;
    });
    worker.on('exit', (code, signal) => {
      if (isStopping) {
        if (alive().length === 0) allStopped();
        return;
      }
      slot.failedBoots = slot.isBooted ? 0 : slot.failedBoots + 1;
      logger.error(
        {
          role: slot.role,
          childPid: worker.process.pid,
          code,
          signal,
          livedMs: Math.round(performance.now() - slot.startedAt),
          duringBoot: !slot.isBooted,
        },
        'a child process died; starting another',
      );
      if (slot.failedBoots >= MAX_FAILED_BOOTS) {
        void shutdown(1, `the ${slot.role} process failed to start ${MAX_FAILED_BOOTS} times in a row`);
        return;
      }
      // At once after a crash in service; backing off while it keeps failing to boot.
      setTimeout(
        () => {
          if (!isStopping) fork(slot);
        },
        slot.failedBoots === 0 ? 0 : 250 * 2 ** slot.failedBoots,
      );
    });
  };
  for (const slot of slots) fork(slot);
  logger.info(
    { apiProcesses: options.apiProcesses, jobWorker: options.withJobWorker },
    `started ${options.apiProcesses} API processes sharing port ${config.port}${options.withJobWorker ? ' and one job worker' : ''}`,
  );
}

const newSlot = (role: ChildRole): Slot => ({ role, startedAt: 0, isBooted: false, failedBoots: 0 });

/** The demo seed checks for an empty database; run by N processes at once it could seed twice. */
async function seedDemoOnce(url: string): Promise<void> {
  const database = createDatabase(url, 1);
  try {
    await seedDemoOnBoot(database.db);
  } finally {
    await database.close();
  }
}
