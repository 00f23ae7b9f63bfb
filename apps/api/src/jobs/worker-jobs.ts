import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { createEmailComposer } from '../modules/notifications/email-composer';
import { createReminderJob } from '../modules/notifications/event-reminder.job';
import type { Mailer } from '../modules/notifications/mailer';
import { SEND_EMAIL, SEND_REMINDERS } from '../modules/notifications/notifications.jobs';
import { createSendEmailJob } from '../modules/notifications/send-email.job';
import { createOrderTokens } from '../modules/orders/order-tokens';
import { createInvitationTokens } from '../modules/organizations';
import { createVerificationTokens } from '../modules/accounts';
import { createTicketSigner } from '../modules/tickets/ticket-qr';
import type { Clock } from '../shared/clock';
import type { Enqueuer } from './job-queue';
import type { JobDefinition, JobHandler } from './job-registry';

/** Every queue the platform uses; each must have a handler in createWorkerJobs or workers refuse to start. */
export const JOB_DEFINITIONS: JobDefinition[] = [SEND_EMAIL, SEND_REMINDERS];

export function createWorkerJobs(deps: {
  database: Database;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  enqueuer: Enqueuer;
  /** In production sent bodies are not kept (only the development mailbox shows them). */
  config: { publicUrl: string; appSecret: string; isProduction?: boolean };
}): JobHandler[] {
  const { database, clock, logger, mailer, enqueuer, config } = deps;
  const compose = createEmailComposer({
    db: database.db,
    publicUrl: config.publicUrl,
    tokens: createOrderTokens(config.appSecret),
    signer: createTicketSigner(config.appSecret),
    clock,
    invitationTokens: createInvitationTokens(config.appSecret),
    verificationTokens: createVerificationTokens(config.appSecret),
  });
  return [
    createSendEmailJob({
      db: database.db,
      mailer,
      compose,
      clock,
      logger,
      keepSentBodies: !config.isProduction,
    }),
    createReminderJob({ db: database.db, enqueuer, clock, logger }),
  ];
}
