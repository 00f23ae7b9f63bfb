import { Health } from '@zevents/contracts';
import type { Db } from '../db/client';
import { type DatabaseHealth, pingDatabase } from '../db/database-health';
import type { ApiRouter } from '../http/route';
import type { Metrics } from './metrics';

const tags = ['Operations'];

export function registerOperationsRoutes(
  api: ApiRouter,
  deps: { db: Db; metrics: Metrics; openApiDocument: () => unknown; health?: DatabaseHealth },
): void {
  api.add(
    {
      method: 'get',
      path: '/healthz',
      summary: 'Liveness and database reachability',
      tags,
      access: 'public',
      status: 200,
      response: Health,
      errors: [503],
    },
    async ({ res }) => {
      // While the database is known to be down, answer at once: a load balancer polling this must
      // not wait for a connection, and Retry-After tells it when to look again.
      if (deps.health?.isReachable() !== false) {
        try {
          await pingDatabase(deps.db);
          return { status: 'ok', db: 'ok' } as const;
        } catch (error) {
          deps.health?.reportError(error);
        }
      }
      // A status the route does not declare: the handler answers itself (the router then sends nothing).
      const degraded = { status: 'degraded', db: 'down' } as const;
      res.status(503).set('Retry-After', '1').json(degraded);
      return degraded;
    },
  );

  api.add(
    {
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics',
      description:
        'In production, send `Authorization: Bearer <METRICS_TOKEN>`; without that setting the route answers 404.',
      tags,
      access: 'public',
      status: 200,
      responseContentType: 'text/plain',
      // Checked by metrics.guard, mounted before authentication (app.ts).
      errors: [401],
    },
    async ({ res }) => {
      res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      tags,
      access: 'public',
      status: 200,
      responseContentType: 'application/json',
    },
    async ({ res }) => {
      res.json(deps.openApiDocument());
    },
  );
}
