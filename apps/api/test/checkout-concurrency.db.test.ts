import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../src/db/client';
import {
  buyer,
  countOrders,
  createPromo,
  expectStockInvariants,
  GOOD_CARD,
  openSale,
  orderBody,
  type OrderView,
  paymentsOf,
  promoUses,
  reserveOk,
  stockOf,
  ticketsOf,
} from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';

/**
 * The flash sale through real sockets: the app listens on a port and every request is its own
 * HTTP connection from fetch (undici), all in flight together, against a pool of 10 connections.
 */

let database: Database;
let t: TestApp;
let server: Server;
let base: string;
let world: World;
const observed: string[] = [];

beforeAll(async () => {
  database = createDatabase(inject('databaseUrl'), 10);
  // The bounded wait for a connection (5 s, then 503) is about capacity, not correctness: on a busy
  // test machine 500 requests in one process can queue longer than that. These tests count answers.
  database.pool.options.connectionTimeoutMillis = 30_000;
  // Load shedding (429 past a bounded wait for the pool) is switched off here: these tests count
  // exact answers, and a 429 is not what they are about.
  t = buildTestApp({ database, maxWaitingForDb: 100_000 });
  server = t.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  world = await createWorld(t.app, database.db);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
  // The numbers a reader of the run wants to see (durations depend on the machine).
  console.info(`checkout concurrency:\n  ${observed.join('\n  ')}`);
});

interface Answer {
  status: number;
  body: { code?: string; id?: string; status?: string } & Record<string, unknown>;
  ms: number;
}

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: Answer['body'];
  try {
    parsed = JSON.parse(text) as Answer['body'];
  } catch {
    parsed = { raw: text };
  }
  return { status: res.status, body: parsed, ms: performance.now() - started };
}

/** Fires every request at once and waits for all of them. */
async function burst(requests: Array<() => Promise<Answer>>) {
  const started = performance.now();
  const answers = await Promise.all(requests.map((send) => send()));
  return { answers, ms: performance.now() - started };
}

