import {
  authorizeWebhook,
  createWebhookDispatcher,
  createWebhooksService,
  registerWebhookEventDocs,
  registerWebhooksRoutes,
  tellOwnersWhenDisabled,
} from './modules/webhooks';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import type { Database, Db, Tx } from './db/client';
import type { Principal } from './http/auth-context';
import { type AdmissionLimits, createAdmissionGate } from './http/admission';
import { authenticate } from './http/auth';
import { createCsrf } from './http/csrf';
import { createErrorHandler, notFoundHandler } from './http/error-handler';
import { shedLoad } from './http/load-shedding';
import { installFastLanes, isPlainJsonPost, readJsonBody, withoutCookies } from './http/fast-lane';
import { loopbackOnly } from './http/loopback-only';
import { requestLog } from './http/request-log';
import { securityHeaderValues, securityHeaders } from './http/security-headers';
import { createRateLimit, type RateLimitRule } from './http/rate-limit';
import { ApiRouter, type ResourceAuthorizers } from './http/route';
import { rejectUnstorableText } from './http/storable-text';
import { registerAccountsRoutes } from './modules/accounts/accounts.routes';
import { createAccountsService } from './modules/accounts/accounts.service';
import { createVerificationTokens } from './modules/accounts/email-verification-tokens';
import { registerEmailVerificationRoutes } from './modules/accounts/email-verification.routes';
import { createEmailVerificationService } from './modules/accounts/email-verification.service';
import { registerApiKeysRoutes } from './modules/accounts/api-keys.routes';
import { createApiKeysService } from './modules/accounts/api-keys.service';
import { registerCatalogueRoutes } from './modules/catalogue/catalogue.routes';
import {
  createEventPageHandler,
  createOrganizerPageHandler,
  createOrganizerPageService,
  registerOrganizerPageRoutes,
} from './modules/catalogue';
import { registerCheckinRoutes } from './modules/checkin/checkin.routes';
import { createCheckinService } from './modules/checkin/checkin.service';
import { createEmbedPageHandlers, serveEmbedScript } from './modules/embed';
import { createEventListsService } from './modules/checkin/event-lists.service';
import { createCatalogueService } from './modules/catalogue/catalogue.service';
import { registerEventsRoutes } from './modules/events/events.routes';
import { createEventsService } from './modules/events/events.service';
import {
  authorizeCapacityPool,
  authorizeEventDate,
  authorizePromoCode,
  authorizeTicketType,
  createCapacityPoolsService,
  createEventAccess,
  registerCapacityPoolsRoutes,
  createEventDatesService,
  registerEventDatesRoutes,
} from './modules/events';
import { createInvitationTokens } from './modules/organizations/invitation-tokens';
import { registerInvitationsRoutes } from './modules/organizations/invitations.routes';
import {
  createInvitationEmailProof,
  createInvitationsService,
} from './modules/organizations/invitations.service';
import { registerOrganizationsRoutes } from './modules/organizations/organizations.routes';
import { createOrganizationsService } from './modules/organizations/organizations.service';
import { type Permission, requireOrganizationPermission } from './modules/organizations';
import { registerStatsRoutes } from './modules/stats/stats.routes';
import { createStatsService } from './modules/stats/stats.service';
import {
  closeCancelledEventHolds,
  countCancellationRefunds,
  countOrdersByStatus,
  createOrdersService,
  createOrderTokens,
  queueCancellationRefunds,
  registerMyOrdersRoutes,
  registerOrdersRoutes,
} from './modules/orders';
import {
  createConfiguredProvider,
  createPaymentService,
  type PaymentProvider,
  registerPaymentsRoutes,
} from './modules/payments';
import { createTicketSigner, createTicketTokens, registerTicketsRoutes } from './modules/tickets';
import { admissionCheck, createWaitingRoomService, registerWaitingRoomRoutes } from './modules/waiting-room';
import type { JobQueue } from './jobs/job-queue';
import { registerAuditRoutes } from './modules/audit/audit.routes';
import { createMessagesService, registerMessagesRoutes } from './modules/messages';
import {
  authorizeWaitlistEntry,
  createWaitlistService,
  createWaitlistTokens,
  registerWaitlistRoutes,
} from './modules/waitlist';
import {
  createBillingService,
  createFinancialReportService,
  registerBillingRoutes,
  registerFinancialReportRoutes,
} from './modules/billing';
import {
  type AnalyticsService,
  createAnalyticsService,
  createSummaryService,
  registerAnalyticsRoutes,
} from './modules/analytics';
import {
  createWalletService,
  queuePassUpdates,
  registerAppleWebServiceRoutes,
  registerWalletRoutes,
} from './modules/wallet';
import {
  createOrderDeskService,
  createTicketTransferService,
  registerOrderDeskRoutes,
} from './modules/order-desk';
import {
  authorizeQuestion,
  createOrderDetailsService,
  createQuestionsService,
  registerQuestionsRoutes,
} from './modules/questions';
import {
  createCoverReader,
  createImageLookup,
  createImageStore,
  createMediaService,
  type ImageStore,
  registerMediaFilesRoutes,
  registerMediaRoutes,
} from './modules/media';
import { type ChangeBus, silentChangeBus } from './realtime/change-bus';
import type { LiveSources } from './realtime/live-hub';
import { registerLiveDocumentation } from './realtime/live-documentation';
import { createLiveSources } from './realtime/live-sources';
import {
  countEmailsByStatus,
  createNotifier,
  findOrderIdsSentTo,
  registerMailboxRoutes,
} from './modules/notifications';
import { buildOpenApiDocument, createOpenApiRegistry } from './openapi/openapi-document';
import { createMetrics } from './operations/metrics';
import { registerOperationsRoutes } from './operations/operations.routes';
import { type Clock, systemClock } from './shared/clock';
import { type FaultInjector, faultsFromEnv } from './shared/faults';

