import type { Server } from 'node:http';
import { ConfigError, loadConfig } from './config';
import { createApp } from './app';
import { createDatabase } from './db/client';
import { resolveDatabaseTarget } from './db/connect';
import { runMigrations } from './db/migrate';
import { seedDemoData } from './demo/demo-seed';
import { createJobQueue } from './jobs/job-queue';
import { createWorkerJobs, JOB_SPECS } from './jobs/worker-jobs';
import { createLogger } from './logger';
import { createChangeBus } from './realtime/change-bus';
import { createLiveHub, type LiveHub } from './realtime/live-hub';
import { createMailer } from './modules/notifications/mailer';
import { startHoldExpirySweeper } from './modules/orders/hold-expiry';
import { systemClock } from './shared/clock';

type Role = 'api' | 'worker' | 'all';

function parseRole(argv: string[]): Role {
  const arg = argv.find((a) => a.startsWith('--role='));
  const role = arg?.slice('--role='.length) ?? 'all';
  if (role !== 'api' && role !== 'worker' && role !== 'all') {
    throw new ConfigError(`Invalid --role=${role}: use api, worker or all`);
  }
  return role;
}

async function main(): Promise<void> {
  const role = parseRole(process.argv.slice(2));
  const config = loadConfig();
  const logger = createLogger(config.logLevel);

  const target = await resolveDatabaseTarget(config, (message) =>
    logger.debug({ component: 'postgres' }, message),
  );
  if (target.isEmbedded) logger.info('using embedded PostgreSQL (set DATABASE_URL to use your own server)');
  await runMigrations(target.url);
  const database = createDatabase(target.url, config.databasePoolSize);

  if (config.seedDemo) {
    const login = await seedDemoData({ db: database.db, clock: systemClock });
    if (login) {
      console.log(
        `\n  Demo organizer created. Log in with\n    email:    ${login.email}\n    password: ${login.password}\n`,
      );
    }
  }

  const isWorker = role === 'worker' || role === 'all';
  const jobs = await createJobQueue({ url: target.url, logger, jobs: JOB_SPECS, isWorker });
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const changes = await createChangeBus({ url: target.url, pool: database.pool, logger });
  if (isWorker) {
    await jobs.startWorkers(
      createWorkerJobs({ database, clock: systemClock, logger, mailer, enqueuer: jobs, config }),
    );
    if (!config.smtpUrl && !config.isProduction)
      logger.info(
        `no SMTP_URL: emails are kept in the development mailbox at ${config.publicUrl}/dev/mailbox`,
      );
  }

  let server: Server | undefined;
  let live: LiveHub | undefined;
  if (role === 'api' || role === 'all') {
    const { app, liveSources } = createApp({
      database,
      config,
      logger,
      jobs,
      changes,
      collectDefaultMetrics: true,
    });
    server = app.listen(config.port, () => {
      logger.info(
        `Z-Events is listening on ${config.publicUrl} (API reference at ${config.publicUrl}/api/docs)`,
      );
    });
    live = createLiveHub({ bus: changes, sources: liveSources, logger });
    live.attach(server);
    server.on('error', (error) => {
      logger.fatal({ err: error }, `cannot listen on port ${config.port}`);
      void shutdown(1);
    });
  }

  const sweeper = isWorker
    ? startHoldExpirySweeper({
        pool: database.pool,
        clock: systemClock,
        logger,
        announce: (eventId) => changes.announce(eventId),
      })
    : undefined;

  let isStopping = false;
  async function shutdown(code: number): Promise<void> {
    if (isStopping) return;
    isStopping = true;
    logger.info('shutting down');
    sweeper?.stop();
    live?.close();
    await changes.stop();
    await jobs.stop().catch(() => undefined);
    mailer.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await database.close().catch(() => undefined);
    await target.stop().catch(() => undefined);
    process.exit(code);
  }
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Z-Events failed to start:', error);
  }
  process.exit(1);
});
