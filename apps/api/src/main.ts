import cluster from 'node:cluster';
import type { Server } from 'node:http';
import net from 'node:net';
import { survivableRejections } from './db/unhandled-rejections';
import { ConfigError, loadConfig } from './config';
import { createDatabase, type Database } from './db/client';
import { type DatabaseTarget, resolveDatabaseTarget } from './db/connect';
import { runMigrations } from './db/migrate';
import { applyKeepAlive } from './http/keep-alive';
import { createJobQueue, type JobQueue } from './jobs/job-queue';
import type { JobWorker } from './jobs/job-worker';
import type { JobsThread } from './jobs/jobs-thread';
import { createLogger } from './logger';
import { type ChangeBus, createChangeBus } from './realtime/change-bus';
import type { LiveHub } from './realtime/live-hub';
import { seedDemoOnBoot } from './demo/seed-on-boot';
import { CHILD_BOOTED, runClusterPrimary } from './cluster-primary';

type Role = 'api' | 'worker' | 'all';

/** A process manager sends SIGKILL 10 s after SIGTERM (Docker, Kubernetes, systemd's default is 90). */
const SHUTDOWN_DEADLINE_MS = 9_500;
/** A cluster's primary kills the children still running this late, then stops PostgreSQL itself. */
const CLUSTER_SHUTDOWN_DEADLINE_MS = 9_700;
/** Running jobs get this long to finish before they are handed back to the queue. */
const JOBS_GRACE_MS = 6_000;
/** Requests already received get this long to be answered before their connections are cut. */
const REQUESTS_GRACE_MS = 8_000;

function parseRole(argv: string[]): Role {
  const arg = argv.find((a) => a.startsWith('--role='));
  const role = arg?.slice('--role='.length) ?? 'all';
  if (role !== 'api' && role !== 'worker' && role !== 'all') {
    throw new ConfigError(`Invalid --role=${role}: use api, worker or all`);
  }
  return role;
}

/** What is running, filled in as the boot goes, so a signal at any moment stops what exists. */
interface Running {
  target?: DatabaseTarget;
  database?: Database;
  jobs?: JobQueue;
  changes?: ChangeBus;
  server?: Server;
  live?: LiveHub;
  /** `--role=worker`: the job worker's loops, on this thread. */
  jobWorker?: JobWorker;
  /** `--role=all`: the job worker, on a thread of its own. */
  jobsThread?: JobsThread;
  /** Beacons still in memory are recorded before the pools close. */
  stopAnalytics?: () => Promise<void>;
}