export interface RateLimitRules {
  login: RateLimitRule;
  loginPerIp: RateLimitRule;
  signupPerIp: RateLimitRule;
  /** New verification links per account. */
  resendVerification: RateLimitRule;
  /** Invitations (and member adds, which invite) per inviter. */
  invites: RateLimitRule;
  /** Waiting-list joins (each sends an email) per client address. */
  waitlistJoinPerIp: RateLimitRule;
}

export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  login: { points: 10, durationSeconds: 15 * 60 },
  loginPerIp: { points: 100, durationSeconds: 60 },
  signupPerIp: { points: 20, durationSeconds: 60 },
  resendVerification: { points: 5, durationSeconds: 60 * 60 },
  invites: { points: 100, durationSeconds: 60 * 60 },
  waitlistJoinPerIp: { points: 20, durationSeconds: 60 },
};

export interface AppDeps {
  database: Database;
  config: Pick<Config, 'appSecret' | 'isProduction' | 'publicUrl' | 'holdMinutes' | 'payments'> &
    // Absent means unset: /metrics open outside production, X-Forwarded-For believed from no one.
    Partial<Pick<Config, 'metricsToken' | 'trustProxy' | 'webhooksAllowPrivate' | 'wallet' | 'storage'>>;
  /** Where covers and logos are kept; absent, the store `config.storage` names (tests pass their own). */
  imageStore?: ImageStore;
  /** The analytics service (tests pass one whose beacons they flush themselves). */
  analytics?: AnalyticsService;
  /** Overrides the provider chosen by configuration (tests pass a Stripe provider on a local fake). */
  paymentProvider?: PaymentProvider;
  logger: Logger;
  clock?: Clock;
  rateLimits?: Partial<RateLimitRules>;
  collectDefaultMetrics?: boolean;
  /**
   * Admission control of the reserve (POST /api/orders): in flight, queued, then 429 at once.
   * Absent means none (tests); main.ts passes the ADMISSION_* settings.
   */
  admission?: AdmissionLimits;
  /** Requests allowed to wait for a database connection before new ones get 429 (default 500). */
  maxWaitingForDb?: number;
  /** Where the built web app lives; served at / when present. */
  webDistDir?: string;
  /** HOLDS_PER_IP_PER_MINUTE; 0 or absent turns the limit off (tests come from one address). */
  holdsPerIpPerMinute?: number;
  /** Named crash points (fault-injection tests); by default only ZEVENTS_FAULTS outside production. */
  faults?: FaultInjector;
  /** How often a request renews its Idempotency-Key claim (tests shorten it). */
  idempotencyHeartbeatMs?: number;
  /**
   * API_KEY_CACHE_SECONDS: how long a verified API key is trusted without reading it again (a key
   * revoked elsewhere works that long at most). Absent or 0: every request reads its key.
   */
  apiKeyCacheSeconds?: number;
  /** PUBLIC_EVENT_CACHE_MS: how long a public event page is served from memory (at most 1 s; absent: 0). */
  publicEventCacheMs?: number;
  /** Cross-process change announcements for live updates (silent when absent). */
  changes?: ChangeBus;
  /** The job queue (pg-boss): emails and other work are enqueued inside the transactions that cause them. */
  jobs: Pick<JobQueue, 'enqueue' | 'enqueueMany' | 'depth'>;
  /** How long an event's waiting-room settings are trusted from memory (default 2 s; tests use 0). */
  waitingRoomSettingsTtlMs?: number;
}

