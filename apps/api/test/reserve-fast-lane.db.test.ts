import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { buyer, openSale, orderBody, type Sale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * POST /api/orders takes the fast lane (http/fast-lane.ts) unless a request carries something the
 * lane leaves to Express. A cookie nobody reads sends the very same request through Express's whole
 * chain, so each case here is sent both ways and must be answered alike: status, problem, headers.
 */

const t = buildTestApp();
let world: World;
let sale: Sale;
let soldOut: Sale;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
  sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 1000 }]);
  soldOut = await openSale(t, world, [{ name: 'Tiny', priceCents: 1000, capacity: 1 }]);
  const first = await request(t.app)
    .post('/api/orders')
    .send(orderBody(soldOut.event, [[soldOut.types[0]!, 1]]));
  expect(first.status).toBe(201);
});

/** Headers whose values differ by nature from one request to the next. */
const VARYING = new Set(['date', 'x-request-id', 'content-length', 'etag', 'set-cookie']);

function comparable(res: request.Response) {
  const headers = Object.fromEntries(Object.entries(res.headers).filter(([name]) => !VARYING.has(name)));
  const body = res.body as Record<string, unknown>;
  const {
    id: _id,
    accessToken: _token,
    expiresAt: _expires,
    createdAt: _created,
    requestId: _r,
    instance: _i,
    ...rest
  } = body;
  return { status: res.status, headers, body: JSON.parse(JSON.stringify(rest)) };
}

interface Case {
  name: string;
  /** Sent byte for byte as application/json. */
  raw: () => string;
  headers?: Record<string, string>;
  status: number;
}

const valid = () => JSON.stringify(orderBody(sale.event, [[sale.types[0]!, 2]], { buyer: buyer() }));

const cases: Case[] = [
  { name: 'a valid reserve', raw: valid, status: 201 },
  { name: 'malformed JSON', raw: () => '{"eventId":', status: 400 },
  { name: 'a JSON string', raw: () => '"order"', status: 400 },
  { name: 'JSON null', raw: () => 'null', status: 400 },
  { name: 'an array', raw: () => '[]', status: 400 },
  { name: 'an empty object', raw: () => '{}', status: 400 },
  {
    name: 'a NUL character in the name',
    raw: () =>
      JSON.stringify(
        orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: { name: 'A\u0000B', email: 'a@b.test' } }),
      ),
    status: 400,
  },
  {
    name: 'an unknown ticket type',
    raw: () => JSON.stringify(orderBody(sale.event, [[randomUUID(), 1]])),
    status: 422,
  },
  {
    name: 'an unknown event',
    raw: () => JSON.stringify(orderBody({ id: randomUUID() }, [[randomUUID(), 1]])),
    status: 404,
  },
  {
    name: 'a sold-out ticket type',
    raw: () => JSON.stringify(orderBody(soldOut.event, [[soldOut.types[0]!, 1]])),
    status: 409,
  },
  {
    name: 'a malformed Idempotency-Key',
    raw: valid,
    headers: { 'Idempotency-Key': 'x'.repeat(300) },
    status: 400,
  },
];

describe('POST /api/orders through the fast lane and through Express', () => {
  it.each(cases)('answers $name alike', async ({ raw, headers = {}, status }) => {
    const body = raw();
    const send = (extra: Record<string, string>) =>
      request(t.app)
        .post('/api/orders')
        .set('Content-Type', 'application/json')
        .set({ ...headers, ...extra })
        .send(body);
    const viaLane = await send({});
    const viaExpress = await send({ Cookie: 'unrelated=1' });
    expect(viaLane.status, JSON.stringify(viaLane.body)).toBe(status);
    expect(comparable(viaLane)).toEqual(comparable(viaExpress));
  });

  it('replays an Idempotency-Key either way with the stored answer', async () => {
    const key = randomUUID();
    const body = valid();
    const send = (cookie?: string) => {
      const req = request(t.app)
        .post('/api/orders')
        .set('Content-Type', 'application/json')
        .set('Idempotency-Key', key);
      return (cookie ? req.set('Cookie', cookie) : req).send(body);
    };
    const first = await send();
    const replayedByExpress = await send('unrelated=1');
    const replayedByLane = await send();
    expect(first.status).toBe(201);
    expect(replayedByExpress.body.id).toBe(first.body.id);
    expect(replayedByLane.body.id).toBe(first.body.id);
  });

  it('takes the lane for a plain JSON reserve and Express for anything else', async () => {
    const router = t.app.router as unknown as { handle: (...args: unknown[]) => void };
    const walk = vi.spyOn(router, 'handle');
    try {
      await request(t.app).post('/api/orders').set('Content-Type', 'application/json').send(valid());
      expect(walk).not.toHaveBeenCalled();
      await request(t.app)
        .post('/api/orders')
        .set('Cookie', 'unrelated=1')
        .set('Content-Type', 'application/json')
        .send(valid());
      expect(walk).toHaveBeenCalledTimes(1);
    } finally {
      walk.mockRestore();
    }
  });
});