async function main(): Promise<void> {
  const role = parseRole(process.argv.slice(2));
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // WEB_CONCURRENCY > 1: this process supervises the API processes (and the job worker) it forks.
  if (cluster.isPrimary && config.webConcurrency > 1 && role !== 'worker') {
    await runClusterPrimary({
      config,
      logger,
      apiProcesses: config.webConcurrency,
      withJobWorker: role === 'all',
      shutdownDeadlineMs: CLUSTER_SHUTDOWN_DEADLINE_MS,
    });
    return;
  }
  // pg-boss leaves some database calls unawaited; while PostgreSQL is away they must not end us.
  process.on('unhandledRejection', survivableRejections(logger));
  const isApi = role === 'api' || role === 'all';
  const bootStarted = performance.now();
  const running: Running = {};
  const phase = (name: string) =>
    logger.debug({ ms: Math.round(performance.now() - bootStarted) }, `boot: ${name}`);

  let isStopping = false;
  /**
   * Graceful stop (SIGTERM, SIGINT): stop taking connections, answer every request already received,
   * let running jobs finish (or hand them back to the queue), close the pools, exit 0, all within
   * the process manager's 10 s; past SHUTDOWN_DEADLINE_MS the process exits 1 whatever is left.
   */
  async function shutdown(code: number, reason: string): Promise<void> {
    if (isStopping) return;
    isStopping = true;
    const started = performance.now();
    logger.info({ reason }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting now');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();

    running.jobWorker?.stopLoops();
    running.live?.close();
    await Promise.all([
      running.server ? drainHttp(running.server) : undefined,
      running.jobsThread?.stop(JOBS_GRACE_MS),
      running.jobs?.stop({ timeoutMs: JOBS_GRACE_MS }).catch((error: unknown) => {
        logger.warn({ err: error }, 'job queue did not stop cleanly');
      }),
    ]);
    await running.stopAnalytics?.().catch(() => undefined);
    await running.changes?.stop().catch(() => undefined);
    running.jobWorker?.close();
    await running.database?.close().catch(() => undefined);
    await running.target?.stop().catch(() => undefined);
    logger.info({ ms: Math.round(performance.now() - started) }, 'stopped');
    process.exit(code);
  }
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(0, signal));

  // Loading the API's modules takes about a second of CPU: it overlaps with the database work below.
  const appModule = isApi ? import('./app') : undefined;
  const workerModule = import('./jobs/worker-jobs');
  // Awaited later; a failure is reported there, not as an unhandled rejection now.
  appModule?.catch(() => undefined);
  workerModule.catch(() => undefined);

  const target = await resolveDatabaseTarget(config, (message) =>
    logger.debug({ component: 'postgres' }, message),
  );
  running.target = target;
  if (target.isEmbedded) logger.info('using embedded PostgreSQL (set DATABASE_URL to use your own server)');
  phase('database found');
  await runMigrations(target.url);
  phase('migrations applied');
  const database = createDatabase(target.url, config.databasePoolSize);
  running.database = database;
  database.health.onChange((isReachable) =>
    isReachable
      ? logger.info('the database is reachable again')
      : logger.error('the database cannot be reached; answering 503 until it is back'),
  );

  if (config.seedDemo) await seedDemoOnBoot(database.db);

  const { JOB_DEFINITIONS } = await workerModule;
  phase('worker modules loaded');
  const [jobs, changes] = await Promise.all([
    // `--role=all` enqueues here; its jobs thread has a queue of its own that works them.
    createJobQueue({ url: target.url, logger, jobs: JOB_DEFINITIONS, isWorker: role === 'worker' }),
    createChangeBus({ url: target.url, pool: database.pool, logger }),
  ]);
  running.jobs = jobs;
  running.changes = changes;
  phase('job queue and change bus ready');
  if (isStopping) return;

  if (appModule) {
    const { createApp } = await appModule;
    const { createLiveHub } = await import('./realtime/live-hub');
    phase('API modules loaded');
    const { app, liveSources, stopAnalytics } = createApp({
      database,
      config,
      logger,
      jobs,
      changes,
      collectDefaultMetrics: true,
      holdsPerIpPerMinute: config.holdsPerIpPerMinute,
      apiKeyCacheSeconds: config.apiKeyCacheSeconds,
      publicEventCacheMs: config.publicEventCacheMs,
      admission: config.admission,
    });
    const server = app.listen(config.port, () => {
      logger.info(
        { bootMs: Math.round(performance.now() - bootStarted) },
        `Z-Events is listening on ${config.publicUrl} (API reference at ${config.publicUrl}/api/docs)`,
      );
    });
    applyKeepAlive(server, config.keepAliveMs);
    running.server = server;
    running.stopAnalytics = stopAnalytics;
    const live = createLiveHub({ bus: changes, sources: liveSources, logger });
    running.live = live;
    live.attach(server);
    server.on('error', (error) => {
      logger.fatal({ err: error }, `cannot listen on port ${config.port}`);
      void shutdown(1, 'listen failed');
    });
  }

  // Workers start after the server listens: HTTP is what a restart waits for.
  if (role === 'all') {
    // Jobs on a thread of their own at a lower priority, so they never slow reserve and pay.
    const { startJobsThread } = await import('./jobs/jobs-thread');
    if (isStopping) return;
    running.jobsThread = startJobsThread({ databaseUrl: target.url, logger });
  }
  if (role === 'worker') {
    const { startJobWorker } = await import('./jobs/job-worker');
    const { lowerThreadPriority } = await import('./jobs/module-thread');
    if (isStopping) return;
    // This process's main thread: what it starts later (PDF threads) inherits the lower priority.
    lowerThreadPriority(config.workerNice);
    const stopping = () => isStopping;
    running.jobWorker = await startJobWorker({
      database,
      jobs,
      changes,
      config,
      logger,
      isStopping: stopping,
    });
    // A cluster's primary counts a job worker as started from here (API processes: once listening).
    if (cluster.isWorker && !isApi) process.send?.(CHILD_BOOTED);
  }
}

/**
 * Stops accepting connections and resolves when every request already received has been answered.
 * Keep-alive connections are closed once idle (between requests), so a client never sees its next
 * request dropped half-way; whatever is still open after REQUESTS_GRACE_MS is cut.
 */
function drainHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    let idleSweep: NodeJS.Timeout | undefined;
    // net.Server's close, not http.Server's: Node's own also destroys, at this instant, every
    // connection with no request in progress, and that includes connections whose request has
    // arrived but not been read yet. Those get a moment to be read first.
    const startSweeping = setTimeout(() => {
      server.closeIdleConnections();
      idleSweep = setInterval(() => server.closeIdleConnections(), 100);
    }, 250);
    const cut = setTimeout(() => server.closeAllConnections(), REQUESTS_GRACE_MS);
    net.Server.prototype.close.call(server, () => {
      clearTimeout(startSweeping);
      clearInterval(idleSweep);
      clearTimeout(cut);
      resolve();
    });
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Z-Events failed to start:', error);
  }
  process.exit(1);
});