const BODY_LIMIT_BYTES = 100 * 1024;
const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the HTTP application from its dependencies. No globals: tests build as many as they like. */
export function createApp(deps: AppDeps): {
  app: Express;
  openApiDocument: () => unknown;
  liveSources: LiveSources;
  /** Records the analytics beacons still in memory and stops their timer (a graceful stop). */
  stopAnalytics: () => Promise<void>;
} {
  const { database, config, logger } = deps;
  const db = database.db;
  const clock = deps.clock ?? systemClock;
  const rules = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
  const changes = deps.changes ?? silentChangeBus;
  const images = createImageLookup({ db, publicUrl: config.publicUrl });
  const catalogue = createCatalogueService({
    db,
    clock,
    publicEventCacheMs: deps.publicEventCacheMs,
    images,
  });
  // A change this process makes drops its cached public page at once; other processes' changes
  // arrive over the bus (within ~100 ms), and the cache's 1 s lifetime bounds anything unannounced.
  changes.onChange((eventId) => catalogue.forgetEvent(eventId));
  const announce = (eventId: string) => {
    catalogue.forgetEvent(eventId);
    changes.announce(eventId);
  };

  const invitationTokens = createInvitationTokens(config.appSecret);
  // Signup sends the verification link in its own transaction; an open invitation's link proves the address too.
  const emailVerification = createEmailVerificationService({
    db,
    clock,
    notifier: createNotifier({ enqueuer: deps.jobs }),
    tokens: createVerificationTokens(config.appSecret),
    invitationProof: createInvitationEmailProof(invitationTokens),
  });
  const accounts = createAccountsService({ db, clock, emailVerification });
  const apiKeys = createApiKeysService({ db, clock, cacheMs: (deps.apiKeyCacheSeconds ?? 0) * 1000 });
  // One way to resolve a caller, shared by HTTP and the live WebSocket (which re-checks on a timer).
  const authResolvers = {
    resolveSessionToken: accounts.resolveSessionToken,
    resolveApiKey: apiKeys.resolveApiKey,
  };
  const organizations = createOrganizationsService({
    db,
    clock,
    images,
    onProfileChanged: catalogue.forgetOrganization,
  });
  const provider = deps.paymentProvider ?? createConfiguredProvider(config.payments);
  const notifier = createNotifier({ enqueuer: deps.jobs });
  const payments = createPaymentService({ db, provider, clock, logger, notifier, announce });
  const metrics = createMetrics({
    collectDefault: deps.collectDefaultMetrics ?? false,
    access: { isProduction: config.isProduction, token: config.metricsToken },
    sources: {
      jobQueueDepth: () => deps.jobs.depth(),
      emailsByStatus: () => countEmailsByStatus(db),
      ordersByStatus: () => countOrdersByStatus(db),
    },
  });
  const orders = createOrdersService({
    database,
    clock,
    holdMinutes: config.holdMinutes,
    tokens: createOrderTokens(config.appSecret),
    signer: createTicketSigner(config.appSecret),
    provider,
    payments,
    logger,
    announce,
    holdsPerAddressPerMinute: deps.holdsPerIpPerMinute,
    faults: deps.faults ?? faultsFromEnv(),
    idempotencyHeartbeatMs: deps.idempotencyHeartbeatMs,
    onReserveBatch: metrics.observeReserveBatch,
    missingDetails: (order, event) => orderDetails.missingFor(order, event),
    notifier,
  });
  const orderDetails = createOrderDetailsService({ db, clock, orders });
  // Passes show the event's title, time, venue and status: iPhones holding them are pushed to fetch
  // them again, by a job queued with the change (never without Apple settings: nothing to push with).
  const queueApplePassUpdates = async (tx: Tx, eventId: string) => {
    if (config.wallet?.apple) await queuePassUpdates(tx, deps.jobs, eventId);
  };
  const events = createEventsService({
    db,
    clock,
    onEventChanged: (tx, eventId, previous) => notifier.eventChanged(tx, eventId, previous, clock.now()),
    onTicketFaceChanged: queueApplePassUpdates,
    onEventCancelled: {
      inTransaction: async (tx, eventId) => {
        await queueCancellationRefunds(tx, deps.jobs, eventId);
        await queueApplePassUpdates(tx, eventId);
      },
      afterCommit: async (eventId, ticketTypeIds) => {
        await closeCancelledEventHolds({ pool: database.pool, clock }, ticketTypeIds);
        announce(eventId);
      },
    },
    refundProgress: (eventId, cancelledAt) => countCancellationRefunds(db, eventId, cancelledAt),
  });
  const waitingRoom = createWaitingRoomService({
    db,
    clock,
    appSecret: config.appSecret,
    scheduleTtlMs: deps.waitingRoomSettingsTtlMs,
  });
  const csrf = createCsrf(config.appSecret, config.isProduction);

  const registry = createOpenApiRegistry();
  // The resources a member route's path names, each checked by its module's policy (same 404s and 403s).
  const byPolicy =
    (policy: (db: Db, auth: Principal, id: string, permission: Permission) => Promise<unknown>) =>
    async (auth: Principal, id: string, permission: Permission) => {
      await policy(db, auth, id, permission);
    };
  // An API key's access to an event is decided from memory once the event was seen (the door's hot path).
  const eventAccess = createEventAccess(db);
  const resourceAuthorizers: ResourceAuthorizers<Permission> = {
    orgId: byPolicy(requireOrganizationPermission),
    eventId: eventAccess.authorize,
    ticketTypeId: byPolicy(authorizeTicketType),
    promoCodeId: byPolicy(authorizePromoCode),
    questionId: byPolicy(authorizeQuestion),
    webhookId: byPolicy(authorizeWebhook),
    poolId: byPolicy(authorizeCapacityPool),
    dateId: byPolicy(authorizeEventDate),
    entryId: byPolicy(authorizeWaitlistEntry),
  };
  const api = new ApiRouter<Permission>(registry, resourceAuthorizers);
  let document: unknown;
  const openApiDocument = () => (document ??= buildOpenApiDocument(registry, config.publicUrl));

  registerOperationsRoutes(api, { db, metrics, openApiDocument, health: database.health });
  registerAccountsRoutes(api, {
    accounts,
    images,
    csrf,
    isProduction: config.isProduction,
    limits: {
      login: createRateLimit(database.pool, 'login', rules.login),
      loginPerIp: createRateLimit(database.pool, 'login-ip', rules.loginPerIp),
      signupPerIp: createRateLimit(database.pool, 'signup-ip', rules.signupPerIp),
    },
  });
  registerEmailVerificationRoutes(api, {
    emailVerification,
    limits: {
      resendVerification: createRateLimit(database.pool, 'resend-verification', rules.resendVerification),
    },
  });
  registerApiKeysRoutes(api, { apiKeys });
  registerOrganizationsRoutes(api, { organizations });
  registerInvitationsRoutes(api, {
    invitations: createInvitationsService({
      db,
      clock,
      notifier,
      tokens: invitationTokens,
    }),
    limits: { invites: createRateLimit(database.pool, 'invites', rules.invites) },
  });
  registerEventsRoutes(api, { events, images });
  // Without a configured store (some tests), files go to a scratch directory rather than the repository.
  const imageStore =
    deps.imageStore ??
    createImageStore(config.storage ?? { kind: 'local', dir: path.join(tmpdir(), 'zevents-media') });
  registerMediaRoutes(api, {
    media: createMediaService({
      db,
      store: imageStore,
      publicUrl: config.publicUrl,
      onEventChanged: announce,
      onOrganizationChanged: catalogue.forgetOrganization,
    }),
  });
  registerMediaFilesRoutes(api, { store: imageStore });
  // Ticket PDFs print the event's cover in their title band, read from the same store.
  const coverOf = createCoverReader({ db, store: imageStore });
  registerCatalogueRoutes(api, { catalogue });
  const organizerPages = createOrganizerPageService({ db, clock, images });
  registerOrganizerPageRoutes(api, { organizerPages });
  registerCapacityPoolsRoutes(api, { pools: createCapacityPoolsService({ db, clock }) });
  registerEventDatesRoutes(api, { dates: createEventDatesService({ db, clock }) });
  registerOrdersRoutes(api, { orders, requireAdmission: admissionCheck(waitingRoom) });
  registerWaitingRoomRoutes(api, { waitingRoom, isProduction: config.isProduction });
  registerQuestionsRoutes(api, { questions: createQuestionsService({ db, clock }), details: orderDetails });
  registerMessagesRoutes(api, { messages: createMessagesService({ db, clock, notifier }) });
  const analytics =
    deps.analytics ?? createAnalyticsService({ db, clock, publicUrl: config.publicUrl, logger });
  registerBillingRoutes(api, { billing: createBillingService({ db, clock }), orders });
  registerFinancialReportRoutes(api, { reports: createFinancialReportService({ db, clock }) });
  registerAnalyticsRoutes(api, {
    analytics,
    summaries: createSummaryService({ db, clock, publicUrl: config.publicUrl, notifier }),
  });
  registerWaitlistRoutes(api, {
    limits: { joinPerIp: createRateLimit(database.pool, 'waitlist-join-ip', rules.waitlistJoinPerIp) },
    waitlist: createWaitlistService({
      database,
      clock,
      notifier,
      tokens: createWaitlistTokens(config.appSecret),
      publicUrl: config.publicUrl,
      announce,
    }),
  });
  registerOrderDeskRoutes(api, {
    db,
    coverOf,
    desk: createOrderDeskService({ db, clock, orders, notifier }),
    transfers: createTicketTransferService({
      db,
      clock,
      orders,
      notifier,
      ticketTokens: createTicketTokens(config.appSecret),
    }),
  });
  // Wallet passes open for whoever may download the ticket's PDF: the transfer service's rule.
  const wallet = createWalletService({
    db,
    clock,
    logger,
    settings: config.wallet ?? { apple: undefined, google: undefined },
    publicUrl: config.publicUrl,
    appSecret: config.appSecret,
    orders,
    transfers: createTicketTransferService({
      db,
      clock,
      orders,
      notifier,
      ticketTokens: createTicketTokens(config.appSecret),
    }),
  });
  registerWalletRoutes(api, { wallet });
  registerAppleWebServiceRoutes(api, {
    wallet,
    logLimit: createRateLimit(database.pool, 'wallet-log', { points: 60, durationSeconds: 60 }),
  });
  registerMyOrdersRoutes(api, { db, orders, ordersSentTo: (email) => findOrderIdsSentTo(db, email) });
  registerTicketsRoutes(api, { orders, db, coverOf, ticketTokens: createTicketTokens(config.appSecret) });
  registerPaymentsRoutes(api, { provider, payments });
  registerAuditRoutes(api, { db });
  registerWebhookEventDocs(registry);
  registerWebhooksRoutes(api, {
    webhooks: createWebhooksService({
      db,
      clock,
      // The test button and redeliveries are sent by the API process, at once, for whoever clicked.
      dispatcher: createWebhookDispatcher({
        db,
        clock,
        logger,
        allowPrivate: config.webhooksAllowPrivate ?? false,
        onDisabled: tellOwnersWhenDisabled(notifier),
      }),
    }),
  });
  const stats = createStatsService({ db, clock });
  registerStatsRoutes(api, { stats });
  registerCheckinRoutes(api, {
    checkin: createCheckinService({
      db,
      clock,
      signer: createTicketSigner(config.appSecret),
      announce,
      eventAccess,
    }),
    lists: createEventListsService({ db, clock }),
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // req.ip is the client: the socket's address, or X-Forwarded-For only through the proxies TRUST_PROXY
  // names. Rate limits, the dev tools' loopback check and clientAddress() all read it.
  app.set('trust proxy', config.trustProxy ?? false);
  const logRequests = requestLog(logger);
  const securityOptions = { allowStripe: provider.name === 'stripe' };
  const setSecurityHeaders = securityHeaders(securityOptions);
  const gate = deps.admission
    ? createAdmissionGate(deps.admission, {
        headers: securityHeaderValues(securityOptions),
        onRefused: (seconds) =>
          metrics.recordAnswer({ method: 'POST', route: '/api/orders', status: 429, seconds }),
        logger,
      })
    : undefined;
  if (gate) metrics.watchAdmission(gate.snapshot);
  const admitted = gate?.middleware;
  const waitForDatabase = shedLoad(database.pool, deps.maxWaitingForDb ?? 500, database.health);
  const resolveCaller = authenticate(authResolvers);
  const handleError = createErrorHandler(logger);
  // The reserve of a flash sale skips Express's router: the same handlers, in the same order, as the
  // app.use() chain below runs for it (keep the two in step).
  installFastLanes(app, [
    {
      accepts: (req) => isPlainJsonPost(req, '/api/orders', BODY_LIMIT_BYTES),
      ...(gate ? { answersFirst: gate.refuseAtOnce } : {}),
      routePath: '/api/orders',
      handlers: [
        logRequests,
        metrics.middleware,
        setSecurityHeaders,
        ...(admitted ? [admitted] : []),
        readJsonBody,
        rejectUnstorableText,
        withoutCookies,
        waitForDatabase,
        resolveCaller,
        csrf.protect,
        ...api.handlersOf('post', '/api/orders'),
      ],
      notFound: notFoundHandler,
      onError: handleError,
    },
  ]);
  app.use(logRequests);
  app.use(metrics.middleware);
  app.use(setSecurityHeaders);
  // Before the body is parsed: a buyer past the gate's queue costs no JSON parse and no connection.
  if (admitted) app.post('/api/orders', admitted);
  // Before the body is even read: the mailbox holds order and invitation links with their tokens.
  app.use(['/api/dev', '/dev/mailbox'], loopbackOnly({ isProduction: config.isProduction }));
  app.use('/metrics', metrics.guard);
  // Analytics beacons arrive as text/plain (navigator.sendBeacon); the route reads the JSON in it.
  app.use('/api/public/events/:eventId/views', express.text({ type: 'text/plain', limit: '16kb' }));
  app.use(
    express.json({
      limit: BODY_LIMIT_BYTES,
      strict: true,
      // Webhook signatures cover the exact bytes sent, so those keep their raw body.
      verify: (req, _res, buf) => {
        if ((req as express.Request).url.startsWith('/api/payments/webhooks/'))
          (req as express.Request).rawBody = buf;
      },
    }),
  );
  app.use('/api', rejectUnstorableText);
  app.use(cookieParser());
  app.use('/api', waitForDatabase);
  app.use(resolveCaller);
  app.use(csrf.protect);
  app.use(api.router);
  app.use('/api/docs', apiReferencePage());
  if (!config.isProduction) registerMailboxRoutes(api, app, { db });
  app.use('/api', notFoundHandler);
  // Served with or without a built web app: host pages load it from other sites.
  app.get('/embed.js', serveEmbedScript);
  serveWebApp(
    app,
    deps.webDistDir ?? DEFAULT_WEB_DIST,
    (indexFile) => createEventPageHandler({ catalogue, indexFile, publicUrl: config.publicUrl }),
    (indexFile) => createOrganizerPageHandler({ organizerPages, indexFile, publicUrl: config.publicUrl }),
    (indexFile) => createEmbedPageHandlers({ db, indexFile }),
  );
  app.use(notFoundHandler);
  app.use(handleError);
  registerLiveDocumentation(registry);
  return {
    app,
    openApiDocument,
    liveSources: createLiveSources({ db, auth: authResolvers, stats, catalogue, waitingRoom }),
    stopAnalytics: async () => {
      analytics.stop();
      await analytics.flush();
    },
  };
}

/**
 * The built single-page app: static files, event and organizer pages with their social preview
 * tags, and index.html for every other GET (client-side routes).
 */
function serveWebApp(
  app: Express,
  distDir: string,
  eventPage: (indexFile: string) => express.RequestHandler,
  organizerPage: (indexFile: string) => express.RequestHandler,
  embedPages: (indexFile: string) => Record<'event' | 'order', express.RequestHandler>,
): void {
  const indexFile = path.join(distDir, 'index.html');
  if (!existsSync(indexFile)) {
    app.get('/', (_req, res) => {
      res.type('html').send(PLACEHOLDER_PAGE);
    });
    return;
  }
  app.use(express.static(distDir, { index: false, maxAge: '1h' }));
  app.get('/events/:idOrSlug', eventPage(indexFile));
  app.get('/o/:slug', organizerPage(indexFile));
  // Framed by the organization's allowed origins only; every other page keeps frame-ancestors 'self'.
  const embed = embedPages(indexFile);
  app.get('/embed/events/:id', embed.event);
  app.get(['/embed/checkout/:id', '/embed/orders/:id'], embed.order);
  app.get(/^\/(?!api\/|healthz|metrics).*/, (_req, res) => {
    res.sendFile(indexFile);
  });
}

const PLACEHOLDER_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Z-Events</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Z-Events</h1><p>The API is running. The web app has not been built yet.</p>
<ul><li><a href="/api/docs">API reference</a></li><li><a href="/api/public/events">Upcoming events (JSON)</a></li>
<li><a href="/healthz">Health</a></li></ul></body></html>`;

/**
 * The API reference (Swagger UI), its package loaded on the first visit rather than at boot: a tenth
 * of the start-up, and most processes (a worker, an API behind a load balancer) never serve it.
 */
function apiReferencePage(): express.RequestHandler {
  let page: Promise<express.Router> | undefined;
  const load = async () => {
    const { default: swaggerUi } = await import('swagger-ui-express');
    const router = express.Router();
    router.use(
      swaggerUi.serve,
      swaggerUi.setup(undefined, {
        customSiteTitle: 'Z-Events API reference',
        swaggerOptions: { url: '/api/openapi.json' },
      }),
    );
    return router;
  };
  return (req, res, next) => {
    (page ??= load()).then((router) => router(req, res, next), next);
  };
}
