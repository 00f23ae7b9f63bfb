import { randomUUID } from 'node:crypto';
import { type Order, Problem } from '@zevents/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ReserveParams, reserveOn } from '../src/modules/orders/orders.repository';
import {
  createPromo,
  expectProblem,
  openSale,
  orderBody,
  promoUses,
  reserve,
  reserveOk,
  stockOf,
} from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp } from './harness';

const t = buildTestApp();
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const key = (label: string) => `${label}-${Math.random().toString(36).slice(2)}`;

function params(
  eventId: string,
  items: Array<{ ticketTypeId: string; quantity: number }>,
  promoCode: string | null = null,
): ReserveParams {
  const now = new Date();
  return {
    orderId: randomUUID(),
    eventId,
    items,
    buyerName: 'Refused Buyer',
    buyerEmail: 'refused@example.test',
    buyerUserId: null,
    promoCode,
    accessCode: null,
    now,
    expiresAt: new Date(now.getTime() + 15 * 60_000),
    idempotency: { scope: 'orders.create:test', key: key('raw'), requestHash: 'h' },
    // Never used: a refused reserve answers nothing.
    answer: {} as Order,
    clientAddress: null,
    holdsPerAddressPerMinute: 0,
  };
}

describe('a refused reserve raises nothing in PostgreSQL', () => {
  // Inside an explicit transaction an ERROR would abort it: the next statement would fail.
  it.each([
    ['sold out', { capacity: 1, quantity: 2 }],
    ['sold out, with a promo code that is fine', { capacity: 1, quantity: 2, promo: 'FINE' }],
    ['a quantity above the maximum', { capacity: 50, quantity: 11 }],
    ['an unknown promo code', { capacity: 10, quantity: 1, promo: 'NOPE' }],
  ] as Array<[string, { capacity: number; quantity: number; promo?: string }]>)(
    '%s: no error, no change, the facts to explain it',
    async (_name, c) => {
      const { event, types } = await openSale(t, world, [
        { name: 'GA', priceCents: 1000, capacity: c.capacity, maxPerOrder: 10 },
      ]);
      const promo = await createPromo(world.owner, event.id, { code: 'FINE', percentOff: 10, maxUses: 5 });
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const outcome = await reserveOn(
          client,
          params(event.id, [{ ticketTypeId: types[0]!.id, quantity: c.quantity }], c.promo ?? null),
        );
        expect(outcome.kind).toBe('refused');
        if (outcome.kind !== 'refused') return;
        expect(outcome.facts?.event?.status).toBe('published');
        expect(outcome.facts?.types).toMatchObject([
          { id: types[0]!.id, available: c.capacity, stale: 0, maxPerOrder: 10 },
        ]);
        const alive = await client.query<{ ok: number }>('SELECT 1 AS ok');
        expect(alive.rows[0]?.ok).toBe(1);
        const keys = await client.query('SELECT 1 FROM idempotency_keys WHERE scope = $1', [
          'orders.create:test',
        ]);
        expect(keys.rowCount).toBe(0);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
      expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 0, sold: 0 });
      expect(await promoUses(pool, promo.id)).toBe(0);
    },
  );
});

describe('POST /api/orders answers from its one statement', () => {
  it('answers 201 with exactly the order view GET shows (amounts, items in order, token)', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'Listed first', priceCents: 3000, capacity: 10 },
      { name: 'Listed second', priceCents: 2000, capacity: 10 },
    ]);
    await createPromo(world.owner, event.id, { code: 'TENOFF', percentOff: 10 });
    const body = orderBody(
      event,
      [
        [types[1]!, 1],
        [types[0]!, 2],
      ],
      { promoCode: 'tenoff' },
    );
    const res = await reserve(world.anonymous, body, key('view'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'reserved',
      subtotalCents: 8000,
      discountCents: 800,
      totalCents: 7200,
      currency: event.currency,
      tickets: [],
      items: [
        { ticketTypeName: 'Listed first', quantity: 2, unitPriceCents: 3000 },
        { ticketTypeName: 'Listed second', quantity: 1, unitPriceCents: 2000 },
      ],
    });
    const read = await world.anonymous.get(`/api/orders/${res.body.id}?token=${res.body.accessToken}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
  });

  it('sold out with a valid promo code: 409 SOLD_OUT, the code keeps its uses', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 1 }]);
    const promo = await createPromo(world.owner, event.id, { code: 'LAST', percentOff: 50, maxUses: 1 });
    await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const res = await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'LAST' }));
    expectProblem(res, 409, 'SOLD_OUT');
    expect(res.body.remaining).toEqual([{ ticketTypeId: types[0]!.id, available: 0 }]);
    expect(() => Problem.strict().parse(res.body)).not.toThrow();
    expect(await promoUses(pool, promo.id)).toBe(0);
  });

  it('one key fired at once on a sold-out type: every request gets the same 409', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 1 }]);
    await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const body = orderBody(event, [[types[0]!, 1]]);
    const k = key('burst-refused');
    const answers = await Promise.all(Array.from({ length: 12 }, () => reserve(world.anonymous, body, k)));
    for (const res of answers) expectProblem(res, 409, 'SOLD_OUT');
    const first = answers[0]!.body as Record<string, unknown>;
    for (const res of answers)
      expect({ detail: res.body.detail, remaining: res.body.remaining }).toEqual({
        detail: first.detail,
        remaining: first.remaining,
      });
  });

  it('one key fired at once for the last seat: one order, the same 201 for every request', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 1 }]);
    const body = orderBody(event, [[types[0]!, 1]]);
    const k = key('burst-last');
    const answers = await Promise.all(Array.from({ length: 12 }, () => reserve(world.anonymous, body, k)));
    for (const res of answers) expect(res.status, JSON.stringify(res.body)).toBe(201);
    for (const res of answers) expect(res.body).toEqual(answers[0]!.body);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 1, sold: 0 });
  });

  it('many buyers for the last seats: the losers get SOLD_OUT with what is really left', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 5 }]);
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => reserve(world.anonymous, orderBody(event, [[types[0]!, 1]]))),
    );
    expect(answers.filter((res) => res.status === 201)).toHaveLength(5);
    for (const res of answers.filter((r) => r.status !== 201)) {
      expectProblem(res, 409, 'SOLD_OUT');
      expect(res.body.remaining).toEqual([{ ticketTypeId: types[0]!.id, available: 0 }]);
    }
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 5 });
  });
});
