import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per app instance, so tests can build many apps without clashing metric names. */
export interface MetricSources {
  /** Jobs waiting (or retrying) and jobs in each dead-letter queue. */
  jobQueueDepth?: () => Promise<Array<{ queue: string; queued: number; failed: number }>>;
  /** Outbox emails per status (sent, captured, failed, dead, skipped...). */
  emailsByStatus?: () => Promise<Array<{ status: string; n: number }>>;
  /** Orders per status. */
  ordersByStatus?: () => Promise<Array<{ status: string; n: number }>>;
}

export function createMetrics(options: { collectDefault: boolean; sources?: MetricSources }) {
  const registry = new Registry();
  if (options.collectDefault) collectDefaultMetrics({ register: registry });
  const sources = options.sources ?? {};

  // Read at scrape time from PostgreSQL, so every process reports the same, shared truth.
  new Gauge({
    name: 'zevents_job_queue_depth',
    help: 'Jobs waiting or retrying, per queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await sources.jobQueueDepth?.().catch(() => [])) ?? [])
        this.set({ queue: row.queue }, row.queued);
    },
  });
  new Gauge({
    name: 'zevents_job_dead_letters',
    help: 'Jobs that failed for good (in the dead-letter queue), per queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await sources.jobQueueDepth?.().catch(() => [])) ?? [])
        this.set({ queue: row.queue }, row.failed);
    },
  });
  new Gauge({
    name: 'zevents_emails',
    help: 'Emails in the outbox, per status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await sources.emailsByStatus?.().catch(() => [])) ?? [])
        this.set({ status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'zevents_orders',
    help: 'Orders per status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of (await sources.ordersByStatus?.().catch(() => [])) ?? [])
        this.set({ status: row.status }, row.n);
    },
  });

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

  return { registry, middleware };
}

export type Metrics = ReturnType<typeof createMetrics>;
