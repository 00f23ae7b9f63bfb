import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/client';
import { createEmailComposer } from '../modules/notifications/email-composer';
import { createReminderJob } from '../modules/notifications/event-reminder.job';
import type { Mailer } from '../modules/notifications/mailer';
import { SEND_EMAIL, SEND_REMINDERS } from '../modules/notifications/notifications.jobs';
import { createSendEmailJob } from '../modules/notifications/send-email.job';
import { createNotifier } from '../modules/notifications/notifier';
import { createOrderTokens, createRefundCancelledOrderJob, REFUND_CANCELLED_ORDER } from '../modules/orders';
import { createConfiguredProvider, createPaymentService, type PaymentProvider } from '../modules/payments';
import { createInvitationTokens } from '../modules/organizations';
import { createVerificationTokens } from '../modules/accounts';
import { loadEventMessage } from '../modules/messages';
import {
  createMakeOffersJob,
  createWaitlistService,
  createWaitlistTokens,
  MAKE_WAITLIST_OFFERS,
} from '../modules/waitlist';
import { createTicketSigner, createTicketTokens } from '../modules/tickets';
import { createPushPassUpdatesJob, PUSH_PASS_UPDATES } from '../modules/wallet';
import {
  createForgetSaltsJob,
  createSendSummariesJob,
  createSummaryService,
  FORGET_ANALYTICS_SALTS,
  SEND_ANALYTICS_SUMMARIES,
} from '../modules/analytics';
import { createIssueInvoicesJob, ISSUE_INVOICES } from '../modules/billing';
import { createCoverReader, createImageStore, type ImageStore } from '../modules/media';
import type { Clock } from '../shared/clock';
import type { Enqueuer } from './job-queue';
import type { JobDefinition, JobHandler } from './job-registry';
import { createPdfThreads } from './pdf-threads';

/** Every queue the platform uses; each must have a handler in createWorkerJobs or workers refuse to start. */
export const JOB_DEFINITIONS: JobDefinition[] = [
  SEND_EMAIL,
  SEND_REMINDERS,
  REFUND_CANCELLED_ORDER,
  MAKE_WAITLIST_OFFERS,
  PUSH_PASS_UPDATES,
  FORGET_ANALYTICS_SALTS,
  SEND_ANALYTICS_SUMMARIES,
  ISSUE_INVOICES,
];

export function createWorkerJobs(deps: {
  database: Database;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  enqueuer: Enqueuer;
  /** In production sent bodies are not kept (only the development mailbox shows them). */
  config: { publicUrl: string; appSecret: string; isProduction?: boolean; ticketPdfThreads?: number } & Pick<
    Config,
    'payments'
  > &
    // Absent: covers are read from the API's default folder.
    Partial<Pick<Config, 'storage'>> &
    // Absent means no wallet: pass-update pushes are then skipped.
    Partial<Pick<Config, 'wallet'>>;
  /** Overrides the provider chosen by configuration (tests of retries pass a failing one). */
  paymentProvider?: PaymentProvider;
  /** Tells live dashboards and event pages that figures moved (refunds). */
  announce?: (eventId: string) => void;
  /** Where covers are read for emails (tests pass the API's store); default: the configured one. */
  imageStore?: ImageStore;
}): JobHandler[] {
  const { database, clock, logger, mailer, enqueuer, config } = deps;
  const payments = createPaymentService({
    db: database.db,
    provider: deps.paymentProvider ?? createConfiguredProvider(config.payments),
    clock,
    logger,
    notifier: createNotifier({ enqueuer }),
    announce: deps.announce,
  });
  const summaries = createSummaryService({
    db: database.db,
    clock,
    publicUrl: config.publicUrl,
    notifier: createNotifier({ enqueuer }),
  });
  const pdfThreads = createPdfThreads({ threads: config.ticketPdfThreads ?? 0 });
  const compose = createEmailComposer({
    db: database.db,
    publicUrl: config.publicUrl,
    tokens: createOrderTokens(config.appSecret),
    signer: createTicketSigner(config.appSecret),
    clock,
    invitationTokens: createInvitationTokens(config.appSecret),
    verificationTokens: createVerificationTokens(config.appSecret),
    ticketTokens: createTicketTokens(config.appSecret),
    loadEventMessage: (messageId) => loadEventMessage(database.db, messageId),
    loadAnalyticsSummary: (params) => summaries.report(params),
    // The same store the API writes covers to (the configured one, or the API's default folder).
    coverOf: createCoverReader({
      db: database.db,
      store:
        deps.imageStore ??
        createImageStore(config.storage ?? { kind: 'local', dir: path.join(tmpdir(), 'zevents-media') }),
    }),
    // Off the event loop that answers HTTP, on every core, at a lower priority.
    renderTicketPdf: pdfThreads.renderTicketPdf,
    renderInvoicePdf: pdfThreads.renderInvoicePdf,
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
    createRefundCancelledOrderJob({ db: database.db, payments }),
    createMakeOffersJob({
      waitlist: createWaitlistService({
        database,
        clock,
        notifier: createNotifier({ enqueuer }),
        tokens: createWaitlistTokens(config.appSecret),
        publicUrl: config.publicUrl,
        logger,
        announce: deps.announce,
      }),
    }),
    createPushPassUpdatesJob({ db: database.db, apple: config.wallet?.apple, logger }),
    createForgetSaltsJob({ db: database.db, clock }),
    createSendSummariesJob({ summaries }),
    createIssueInvoicesJob({ db: database.db, clock }),
  ];
}
