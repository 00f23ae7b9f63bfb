import { Agent, type IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyer, expectProblem, openSale, orderBody, reserve, stockOf } from './checkout-helpers';
import { anonymous, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * Admission control of the reserve: one request in flight and one queued here; a third buyer at that
 * moment is answered 429 RATE_LIMITED + Retry-After at once (the database is not asked), and the two
 * let in complete once the database moves again.
 */
const t = buildTestApp({ admission: { maxInFlight: 1, maxQueue: 1, maxQueueWaitMs: 20_000 } });
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A listening server too: keep-alive after a refusal is about one TCP connection, which supertest hides.
const server = t.app.listen(0, '127.0.0.1');
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** One request over `agent`; resolves with the status, whether the socket was reused, and the body. */
function send(agent: Agent, method: string, path: string, body?: string) {
  const { port } = server.address() as AddressInfo;
  return new Promise<{ status: number; reusedSocket: boolean; text: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, agent }, (res: IncomingMessage) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket, text }));
    });
    req.on('error', reject);
    if (body !== undefined) req.setHeader('content-type', 'application/json');
    req.end(body);
  });
}

describe('admission control of POST /api/orders', () => {
  it('answers the excess 429 with Retry-After at once while the admitted and queued reserves complete', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1_000, capacity: 10 }]);
    const type = sale.types[0];
    if (!type) throw new Error('no ticket type');
    const buyerActor = anonymous(t.app);
    const body = () => orderBody(sale.event, [[type, 1]], { buyer: buyer() });

    // The ticket type's row locked elsewhere: the admitted reserve waits on it inside PostgreSQL.
    const holder = await t.database.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM ticket_types WHERE id = $1 FOR UPDATE', [type.id]);
      const admitted = reserve(buyerActor, body()).then((res) => res);
      await sleep(300);
      const queued = reserve(buyerActor, body()).then((res) => res);
      await sleep(100);

      const started = performance.now();
      const refused = await reserve(buyerActor, body());
      const refusedMs = performance.now() - started;
      expectProblem(refused, 429, 'RATE_LIMITED');
      expect(refused.headers['retry-after']).toBe('1');
      expect(refusedMs).toBeLessThan(1_000);
      // Answered by the gate itself, yet with the problem document, request id and headers of every
      // other answer, and counted in the metrics.
      expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
      expect(refused.headers['content-security-policy']).toContain("default-src 'self'");
      expect(refused.body).toEqual({
        type: 'urn:z-events:problem:rate-limited',
        title: 'Too Many Requests',
        status: 429,
        detail: expect.any(String) as string,
        code: 'RATE_LIMITED',
        requestId: refused.headers['x-request-id'],
      });
      const traced = await buyerActor.post('/api/orders').set('X-Request-Id', 'trace-me-42').send(body());
      expectProblem(traced, 429, 'RATE_LIMITED');
      expect(traced.headers['x-request-id']).toBe('trace-me-42');
      expect((traced.body as { requestId?: string }).requestId).toBe('trace-me-42');
      // The refused request's body is never read, and the connection still carries the buyer's next request.
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const refusedOnSocket = await send(agent, 'POST', '/api/orders', JSON.stringify(body()));
        expect(refusedOnSocket.status).toBe(429);
        const next = await send(agent, 'GET', '/api/public/events');
        expect(next.status).toBe(200);
        expect(next.reusedSocket).toBe(true);
      } finally {
        agent.destroy();
      }
      const metrics = await anonymous(t.app).get('/metrics');
      const counted =
        /zevents_http_requests_total\{method="POST",route="\/api\/orders",status="429"\} (\d+)/.exec(
          metrics.text,
        );
      expect(Number(counted?.[1])).toBeGreaterThanOrEqual(3);
      // What the gate holds right now, for the operator's dashboard.
      expect(metrics.text).toContain('zevents_admission{state="in_flight"} 1');
      expect(metrics.text).toContain('zevents_admission{state="queued"} 1');
      expect(metrics.text).toContain('zevents_admission{state="limit"} 1');
      // A malformed body past capacity is refused the same way: the gate comes before parsing.
      const refusedUnparsed = await buyerActor.post('/api/orders', '{"not json').type('json');
      expectProblem(refusedUnparsed, 429, 'RATE_LIMITED');

      await holder.query('COMMIT');
      expect((await admitted).status).toBe(201);
      expect((await queued).status).toBe(201);
    } finally {
      holder.release();
    }
    // Places are given back: the next buyer goes straight through.
    expect((await reserve(buyerActor, body())).status).toBe(201);
    const stock = await stockOf(t.database.pool, type.id);
    expect(stock.held).toBe(3);
  });

  it('does not gate other routes', async () => {
    const res = await anonymous(t.app).get('/api/public/events');
    expect(res.status).toBe(200);
  });
});
