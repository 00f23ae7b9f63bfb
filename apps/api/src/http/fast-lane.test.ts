import type { IncomingMessage } from 'node:http';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { type FastLane, installFastLanes, isPlainJsonPost, readJsonBody, withoutCookies } from './fast-lane';

const LIMIT = 100 * 1024;

/** An app whose Express chain marks its answers, so a test sees which way a request went. */
function appWith(lane: Partial<FastLane> & Pick<FastLane, 'handlers'>) {
  const app = express();
  const onError: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
    const typed = error as { type?: string; message?: string };
    res.status(418).json({ error: typed.type ?? typed.message, lane: res.locals.lane === true });
  };
  installFastLanes(app, [
    {
      accepts: (req) => isPlainJsonPost(req, '/api/orders', LIMIT),
      routePath: '/api/orders',
      notFound: (_req, res) => {
        res.status(404).json({ notFound: true });
      },
      onError,
      ...lane,
    },
  ]);
  app.use(express.json({ limit: LIMIT }));
  app.post('/api/orders', (req, res) => {
    res.status(200).json({ via: 'express', body: req.body as unknown });
  });
  app.use(onError);
  return app;
}

const markLane: RequestHandler = (_req, res, next) => {
  res.locals.lane = true;
  next();
};
const echo: RequestHandler = (req, res) => {
  res.status(201).json({
    via: 'lane',
    body: req.body as unknown,
    ip: req.ip,
    path: req.path,
    route: (req.route as { path: string }).path,
    cookies: { ...(req.cookies as object) },
  });
};

describe('the fast lane', () => {
  it('lets answersFirst answer a request on its own, before any handler runs; otherwise the chain goes on', async () => {
    let full = true;
    let handlersRan = 0;
    const counted: RequestHandler = (_req, _res, next) => {
      handlersRan += 1;
      next();
    };
    const app = appWith({
      answersFirst: (_req, res) => {
        if (!full) return false;
        res.writeHead(429, { 'Retry-After': '1' }).end('busy');
        return true;
      },
      handlers: [counted, readJsonBody, echo],
    });
    const refused = await request(app).post('/api/orders').send({ a: 1 });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(handlersRan).toBe(0);
    full = false;
    const admitted = await request(app).post('/api/orders').send({ a: 1 });
    expect(admitted.status).toBe(201);
    expect(handlersRan).toBe(1);
  });

  it('runs its handlers in order for a plain JSON post, with Express request and response helpers', async () => {
    const app = appWith({ handlers: [markLane, readJsonBody, withoutCookies, echo] });
    const res = await request(app)
      .post('/api/orders')
      .send({ items: [1, 2], name: 'Zoë' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      via: 'lane',
      body: { items: [1, 2], name: 'Zoë' },
      path: '/api/orders',
      route: '/api/orders',
      cookies: {},
    });
    expect(typeof res.body.ip).toBe('string');
  });

  it.each([
    ['a cookie', { Cookie: 'a=1' }, '/api/orders'],
    ['an Authorization header', { Authorization: 'Bearer x' }, '/api/orders'],
    ['a query string', {}, '/api/orders?x=1'],
    ['another content type', { 'Content-Type': 'application/vnd.api+json' }, '/api/orders'],
    ['another charset', { 'Content-Type': 'application/json; charset=latin1' }, '/api/orders'],
  ])('leaves a request with %s to Express', async (_name, headers, path) => {
    const app = appWith({ handlers: [readJsonBody, echo] });
    const res = await request(app)
      .post(path)
      .set(headers as Record<string, string>)
      .send(JSON.stringify({ a: 1 }));
    expect(res.body.via ?? res.body.error).not.toBe('lane');
  });

  it('reads a body with a byte order mark as body-parser does', async () => {
    const app = appWith({ handlers: [readJsonBody, echo] });
    const res = await request(app)
      .post('/api/orders')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(`\uFEFF${JSON.stringify({ a: 1 })}`);
    expect(res.body).toMatchObject({ via: 'lane', body: { a: 1 } });
  });

  it.each(['{"items":', '"text"', 'null', '42', '  '])(
    'refuses %j with body-parser’s error type',
    async (raw) => {
      const app = appWith({ handlers: [markLane, readJsonBody, echo] });
      const res = await request(app).post('/api/orders').set('Content-Type', 'application/json').send(raw);
      expect(res.status).toBe(418);
      expect(res.body).toEqual({ error: 'entity.parse.failed', lane: true });
    },
  );

  it('passes a thrown error and a rejected promise to the error handler', async () => {
    const throws: RequestHandler = () => {
      throw new Error('thrown');
    };
    const rejects: RequestHandler = async () => {
      await Promise.resolve();
      throw new Error('rejected');
    };
    const thrown = await request(appWith({ handlers: [markLane, throws] }))
      .post('/api/orders')
      .send({});
    expect(thrown.body).toEqual({ error: 'thrown', lane: true });
    const rejected = await request(appWith({ handlers: [markLane, rejects] }))
      .post('/api/orders')
      .send({});
    expect(rejected.body).toEqual({ error: 'rejected', lane: true });
  });

  it('answers with notFound when the handlers pass the request on, or skip the route', async () => {
    const passes: RequestHandler = (_req, _res, next) => next();
    const skips: RequestHandler = (_req, _res, next) => next('route');
    for (const handler of [passes, skips]) {
      const res = await request(appWith({ handlers: [handler] }))
        .post('/api/orders')
        .send({});
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ notFound: true });
    }
  });

  it('cuts the connection when the error handler itself fails', async () => {
    const app = appWith({
      handlers: [
        (_req, _res, next) => {
          next(new Error('first'));
        },
      ],
      onError: () => {
        throw new Error('the error handler broke');
      },
    });
    await expect(request(app).post('/api/orders').send({})).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});

describe('isPlainJsonPost', () => {
  const req = (headers: Record<string, string>, url = '/api/orders', method = 'POST') =>
    ({ method, url, headers }) as unknown as IncomingMessage;
  const json = { 'content-type': 'application/json', 'content-length': '20' };

  it('accepts a declared UTF-8 JSON body within the limit', () => {
    expect(isPlainJsonPost(req(json), '/api/orders', LIMIT)).toBe(true);
    expect(
      isPlainJsonPost(
        req({ ...json, 'content-type': 'Application/JSON; Charset=UTF-8' }),
        '/api/orders',
        LIMIT,
      ),
    ).toBe(true);
  });

  it.each<[string, IncomingMessage]>([
    ['another method', req(json, '/api/orders', 'PUT')],
    ['another path', req(json, '/api/orders/x')],
    ['a trailing slash', req(json, '/api/orders/')],
    ['no length', req({ 'content-type': 'application/json' })],
    ['an empty body', req({ ...json, 'content-length': '0' })],
    ['a body over the limit', req({ ...json, 'content-length': String(LIMIT + 1) })],
    ['a chunked body', req({ ...json, 'transfer-encoding': 'chunked' })],
    ['a compressed body', req({ ...json, 'content-encoding': 'gzip' })],
    ['no content type', req({ 'content-length': '20' })],
    ['a cookie', req({ ...json, cookie: 'zevents_session=x' })],
  ])('declines %s', (_name, incoming) => {
    expect(isPlainJsonPost(incoming, '/api/orders', LIMIT)).toBe(false);
  });
});
