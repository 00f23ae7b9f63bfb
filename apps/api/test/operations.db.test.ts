import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../src/db/client';
import { buildTestApp } from './harness';

const { app } = buildTestApp();

/** An app whose database pool points at a port nobody listens on. */
const brokenDatabase = createDatabase('postgres://x:y@127.0.0.1:1/none', 1);
const broken = buildTestApp({ database: brokenDatabase }).app;
afterAll(async () => {
  await brokenDatabase.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String) });
  expect(typeof (res.body as { detail: unknown }).detail).toBe('string');
}

describe('GET /healthz', () => {
  it('is ok when the database answers', async () => {
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 with db "down" when the database is unreachable', async () => {
    const res = await request(broken).get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ db: 'down' });
    expect(res.body).not.toMatchObject({ status: 'ok' });
  });

  it('needs no credentials and ignores bad ones', async () => {
    const res = await request(app).get('/healthz').set('Cookie', 'zevents_session=forged');
    expect(res.status).toBe(200);
  });
});

describe('an unreachable database', () => {
  it('makes data endpoints answer 503 SERVICE_UNAVAILABLE, not 500', async () => {
    const res = await request(broken).get('/api/public/events');
    expectProblem(res, 503, 'SERVICE_UNAVAILABLE');
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('still serves the OpenAPI document and metrics', async () => {
    expect((await request(broken).get('/api/openapi.json')).status).toBe(200);
    expect((await request(broken).get('/metrics')).status).toBe(200);
  });
});

describe('GET /metrics', () => {
  it('serves Prometheus text with request counts labelled by route pattern', async () => {
    await request(app).get('/api/public/events?limit=1');
    await request(app).get('/api/public/events/some-slug-that-does-not-exist');
    const res = await request(app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('# TYPE zevents_http_requests_total counter');
    expect(res.text).toMatch(
      /zevents_http_requests_total\{method="GET",route="\/api\/public\/events",status="200"\} \d+/,
    );
    expect(res.text).toContain('route="/api/public/events/:eventIdOrSlug",status="404"');
    expect(res.text).toContain('zevents_http_request_duration_seconds_bucket');
    // How many reserves share each database round trip and commit (coalesced reserves).
    expect(res.text).toContain('# TYPE zevents_reserve_batch_size histogram');
    // Raw URLs never become labels (bounded cardinality).
    expect(res.text).not.toContain('some-slug-that-does-not-exist');
  });

  it('counts unknown routes under one label', async () => {
    await request(app).get('/api/nope-metrics-probe');
    const res = await request(app).get('/metrics');
    expect(res.text).toContain('route="unmatched"');
    expect(res.text).not.toContain('nope-metrics-probe');
  });
});

/** Every HTTP operation of API.md's Accounts, Organizations and roles, Events, Public catalogue and Operations. */
const DOCUMENTED_OPERATIONS: Array<[method: string, path: string]> = [
  // Accounts
  ['post', '/api/auth/signup'],
  ['post', '/api/auth/login'],
  ['post', '/api/auth/logout'],
  ['get', '/api/me'],
  ['post', '/api/organizations/{orgId}/api-keys'],
  // Organizations and roles
  ['post', '/api/organizations'],
  ['get', '/api/organizations/{orgId}/members'],
  ['post', '/api/organizations/{orgId}/members'],
  // Events and ticket types
  ['post', '/api/organizations/{orgId}/events'],
  ['get', '/api/organizations/{orgId}/events'],
  ['get', '/api/events/{eventId}'],
  ['patch', '/api/events/{eventId}'],
  ['post', '/api/events/{eventId}/publish'],
  ['post', '/api/events/{eventId}/cancel'],
  ['post', '/api/events/{eventId}/ticket-types'],
  ['patch', '/api/ticket-types/{ticketTypeId}'],
  ['post', '/api/events/{eventId}/promo-codes'],
  ['post', '/api/events/{eventId}/reminders'],
  // Public catalogue (the WebSocket /api/public/events/{eventId}/live is not an HTTP operation; see below)
  ['get', '/api/public/events'],
  ['get', '/api/public/events/{eventIdOrSlug}'],
  // Operations
  ['get', '/healthz'],
  ['get', '/metrics'],
];

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses?: Record<string, unknown>; parameters?: unknown[] }>>;
  components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

describe('GET /api/openapi.json', () => {
  const fetchDocument = async (): Promise<OpenApiDocument> => {
    const res = await request(app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res.body as OpenApiDocument;
  };

  it('is an OpenAPI 3.1 document', async () => {
    const document = await fetchDocument();
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.info.title).toEqual(expect.any(String));
    expect(document.info.version).toEqual(expect.any(String));
  });

  it.each(DOCUMENTED_OPERATIONS)('documents %s %s', async (method, path) => {
    const document = await fetchDocument();
    expect(Object.keys(document.paths)).toContain(path);
    const operation = document.paths[path]?.[method];
    expect(operation, `${method.toUpperCase()} ${path}`).toBeDefined();
    expect(Object.keys(operation?.responses ?? {}).length).toBeGreaterThan(0);
  });

  it.each([['/api/public/events/{eventId}/live'], ['/api/events/{eventId}/live']])(
    'documents the WebSocket %s with its 101 upgrade',
    async (path) => {
      const document = await fetchDocument();
      expect(Object.keys(document.paths[path]?.get?.responses ?? {})).toContain('101');
    },
  );

  it('describes errors as Problem and has the Event schema', async () => {
    const document = await fetchDocument();
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'Event']));
    const problem = document.components.schemas.Problem as { properties: Record<string, unknown> };
    expect(Object.keys(problem.properties)).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'errors']),
    );
    // The extension members some codes add are described too.
    expect(Object.keys(problem.properties)).toEqual(
      expect.arrayContaining(['remaining', 'refundableCents', 'checkedInAt', 'attendeeName', 'invitedEmail']),
    );
    const notFound = document.paths['/api/events/{eventId}']?.get?.responses?.['404'] as {
      content: Record<string, { schema: { $ref: string } }>;
    };
    expect(notFound.content['application/problem+json']?.schema.$ref).toBe('#/components/schemas/Problem');
  });

  it('declares both authentication schemes', async () => {
    const document = await fetchDocument();
    expect(Object.keys(document.components.securitySchemes ?? {})).toEqual(
      expect.arrayContaining(['session', 'apiKey']),
    );
  });

  it('is the same document on every request', async () => {
    expect(await fetchDocument()).toEqual(await fetchDocument());
  });
});