function histogram(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) {
    const key = `${answer.status}${answer.body.code ? ` ${answer.body.code}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

function latency(answers: Answer[]): string {
  const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`;
}

/**
 * Polls invariant 1 on its own connection (outside the app's pool) until stopped: it must hold at
 * every instant, not only at the end.
 */
function watchStock(ticketTypeId: string) {
  const client = new pg.Client({ connectionString: inject('databaseUrl') });
  let running = true;
  let polls = 0;
  let violations = 0;
  let maxHeld = 0;
  const done = (async () => {
    await client.connect();
    try {
      while (running) {
        const { rows } = await client.query<{ ok: boolean; held: number }>(
          'SELECT sold + held <= capacity AS ok, held FROM ticket_types WHERE id = $1',
          [ticketTypeId],
        );
        polls++;
        if (!rows[0]?.ok) violations++;
        maxHeld = Math.max(maxHeld, rows[0]?.held ?? 0);
      }
    } finally {
      await client.end();
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { polls, violations, maxHeld };
    },
  };
}

describe('flash sale: 500 buyers, 100 seats', () => {
  it('sells exactly 100, answers 409 SOLD_OUT to the rest, never a 5xx, and never oversells', async () => {
    const capacity = 100;
    const buyers = 500;
    const { event, types } = await openSale(t, world, [{ name: 'Flash', priceCents: 4900, capacity }]);
    const type = types[0]!;
    const watcher = watchStock(type.id);
    const { answers, ms } = await burst(
      Array.from(
        { length: buyers },
        (_, i) => () => post('/api/orders', orderBody(event, [[type, 1]], { buyer: buyer(`flash-${i}`) })),
      ),
    );
    const watch = await watcher.stop();
    const counts = histogram(answers);
    observed.push(
      `reserve burst: ${buyers} concurrent POST /api/orders for ${capacity} seats in ${Math.round(ms)} ms ` +
        `(${latency(answers)}); answers ${JSON.stringify(counts)}; ` +
        `${watch.polls} invariant polls during the burst, ${watch.violations} violations, max held seen ${watch.maxHeld}`,
    );

    expect(counts).toEqual({ '201': capacity, '409 SOLD_OUT': buyers - capacity });
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    for (const answer of answers.filter((a) => a.status === 409))
      expect(answer.body.remaining).toEqual([{ ticketTypeId: type.id, available: 0 }]);
    const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
    expect(ids.size).toBe(capacity);

    expect(watch.polls).toBeGreaterThan(0);
    expect(watch.violations).toBe(0);
    expect(await stockOf(database.pool, type.id)).toEqual({ sold: 0, held: capacity, capacity });
    expect(await countOrders(database.pool, event.id)).toBe(capacity);
    await expectStockInvariants(database.pool, event.id);
  });

  it('never deadlocks into a 5xx when multi-type orders list their types in opposite orders', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'A', priceCents: 1000, capacity: 60 },
      { name: 'B', priceCents: 2000, capacity: 60 },
    ]);
    const [a, b] = types as [(typeof types)[0], (typeof types)[0]];
    const { answers, ms } = await burst(
      Array.from({ length: 200 }, (_, i) => () => {
        const items: Array<[typeof a, number]> =
          i % 2 === 0
            ? [
                [a, 1],
                [b, 1],
              ]
            : [
                [b, 1],
                [a, 1],
              ];
        return post('/api/orders', orderBody(event, items, { buyer: buyer(`ab-${i}`) }));
      }),
    );
    const counts = histogram(answers);
    observed.push(
      `multi-type burst: 200 concurrent two-type orders (opposite item orders) for 60 + 60 seats in ` +
        `${Math.round(ms)} ms (${latency(answers)}); answers ${JSON.stringify(counts)}`,
    );
    expect(counts).toEqual({ '201': 60, '409 SOLD_OUT': 140 });
    expect(await stockOf(database.pool, a.id)).toMatchObject({ held: 60, sold: 0 });
    expect(await stockOf(database.pool, b.id)).toMatchObject({ held: 60, sold: 0 });
    await expectStockInvariants(database.pool, event.id);
  });
});

describe('a promo code with 3 uses, 50 buyers at once', () => {
  it('gives the discount to exactly 3 orders and refuses the rest with PROMO_CODE_INVALID', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 1000 }]);
    const type = types[0]!;
    const promo = await createPromo(world.owner, event.id, { code: 'EARLY3', percentOff: 25, maxUses: 3 });
    const { answers, ms } = await burst(
      Array.from(
        { length: 50 },
        (_, i) => () =>
          post(
            '/api/orders',
            orderBody(event, [[type, 1]], { promoCode: 'early3', buyer: buyer(`promo-${i}`) }),
          ),
      ),
    );
    const counts = histogram(answers);
    observed.push(
      `promo burst: 50 concurrent orders with a 3-use code in ${Math.round(ms)} ms (${latency(answers)}); ` +
        `answers ${JSON.stringify(counts)}`,
    );
    expect(counts).toEqual({ '201': 3, '422 PROMO_CODE_INVALID': 47 });
    for (const answer of answers.filter((a) => a.status === 201))
      expect(answer.body).toMatchObject({ discountCents: 500, totalCents: 1500 });
    expect(await promoUses(database.pool, promo.id)).toBe(3);
    const withCode = await database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM orders WHERE promo_code_id = $1',
      [promo.id],
    );
    expect(withCode.rows[0]?.n).toBe(3);
    expect(await countOrders(database.pool, event.id)).toBe(3);
    expect(await stockOf(database.pool, type.id)).toMatchObject({ held: 3, sold: 0 });
  });
});

describe('20 concurrent payments of one order', () => {
  async function reservedOrder(quantity: number) {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 3000, capacity: 10 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, quantity]]));
    return { event, type: types[0]!, order };
  }

  async function expectPaidOnce(order: OrderView, eventId: string, typeId: string, quantity: number) {
    const payments = await paymentsOf(database.pool, order.id);
    expect(payments.filter((p) => p.status === 'succeeded')).toEqual([
      { status: 'succeeded', amount_cents: 3000 * quantity },
    ]);
    expect(payments).toHaveLength(1);
    const tickets = await ticketsOf(database.pool, order.id);
    expect(tickets).toHaveLength(quantity);
    expect(tickets.every((ticket) => ticket.status === 'valid')).toBe(true);
    expect(await stockOf(database.pool, typeId)).toMatchObject({ sold: quantity, held: 0 });
    await expectStockInvariants(database.pool, eventId);
  }

  it('without an Idempotency-Key: one charge, one set of tickets, every answer 200 paid', async () => {
    const { event, type, order } = await reservedOrder(3);
    const { answers, ms } = await burst(
      Array.from(
        { length: 20 },
        () => () => post(`/api/orders/${order.id}/pay?token=${order.accessToken}`, { card: GOOD_CARD }),
      ),
    );
    const counts = histogram(answers);
    observed.push(
      `pay burst (no key): 20 concurrent POST /pay of one order in ${Math.round(ms)} ms (${latency(answers)}); ` +
        `answers ${JSON.stringify(counts)}`,
    );
    expect(counts).toEqual({ '200': 20 });
    for (const answer of answers) {
      expect(answer.body.status).toBe('paid');
      expect(answer.body.tickets).toHaveLength(3);
    }
    // Everyone sees the same tickets.
    const ticketSets = new Set(
      answers.map((a) => JSON.stringify((a.body.tickets as Array<{ id: string }>).map((x) => x.id).sort())),
    );
    expect(ticketSets.size).toBe(1);
    await expectPaidOnce(order, event.id, type.id, 3);
  });

  it('with one shared Idempotency-Key: one charge; answers are 200 or 409 REQUEST_IN_PROGRESS', async () => {
    const { event, type, order } = await reservedOrder(2);
    const key = `pay-${order.id}`;
    const send = () =>
      post(
        `/api/orders/${order.id}/pay?token=${order.accessToken}`,
        { card: GOOD_CARD },
        { 'Idempotency-Key': key },
      );
    const { answers, ms } = await burst(Array.from({ length: 20 }, () => send));
    const counts = histogram(answers);
    observed.push(
      `pay burst (shared key): 20 concurrent POST /pay in ${Math.round(ms)} ms (${latency(answers)}); ` +
        `answers ${JSON.stringify(counts)}`,
    );
    expect(Object.keys(counts).every((k) => k === '200' || k === '409 REQUEST_IN_PROGRESS')).toBe(true);
    expect(counts['200']).toBeGreaterThanOrEqual(1);
    const paid = answers.filter((a) => a.status === 200);
    for (const answer of paid) expect(answer.body).toEqual(paid[0]!.body);
    // Once the first is done, the key replays its answer.
    const replay = await send();
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(paid[0]!.body);
    await expectPaidOnce(order, event.id, type.id, 2);
  });
});

describe('30 concurrent reservations with one Idempotency-Key', () => {
  it('create one order; every answer is 201 with its id, or 409 REQUEST_IN_PROGRESS', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 1500, capacity: 100 }]);
    const type = types[0]!;
    const body = orderBody(event, [[type, 2]], { buyer: buyer('same-key') });
    const key = `order-${event.id}`;
    const { answers, ms } = await burst(
      Array.from({ length: 30 }, () => () => post('/api/orders', body, { 'Idempotency-Key': key })),
    );
    const counts = histogram(answers);
    observed.push(
      `idempotent reserve burst: 30 concurrent POST /api/orders with one key in ${Math.round(ms)} ms ` +
        `(${latency(answers)}); answers ${JSON.stringify(counts)}`,
    );
    expect(Object.keys(counts).every((k) => k === '201' || k === '409 REQUEST_IN_PROGRESS')).toBe(true);
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    expect(await countOrders(database.pool, event.id)).toBe(1);
    expect(await stockOf(database.pool, type.id)).toMatchObject({ held: 2, sold: 0 });
    const replay = await post('/api/orders', body, { 'Idempotency-Key': key });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(created[0]!.body.id);
  });
});
