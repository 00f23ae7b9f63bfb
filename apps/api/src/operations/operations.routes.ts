import { Health } from '@zevents/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import type { ApiRouter } from '../http/route';
import type { Metrics } from './metrics';

const tags = ['Operations'];

export function registerOperationsRoutes(
  api: ApiRouter,
  deps: { db: Db; metrics: Metrics; openApiDocument: () => unknown },
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
      try {
        await deps.db.execute(sql`SELECT 1`);
        return { status: 'ok', db: 'ok' };
      } catch {
        res.status(503).json({ status: 'degraded', db: 'down' });
        return undefined;
      }
    },
  );

  api.add(
    {
      method: 'get',
      path: '/metrics',
      summary: 'Prometheus metrics',
      tags,
      access: 'public',
      status: 200,
      responseContentType: 'text/plain',
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
    async () => deps.openApiDocument(),
  );
}
