import { beforeAll, describe, expect, it } from 'vitest';
import {
  buyOk,
  expectProblem,
  GOOD_CARD,
  openSale,
  orderBody,
  orderRow,
  type OrderView,
  paymentsOf,
  reserveOk,
  stockOf,
} from './checkout-helpers';
import { type Actor, createActor, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/** Invariant 9 for orders: buyer (token or session) and the event's organizers; 404 for everyone else. */

const t = buildTestApp();
const { pool } = t.database;
let world: World;
let stranger: Actor;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
  stranger = await createActor(t.app, t.database.db);
});

const read = (actor: Actor, order: { id: string }, token?: string) =>
  actor.get(`/api/orders/${order.id}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`);

async function sale(capacity = 10) {
  return openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity }]);
}

describe('GET /api/orders/{id}', () => {
  it('the buyer reads it with the token, and gets the token back', async () => {
    const { event, types } = await sale();
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const res = await read(world.anonymous, order, order.accessToken);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: order.id, accessToken: order.accessToken, status: 'reserved' });
    // The token works for anyone who holds it, logged in or not.
    expect((await read(world.outsider, order, order.accessToken)).status).toBe(200);
  });

  it('a buyer who reserved while logged in reads, pays and cancels with the session alone', async () => {
    const { event, types } = await sale();
    const sessionBuyer = await createActor(t.app, t.database.db);
    const order = await reserveOk(sessionBuyer, orderBody(event, [[types[0]!, 1]]));
    const res = await read(sessionBuyer, order);
    expect(res.status).toBe(200);
    expect(res.body.accessToken).toBe(order.accessToken);

    const paid = await sessionBuyer.post(`/api/orders/${order.id}/pay`, { card: GOOD_CARD });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('paid');

    const other = await reserveOk(sessionBuyer, orderBody(event, [[types[0]!, 1]]));
    const cancelled = await sessionBuyer.post(`/api/orders/${other.id}/cancel`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    // Another logged-in user is nobody to this order.
    expectProblem(await read(stranger, order), 404, 'NOT_FOUND');
  });

  it("the event's owner, admin and staff read it, without the access token", async () => {
    const { event, types } = await sale();
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    for (const organizer of [world.owner, world.admin, world.staff]) {
      const res = await read(organizer, order);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ id: order.id, status: 'paid' });
      expect(res.body.tickets).toHaveLength(2);
      expect(res.body).not.toHaveProperty('accessToken');
    }
  });

  it('404 for an outsider, anonymous without a token, a wrong token, or an unknown id', async () => {
    const { event, types } = await sale();
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const other = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const unknown = { id: '00000000-0000-4000-8000-000000000000' };
    const attempts = [
      read(world.outsider, order),
      read(stranger, order),
      read(world.anonymous, order),
      read(world.anonymous, order, ''),
      read(world.anonymous, order, 'wrong-token'),
      read(world.anonymous, order, other.accessToken),
      read(world.anonymous, order, `${order.accessToken}x`),
      read(world.anonymous, order, order.accessToken!.slice(0, -1)),
      read(world.anonymous, unknown, order.accessToken),
      read(world.owner, unknown),
      read(world.anonymous, { id: 'not-a-uuid' }),
    ];
    for (const res of await Promise.all(attempts)) expectProblem(res, 404, 'NOT_FOUND');
  });

  it("another organization's members are outsiders, even with an API key of their own", async () => {
    const { event, types } = await sale();
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const key = await world.outsider.post(`/api/organizations/${world.outsiderOrg.id}/api-keys`, {
      name: 'ci',
    });
    expect(key.status, JSON.stringify(key.body)).toBe(201);
    const bearer = world.anonymous
      .get(`/api/orders/${order.id}`)
      .set('Authorization', `Bearer ${key.body.key}`);
    expectProblem(await bearer, 404, 'NOT_FOUND');
    // The owner's own API key reads it like the owner.
    const ownKey = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'ci' });
    const own = await world.anonymous
      .get(`/api/orders/${order.id}`)
      .set('Authorization', `Bearer ${ownKey.body.key}`);
    expect(own.status).toBe(200);
    expect(own.body).not.toHaveProperty('accessToken');
  });
});

describe('pay and cancel are the buyer’s alone', () => {
  async function reserved(): Promise<{ order: OrderView; typeId: string }> {
    const { event, types } = await sale();
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    return { order, typeId: types[0]!.id };
  }

  it('404 to organizers and outsiders, and the order is untouched', async () => {
    const { order, typeId } = await reserved();
    for (const actor of [world.owner, world.admin, world.staff, world.outsider, stranger, world.anonymous]) {
      expectProblem(await actor.post(`/api/orders/${order.id}/pay`, { card: GOOD_CARD }), 404, 'NOT_FOUND');
      expectProblem(await actor.post(`/api/orders/${order.id}/cancel`), 404, 'NOT_FOUND');
    }
    expectProblem(
      await world.anonymous.post(`/api/orders/${order.id}/pay?token=forged`, { card: GOOD_CARD }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await world.anonymous.post(`/api/orders/${order.id}/cancel?token=forged`),
      404,
      'NOT_FOUND',
    );
    expect((await orderRow(pool, order.id))?.status).toBe('reserved');
    expect(await paymentsOf(pool, order.id)).toEqual([]);
    expect(await stockOf(pool, typeId)).toMatchObject({ held: 2, sold: 0 });
  });
});

describe('refunds are for owners and admins', () => {
  it('403 for staff, 404 for an outsider, 401 anonymous; an admin may refund', async () => {
    const { event, types } = await sale();
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    const path = `/api/orders/${order.id}/refund`;
    expectProblem(await world.staff.post(path, {}), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.post(path, {}), 404, 'NOT_FOUND');
    expectProblem(await stranger.post(path, {}), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.post(path, {}), 401, 'UNAUTHENTICATED');
    // The buyer's token is no organizer's right.
    expectProblem(
      await world.anonymous.post(`${path}?token=${order.accessToken}`, {}),
      401,
      'UNAUTHENTICATED',
    );
    expect((await orderRow(pool, order.id))?.status).toBe('paid');
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ sold: 2 });

    const res = await world.admin.post(path, { amountCents: 100 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'partially_refunded', refundedCents: 100 });
    expect(res.body).not.toHaveProperty('accessToken');
  });

  it('404 for an unknown order, even to an owner', async () => {
    expectProblem(
      await world.owner.post('/api/orders/00000000-0000-4000-8000-000000000000/refund', {}),
      404,
      'NOT_FOUND',
    );
  });
});
