import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../http/errors';

/** One registry per app instance, so tests can build many apps without clashing metric names. */
export interface MetricSources {
  /** Jobs waiting (or retrying) and jobs in each dead-letter queue. */
  jobQueueDepth?: () => Promise<Array<{ queue: string; queued: number; failed: number }>>;
  /** Outbox emails per status (sent, captured, failed, dead, skipped...). */
  emailsByStatus?: () => Promise<Array<{ status: string; n: number }>>;
  /** Orders per status. */
  ordersByStatus?: () => Promise<Array<{ status: string; n: number }>>;
}

/** Who may read /metrics: see authorizeMetrics. */
export interface MetricsAccess {
  isProduction: boolean;
  /** METRICS_TOKEN. */
  token: string | undefined;
}

/** A gauge with one labelled value per row of a source; a source that is absent or fails reads as no rows. */
type GaugeOfRows<Row> = [
  name: string,
  help: string,
  label: string,
  read: (() => Promise<Row[]>) | undefined,
  point: (row: Row) => [string, number],
];

function addGaugeOfRows<Row>(
  registry: Registry,
  ...[name, help, label, read, point]: GaugeOfRows<Row>
): void {
  new Gauge({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    // Read at scrape time: from PostgreSQL (every process reports the same, shared truth), or from
    // this process's own state where that is what the gauge describes (admission control).
    async collect() {
      this.reset();
      for (const row of (await read?.().catch(() => [])) ?? []) {
        const [value, figure] = point(row);
        this.set({ [label]: value }, figure);
      }
    },
  });
}

export function createMetrics(options: {
  collectDefault: boolean;
  sources?: MetricSources;
  /** Absent: open to everyone (tests of the figures themselves). */
  access?: MetricsAccess;
}) {
  const registry = new Registry();
  if (options.collectDefault) collectDefaultMetrics({ register: registry });
  const sources = options.sources ?? {};

  // One labelled value per row: (name, help, label, source, the label's value and figure of a row).
  const gauge = <Row>(...spec: GaugeOfRows<Row>) => addGaugeOfRows(registry, ...spec);
  gauge(
    'zevents_job_queue_depth',
    'Jobs waiting or retrying, per queue',
    'queue',
    sources.jobQueueDepth,
    (r) => [r.queue, r.queued],
  );
  gauge(
    'zevents_job_dead_letters',
    'Jobs that failed for good (in the dead-letter queue), per queue',
    'queue',
    sources.jobQueueDepth,
    (r) => [r.queue, r.failed],
  );
  gauge('zevents_emails', 'Emails in the outbox, per status', 'status', sources.emailsByStatus, (r) => [
    r.status,
    r.n,
  ]);
  gauge('zevents_orders', 'Orders per status', 'status', sources.ordersByStatus, (r) => [r.status, r.n]);

  const requests = new Counter({
    name: 'zevents_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'zevents_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

  // How well the reserves of a sale coalesce: many per batch means one commit carries many orders.
  const reserveBatches = new Histogram({
    name: 'zevents_reserve_batch_size',
    help: 'Reserves sent to the database together, in one round trip and one commit',
    buckets: [1, 2, 4, 8, 16, 32, 60],
    registers: [registry],
  });
  const observeReserveBatch = (size: number) => reserveBatches.observe(size);

  /** Labels by route pattern (`/api/events/:eventId`), never by raw URL, to keep cardinality bounded. */
  const middleware: RequestHandler = (req, res, next) => {
    const stop = duration.startTimer();
    res.on('finish', () => {
      const routePath: unknown = (req.route as { path?: unknown } | undefined)?.path;
      const route = typeof routePath === 'string' ? `${req.baseUrl}${routePath}` : 'unmatched';
      requests.inc({ method: req.method, route, status: String(res.statusCode) });
      stop({ method: req.method, route });
    });
    next();
  };

  /**
   * This process's admission control of the reserve, read at scrape time: how many run, how many wait,
   * and the limit it has adapted to (below ADMISSION_MAX_IN_FLIGHT while the process is behind).
   */
  const watchAdmission = (snapshot: () => { inFlight: number; queued: number; limit: number }) =>
    gauge(
      'zevents_admission',
      'Admission control of the reserve in this API process: running, queued, and the current limit',
      'state',
      async () => {
        const now = snapshot();
        return [
          ['in_flight', now.inFlight],
          ['queued', now.queued],
          ['limit', now.limit],
        ] satisfies [string, number][];
      },
      (row) => row,
    );

  /** An answer written without the middleware (admission control's immediate 429s). */
  const recordAnswer = (answer: { method: string; route: string; status: number; seconds: number }) => {
    requests.inc({ method: answer.method, route: answer.route, status: String(answer.status) });
    duration.observe({ method: answer.method, route: answer.route }, answer.seconds);
  };

  const access = options.access ?? { isProduction: false, token: undefined };
  /**
   * Mounted on /metrics before authentication: the scraper's Bearer token is the metrics token, not an
   * API key, so it is checked here and taken off the request; authentication then sees no credentials.
   */
  const guard: RequestHandler = (req, _res, next) => {
    authorizeMetrics(access, req.headers.authorization);
    delete req.headers.authorization;
    next();
  };

  return { registry, middleware, guard, observeReserveBatch, recordAnswer, watchAdmission };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * /metrics tells order counts and queue depths. In production it needs `Authorization: Bearer
 * METRICS_TOKEN` (401 otherwise) and does not exist without the setting (404, as for an unknown route:
 * nobody configured a scraper, so nothing is exposed). Outside production it is open for a local
 * Prometheus, unless METRICS_TOKEN is set: an operator who set a token expects it to be required.
 */
export function authorizeMetrics(access: MetricsAccess, authorization: string | undefined): void {
  if (access.token === undefined) {
    if (access.isProduction) throw new AppError('NOT_FOUND', 'No route for GET /metrics');
    return;
  }
  const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1];
  // Hashes have one length, so timingSafeEqual compares them in constant time whatever was sent.
  if (presented === undefined || !timingSafeEqual(sha256(presented), sha256(access.token)))
    throw new AppError('UNAUTHENTICATED', 'Send the metrics token as a Bearer token', {
      headers: { 'WWW-Authenticate': 'Bearer realm="metrics"' },
    });
}

export type Metrics = ReturnType<typeof createMetrics>;
