import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buyer,
  buyOk,
  cancel,
  countOrders,
  DECLINED_CARD,
  expectProblem,
  GOOD_CARD,
  openSale,
  orderBody,
  paymentsOf,
  refundsOf,
  reserve,
  reserveOk,
  stockOf,
} from './checkout-helpers';
import { createActor, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

const t = buildTestApp();
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const key = (label: string) => `${label}-${Math.random().toString(36).slice(2)}`;

describe('Idempotency-Key on POST /api/orders', () => {
  it('replays the same status and body for the same key and body, holding once', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const body = orderBody(event, [[types[0]!, 2]]);
    const k = key('same');
    const first = await reserve(world.anonymous, body, k);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await reserve(world.anonymous, body, k);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    // Keys in a different order, the same request.
    const reordered = { buyer: body.buyer, items: body.items, eventId: body.eventId };
    const third = await reserve(world.anonymous, reordered, k);
    expect(third.status).toBe(201);
    expect(third.body.id).toBe(first.body.id);

    expect(await countOrders(pool, event.id)).toBe(1);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 2, sold: 0 });
    // A new key is a new order.
    const other = await reserve(world.anonymous, body, key('other'));
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 4 });
  });

  it('answers 422 IDEMPOTENCY_CONFLICT for the same key with a different body, and does nothing', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const k = key('conflict');
    const body = orderBody(event, [[types[0]!, 1]]);
    expect((await reserve(world.anonymous, body, k)).status).toBe(201);
    const changed = await reserve(
      world.anonymous,
      { ...body, items: [{ ...body.items[0], quantity: 3 }] },
      k,
    );
    expectProblem(changed, 422, 'IDEMPOTENCY_CONFLICT');
    const otherBuyer = await reserve(world.anonymous, { ...body, buyer: buyer() }, k);
    expectProblem(otherBuyer, 422, 'IDEMPOTENCY_CONFLICT');
    expect(await countOrders(pool, event.id)).toBe(1);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 1 });
  });

  it('replays a 409 SOLD_OUT for its key even after seats come back', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 1 }]);
    const first = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const body = orderBody(event, [[types[0]!, 1]]);
    const k = key('soldout');
    const refused = await reserve(world.anonymous, body, k);
    expectProblem(refused, 409, 'SOLD_OUT');
    expect((await cancel(world.anonymous, first)).status).toBe(200);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 0 });

    const replay = await reserve(world.anonymous, body, k);
    expectProblem(replay, 409, 'SOLD_OUT');
    expect(replay.body.remaining).toEqual(refused.body.remaining);
    expect(replay.body.detail).toBe(refused.body.detail);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 0 });
    // The same request under a new key is new work, and succeeds.
    expect((await reserve(world.anonymous, body, key('fresh'))).status).toBe(201);
  });

  it("a burst of keyed buyers after the sell-out: every refusal is its own key's answer, replayed as such", async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 2 }]);
    await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    const attempts = Array.from({ length: 30 }, (_, i) => ({
      body: orderBody(event, [[types[0]!, 1]], { buyer: buyer(`burst-${i}`) }),
      key: key(`burst-${i}`),
    }));
    // The same request twice at once under one key: both get the one answer.
    attempts.push({ ...attempts[0]! });
    const refused = await Promise.all(attempts.map(({ body, key: k }) => reserve(world.anonymous, body, k)));
    for (const answer of refused) expectProblem(answer, 409, 'SOLD_OUT');
    const stored = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM idempotency_keys WHERE key = ANY($1) AND response_status = 409`,
      [attempts.map((attempt) => attempt.key)],
    );
    expect(stored.rows[0]?.n).toBe(30);
    const replays = await Promise.all(attempts.map(({ body, key: k }) => reserve(world.anonymous, body, k)));
    replays.forEach((replay, i) => {
      expectProblem(replay, 409, 'SOLD_OUT');
      expect(replay.body.detail).toBe(refused[i]!.body.detail);
    });
    expect(await countOrders(pool, event.id)).toBe(1);
  });

  it('replays a 422 rule break for its key too', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 2500, capacity: 5, maxPerOrder: 2 },
    ]);
    const body = orderBody(event, [[types[0]!, 3]]);
    const k = key('rule');
    expectProblem(await reserve(world.anonymous, body, k), 422, 'QUANTITY_OUT_OF_RANGE');
    expectProblem(await reserve(world.anonymous, body, k), 422, 'QUANTITY_OUT_OF_RANGE');
    expect(await countOrders(pool, event.id)).toBe(0);
  });

  it('scopes a key to its caller: a logged-in buyer and an anonymous one never share an answer', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const ada = await createActor(t.app, t.database.db);
    const bob = await createActor(t.app, t.database.db);
    const body = orderBody(event, [[types[0]!, 1]], { buyer: buyer('shared') });
    const k = key('scoped');
    const asAda = await reserve(ada, body, k);
    const asBob = await reserve(bob, body, k);
    const asAnonymous = await reserve(world.anonymous, body, k);
    for (const res of [asAda, asBob, asAnonymous]) expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(new Set([asAda.body.id, asBob.body.id, asAnonymous.body.id]).size).toBe(3);
    // Each caller's replay is their own order.
    expect((await reserve(ada, body, k)).body.id).toBe(asAda.body.id);
    expect((await reserve(bob, body, k)).body.id).toBe(asBob.body.id);
    expect((await reserve(world.anonymous, body, k)).body.id).toBe(asAnonymous.body.id);
    // A different body under Ada's key conflicts for Ada only.
    const changed = { ...body, items: [{ ticketTypeId: types[0]!.id, quantity: 2 }] };
    expectProblem(await reserve(ada, changed, k), 422, 'IDEMPOTENCY_CONFLICT');
    expect(await countOrders(pool, event.id)).toBe(3);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 3 });
  });

  it('scopes a key to its API key: two integrations never share an answer, nor with browsers', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const newKey = async (actor: typeof world.owner, orgId: string) => {
      const res = await actor.post(`/api/organizations/${orgId}/api-keys`, { name: 'shop' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.key as string;
    };
    const ours = await newKey(world.owner, world.org.id);
    const theirs = await newKey(world.outsider, world.outsiderOrg.id);
    // Integrations often use their own order numbers as keys: they collide across tenants. (Fresh per
    // run: a browser's key is scoped to all anonymous callers, and the database may hold earlier runs.)
    const orderNumber = `1001-${randomUUID()}`;
    const body = orderBody(event, [[types[0]!, 1]], { buyer: buyer('integration') });
    const asIntegration = (apiKey: string) =>
      world.anonymous
        .post('/api/orders', body)
        .set('Authorization', `Bearer ${apiKey}`)
        .set('Idempotency-Key', orderNumber);
    const first = await asIntegration(ours);
    const second = await asIntegration(theirs);
    const browser = await reserve(world.anonymous, body, orderNumber);
    for (const res of [first, second, browser]) expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(new Set([first.body.id, second.body.id, browser.body.id]).size).toBe(3);
    expect((await asIntegration(ours)).body.id).toBe(first.body.id);
    expect((await asIntegration(theirs)).body.id).toBe(second.body.id);
    expect(await countOrders(pool, event.id)).toBe(3);
  });

  it.each([
    ['contains spaces', 'not a key'],
    ['is too long', 'k'.repeat(201)],
    ['has a slash', 'a/b'],
    ['is empty', ''],
  ])('400 VALIDATION_FAILED when the key %s', async (_name, bad) => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const res = await world.anonymous
      .post('/api/orders', orderBody(event, [[types[0]!, 1]]))
      .set('Idempotency-Key', bad);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(await countOrders(pool, event.id)).toBe(0);
  });
});

describe('Idempotency-Key on pay and refund', () => {
  it('replays a payment: same answer, one charge', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    const path = `/api/orders/${order.id}/pay?token=${order.accessToken}`;
    const k = key('pay');
    const first = await world.anonymous.post(path, { card: GOOD_CARD }).set('Idempotency-Key', k);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.status).toBe('paid');
    const replay = await world.anonymous.post(path, { card: GOOD_CARD }).set('Idempotency-Key', k);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expectProblem(
      await world.anonymous.post(path, { card: DECLINED_CARD }).set('Idempotency-Key', k),
      422,
      'IDEMPOTENCY_CONFLICT',
    );
    expect(await paymentsOf(pool, order.id)).toEqual([{ status: 'succeeded', amount_cents: 5000 }]);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ sold: 2, held: 0 });
  });

  it('replays a decline for its key; another key may pay', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const path = `/api/orders/${order.id}/pay?token=${order.accessToken}`;
    const k = key('declined');
    const declined = await world.anonymous.post(path, { card: DECLINED_CARD }).set('Idempotency-Key', k);
    expectProblem(declined, 402, 'PAYMENT_DECLINED');
    const again = await world.anonymous.post(path, { card: DECLINED_CARD }).set('Idempotency-Key', k);
    expectProblem(again, 402, 'PAYMENT_DECLINED');
    expect(again.body.detail).toBe(declined.body.detail);
    // The replay did not try the card again.
    expect(await paymentsOf(pool, order.id)).toEqual([{ status: 'failed', amount_cents: 2500 }]);
    expectProblem(
      await world.anonymous.post(path, { card: GOOD_CARD }).set('Idempotency-Key', k),
      422,
      'IDEMPOTENCY_CONFLICT',
    );
    const paid = await world.anonymous.post(path, { card: GOOD_CARD }).set('Idempotency-Key', key('retry'));
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('paid');
  });

  it('replays a refund: same answer, money given back once', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    const path = `/api/orders/${order.id}/refund`;
    const k = key('refund');
    const first = await world.owner.post(path, { amountCents: 700 }).set('Idempotency-Key', k);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ status: 'partially_refunded', refundedCents: 700 });
    const replay = await world.owner.post(path, { amountCents: 700 }).set('Idempotency-Key', k);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expectProblem(
      await world.owner.post(path, { amountCents: 800 }).set('Idempotency-Key', k),
      422,
      'IDEMPOTENCY_CONFLICT',
    );
    expect(await refundsOf(pool, order.id)).toEqual([{ amount_cents: 700, reason: 'organizer' }]);
    // Without the key, the same body is a second refund.
    const second = await world.owner.post(path, { amountCents: 700 });
    expect(second.body).toMatchObject({ status: 'partially_refunded', refundedCents: 1400 });
  });

  it('replays a refused refund (REFUND_TOO_LARGE) for its key', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const k = key('toolarge');
    const path = `/api/orders/${order.id}/refund`;
    expectProblem(
      await world.owner.post(path, { amountCents: 2501 }).set('Idempotency-Key', k),
      422,
      'REFUND_TOO_LARGE',
    );
    expectProblem(
      await world.owner.post(path, { amountCents: 2501 }).set('Idempotency-Key', k),
      422,
      'REFUND_TOO_LARGE',
    );
    expect(await refundsOf(pool, order.id)).toEqual([]);
  });

  it('400 for a malformed key on pay and refund', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    expectProblem(
      await world.anonymous
        .post(`/api/orders/${order.id}/pay?token=${order.accessToken}`, { card: GOOD_CARD })
        .set('Idempotency-Key', 'bad key'),
      400,
      'VALIDATION_FAILED',
    );
    expect(await paymentsOf(pool, order.id)).toEqual([]);
    expectProblem(
      await world.owner.post(`/api/orders/${order.id}/refund`, {}).set('Idempotency-Key', 'bad key'),
      400,
      'VALIDATION_FAILED',
    );
  });
});