describe('GET /api/docs/', () => {
  it('serves the Swagger UI pointing at the document', async () => {
    const res = await request(app).get('/api/docs/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toMatch(/swagger/i);
    const init = await request(app).get('/api/docs/swagger-ui-init.js');
    expect(init.status).toBe(200);
    expect(init.text).toContain('/api/openapi.json');
  });
});

describe('unknown routes', () => {
  it.each([
    ['get', '/api/nope'],
    ['post', '/api/nope'],
    ['delete', '/api/public/events'],
    ['put', '/api/events/x'],
    ['get', '/api/'],
  ] as const)('%s %s is a 404 problem', async (method, path) => {
    const res = await request(app)[method](path);
    expectProblem(res, 404, 'NOT_FOUND');
  });
});

describe('X-Request-Id', () => {
  it('echoes a sane incoming id, in the header and in problem documents', async () => {
    const res = await request(app).get('/api/nope').set('X-Request-Id', 'req-123.abc_DEF');
    expect(res.headers['x-request-id']).toBe('req-123.abc_DEF');
    expect(res.body).toMatchObject({ requestId: 'req-123.abc_DEF' });
    const ok = await request(app).get('/healthz').set('X-Request-Id', 'trace-42');
    expect(ok.headers['x-request-id']).toBe('trace-42');
  });

  it('generates a UUID when none is sent', async () => {
    const res = await request(app).get('/healthz');
    expect(res.headers['x-request-id']).toMatch(UUID);
    const other = await request(app).get('/healthz');
    expect(other.headers['x-request-id']).not.toBe(res.headers['x-request-id']);
  });

  it.each([
    ['spaces', 'has spaces in it'],
    ['header injection characters', 'abc;<script>'],
    ['101 characters', 'a'.repeat(101)],
    ['an empty value', ''],
  ])('replaces an id with %s by a generated one', async (_name, incoming) => {
    const res = await request(app).get('/api/nope').set('X-Request-Id', incoming);
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(res.body).toMatchObject({ requestId: res.headers['x-request-id'] as string });
  });

  it('accepts exactly 100 characters', async () => {
    const id = 'b'.repeat(100);
    const res = await request(app).get('/healthz').set('X-Request-Id', id);
    expect(res.headers['x-request-id']).toBe(id);
  });
});
