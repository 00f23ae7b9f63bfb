import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';
import type { ChangeBus } from '../realtime/change-bus';
import { createMailer } from '../modules/notifications/mailer';
import { createNotifier } from '../modules/notifications';
import { startHoldExpirySweeper } from '../modules/orders/hold-expiry';
import * as waitlist from '../modules/waitlist';
import { createWebhookDispatcher, startWebhookDispatcher, tellOwnersWhenDisabled } from '../modules/webhooks';
import { systemClock } from '../shared/clock';
import type { JobQueue } from './job-queue';
import { createWorkerJobs } from './worker-jobs';

export interface JobWorker {
  /** Stops the loops it runs beside its queue's handlers (synchronous). */
  stopLoops(): void;
  /** Closes its SMTP connections: after the queue has stopped, as running jobs still send. */
  close(): void;
}

/**
 * What a job worker runs, in a `--role=worker` process or in the jobs thread of `--role=all`: the
 * queue's handlers (emails, reminders, refunds, invoices...), the hold-expiry sweeper, the
 * waiting-list offers and the webhook deliveries. The caller owns the pools, the queue and the bus:
 * it calls `stopLoops()`, stops them, then calls `close()`. `isStopping` is asked between steps, so a
 * stop that arrives while this starts leaves no loop behind.
 */
export async function startJobWorker(deps: {
  database: Database;
  jobs: JobQueue;
  changes: ChangeBus;
  config: Config;
  logger: Logger;
  isStopping: () => boolean;
}): Promise<JobWorker> {
  const { database, jobs, changes, config, logger } = deps;
  const announce = (eventId: string) => changes.announce(eventId);
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom });
  const loops: Array<{ stop(): void }> = [];
  const worker: JobWorker = {
    stopLoops: () => loops.splice(0).forEach((loop) => loop.stop()),
    close: () => mailer.close(),
  };

  await jobs.startWorkers(
    createWorkerJobs({ database, clock: systemClock, logger, mailer, enqueuer: jobs, config, announce }),
  );
  if (deps.isStopping()) return worker;
  loops.push(
    startHoldExpirySweeper({ pool: database.pool, clock: systemClock, logger, announce }),
    // Freed tickets reach the next waiting-list entry within seconds (the cron job is the backstop).
    waitlist.startWaitlistOfferLoop({
      waitlist: waitlist.createWaitlistService({
        database,
        clock: systemClock,
        notifier: createNotifier({ enqueuer: jobs }),
        tokens: waitlist.createWaitlistTokens(config.appSecret),
        publicUrl: config.publicUrl,
        logger,
        announce,
      }),
      logger,
    }),
    startWebhookDispatcher({
      dispatcher: createWebhookDispatcher({
        db: database.db,
        clock: systemClock,
        logger,
        allowPrivate: config.webhooksAllowPrivate,
        onDisabled: tellOwnersWhenDisabled(createNotifier({ enqueuer: jobs })),
      }),
      logger,
    }),
  );
  if (!config.smtpUrl && !config.isProduction)
    logger.info(`no SMTP_URL: emails are kept in the development mailbox at ${config.publicUrl}/dev/mailbox`);
  return worker;
}
