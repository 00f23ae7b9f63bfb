import { beforeAll, describe, expect, it } from 'vitest';
import { REFUND_CANCELLED_ORDER } from '../src/modules/orders/orders.jobs';
import {
  buyer,
  buyOk,
  cancel,
  createPromo,
  expectProblem,
  expectStockInvariants,
  openSale,
  orderBody,
  orderRow,
  pay,
  promoUses,
  refundsOf,
  reserve,
  reserveOk,
  stockOf,
  ticketsOf,
} from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, drainJobs } from './harness';

const t = buildTestApp();
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const refund = (orderId: string, body: unknown = {}) =>
  world.owner.post(`/api/orders/${orderId}/refund`, body);

describe('POST /api/orders/{id}/refund', () => {
  it('refunds the whole order: refunded, tickets void, seats back on sale', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 3 }]);
    const type = types[0]!;
    const order = await buyOk(world.anonymous, orderBody(event, [[type, 3]]));
    expectProblem(await reserve(world.anonymous, orderBody(event, [[type, 1]])), 409, 'SOLD_OUT');

    const res = await refund(order.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'refunded', refundedCents: 7500, totalCents: 7500 });
    expect(res.body.tickets.map((ticket: { status: string }) => ticket.status)).toEqual([
      'void',
      'void',
      'void',
    ]);
    expect(await refundsOf(pool, order.id)).toEqual([{ amount_cents: 7500, reason: 'organizer' }]);
    expect(await stockOf(pool, type.id)).toEqual({ sold: 0, held: 0, capacity: 3 });
    // The buyer sees it too.
    const read = await world.anonymous.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(read.body.status).toBe('refunded');
    // And the seats can be bought again.
    await buyOk(world.anonymous, orderBody(event, [[type, 3]]));
    await expectStockInvariants(pool, event.id);
    // A refunded order cannot be refunded again.
    expectProblem(await refund(order.id), 409, 'ORDER_NOT_REFUNDABLE');
  });

  it('a partial amount keeps the tickets valid; the rest then completes the refund', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 5 }]);
    const type = types[0]!;
    const order = await buyOk(world.anonymous, orderBody(event, [[type, 2]]));
    const partial = await refund(order.id, { amountCents: 1200 });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body).toMatchObject({ status: 'partially_refunded', refundedCents: 1200 });
    expect(partial.body.tickets.every((ticket: { status: string }) => ticket.status === 'valid')).toBe(true);
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 2 });

    expectProblem(await refund(order.id, { amountCents: 3801 }), 422, 'REFUND_TOO_LARGE');
    expect((await orderRow(pool, order.id))?.refunded_cents).toBe(1200);

    const rest = await refund(order.id);
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body).toMatchObject({ status: 'refunded', refundedCents: 5000 });
    expect(rest.body.tickets.every((ticket: { status: string }) => ticket.status === 'void')).toBe(true);
    expect((await refundsOf(pool, order.id)).map((r) => r.amount_cents)).toEqual([1200, 3800]);
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 0, held: 0 });
    await expectStockInvariants(pool, event.id);
  });

  it('refunding chosen tickets voids those and puts their seats back', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 3 }]);
    const type = types[0]!;
    const order = await buyOk(world.anonymous, orderBody(event, [[type, 3]]));
    const [first, second, third] = order.tickets!;
    const res = await refund(order.id, { ticketIds: [first!.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'partially_refunded', refundedCents: 2500 });
    const statusOf = (id: string) =>
      res.body.tickets.find((ticket: { id: string }) => ticket.id === id)?.status;
    expect([statusOf(first!.id), statusOf(second!.id), statusOf(third!.id)]).toEqual([
      'void',
      'valid',
      'valid',
    ]);
    expect(await stockOf(pool, type.id)).toEqual({ sold: 2, held: 0, capacity: 3 });
    // Its seat is on sale again.
    await buyOk(world.anonymous, orderBody(event, [[type, 1]]));

    // A ticket already void cannot be refunded twice; an unknown one is refused.
    expectProblem(await refund(order.id, { ticketIds: [first!.id] }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await refund(order.id, { ticketIds: ['00000000-0000-4000-8000-000000000000'] }),
      400,
      'VALIDATION_FAILED',
    );

    const rest = await refund(order.id, { ticketIds: [second!.id, third!.id] });
    expect(rest.body).toMatchObject({ status: 'refunded', refundedCents: 7500 });
    expect(await stockOf(pool, type.id)).toEqual({ sold: 1, held: 0, capacity: 3 });
    await expectStockInvariants(pool, event.id);
  });

  it('shares a discount over refunded tickets in proportion to their price', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 5 }]);
    await createPromo(world.owner, event.id, { code: 'TWENTY', percentOff: 20 });
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 2]], { promoCode: 'TWENTY' }));
    expect(order.totalCents).toBe(1600);
    const res = await refund(order.id, { ticketIds: [order.tickets![0]!.id] });
    expect(res.body).toMatchObject({ status: 'partially_refunded', refundedCents: 800 });
  });

  it('422 REFUND_TOO_LARGE above what is left, changing nothing', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 5 }]);
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const res = await refund(order.id, { amountCents: 2501 });
    expectProblem(res, 422, 'REFUND_TOO_LARGE');
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'amountCents' })]);
    expect(await refundsOf(pool, order.id)).toEqual([]);
    expect(await orderRow(pool, order.id)).toMatchObject({ status: 'paid', refunded_cents: 0 });
    expect((await ticketsOf(pool, order.id)).map((ticket) => ticket.status)).toEqual(['valid']);
  });

  it('409 ORDER_NOT_REFUNDABLE for an order not paid yet (or cancelled)', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 5 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    expectProblem(await refund(order.id), 409, 'ORDER_NOT_REFUNDABLE');
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 1, sold: 0 });
    expect((await cancel(world.anonymous, order)).status).toBe(200);
    expectProblem(await refund(order.id, { amountCents: 1 }), 409, 'ORDER_NOT_REFUNDABLE');
    expect(await refundsOf(pool, order.id)).toEqual([]);
  });

  // A refund by ticketIds of a free order (amount 0) voids only the tickets asked for.
  it('refunding one ticket of a free order voids only that ticket', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'Free', priceCents: 0, capacity: 5 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    expect(order.status).toBe('paid');
    const res = await refund(order.id, { ticketIds: [order.tickets![0]!.id] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tickets.map((ticket: { status: string }) => ticket.status).sort()).toEqual([
      'valid',
      'void',
    ]);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ sold: 1 });
  });

  // Ticket refunds share a discounted total out by price; the last ticket takes what is left, so
  // 3 x 100 with 50 off (total 250) refunded one by one gives back exactly 250.
  it('refunding every ticket one by one refunds the whole total', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 100, capacity: 5 }]);
    await createPromo(world.owner, event.id, { code: 'FIFTY', amountOffCents: 50 });
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 3]], { promoCode: 'FIFTY' }));
    expect(order.totalCents).toBe(250);
    for (const ticket of order.tickets!) await refund(order.id, { ticketIds: [ticket.id] });
    expect(await orderRow(pool, order.id)).toMatchObject({ status: 'refunded', refunded_cents: 250 });
  });
});

describe('POST /api/orders/{id}/cancel (buyer)', () => {
  it('cancels a reserved order: seats and promo use released, cancelling again is harmless', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 2 }]);
    const type = types[0]!;
    const promo = await createPromo(world.owner, event.id, { code: 'CXL', percentOff: 10 });
    const order = await reserveOk(world.anonymous, orderBody(event, [[type, 2]], { promoCode: 'CXL' }));
    expect(await stockOf(pool, type.id)).toMatchObject({ held: 2 });
    const res = await cancel(world.anonymous, order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ id: order.id, status: 'cancelled', accessToken: order.accessToken });
    expect(await stockOf(pool, type.id)).toEqual({ sold: 0, held: 0, capacity: 2 });
    expect(await promoUses(pool, promo.id)).toBe(0);
    expect((await orderRow(pool, order.id))?.closed_at).not.toBeNull();

    const again = await cancel(world.anonymous, order);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('cancelled');
    expect(await stockOf(pool, type.id)).toEqual({ sold: 0, held: 0, capacity: 2 });
    await reserveOk(world.anonymous, orderBody(event, [[type, 2]]));
    await expectStockInvariants(pool, event.id);
  });

  it('409 ORDER_NOT_CANCELLABLE for a paid order, which stays paid', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 2 }]);
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    expectProblem(await cancel(world.anonymous, order), 409, 'ORDER_NOT_CANCELLABLE');
    expect((await orderRow(pool, order.id))?.status).toBe('paid');
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ sold: 1, held: 0 });
    // A refunded one neither.
    await refund(order.id);
    expectProblem(await cancel(world.anonymous, order), 409, 'ORDER_NOT_CANCELLABLE');
  });
});

describe('cancelling an event', () => {
  /** Paid orders (one partly refunded, one free), live holds, and the numbers before. */
  async function busyEvent() {
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 2500, capacity: 20 },
      { name: 'Free', priceCents: 0, capacity: 20 },
    ]);
    const [ga, free] = types as [(typeof types)[0], (typeof types)[0]];
    const paidA = await buyOk(world.anonymous, orderBody(event, [[ga, 2]]));
    const paidB = await buyOk(
      world.anonymous,
      orderBody(event, [
        [ga, 1],
        [free, 1],
      ]),
    );
    expect((await refund(paidB.id, { amountCents: 500 })).status).toBe(200);
    const freeOrder = await reserveOk(world.anonymous, orderBody(event, [[free, 2]]));
    expect(freeOrder.status).toBe('paid');
    const heldA = await reserveOk(world.anonymous, orderBody(event, [[ga, 3]]));
    const heldB = await reserveOk(
      world.anonymous,
      orderBody(event, [
        [ga, 1],
        [free, 1],
      ]),
    );
    return { event, ga, free, paid: [paidA, paidB], freeOrder, held: [heldA, heldB] };
  }

  async function expectSettled(sale: Awaited<ReturnType<typeof busyEvent>>) {
    const [paidA, paidB] = sale.paid;
    expect(await orderRow(pool, paidA!.id)).toMatchObject({ status: 'refunded', refunded_cents: 5000 });
    expect(await orderRow(pool, paidB!.id)).toMatchObject({ status: 'refunded', refunded_cents: 2500 });
    expect((await orderRow(pool, sale.freeOrder.id))?.status).toBe('refunded');
    for (const held of sale.held) expect((await orderRow(pool, held.id))?.status).toBe('cancelled');
    expect((await refundsOf(pool, paidA!.id)).map((r) => [r.amount_cents, r.reason])).toEqual([
      [5000, 'event_cancelled'],
    ]);
    expect((await refundsOf(pool, paidB!.id)).map((r) => [r.amount_cents, r.reason])).toEqual([
      [500, 'organizer'],
      [2000, 'event_cancelled'],
    ]);
    for (const order of [...sale.paid, sale.freeOrder])
      expect((await ticketsOf(pool, order.id)).every((ticket) => ticket.status === 'void')).toBe(true);
    expect(await stockOf(pool, sale.ga.id)).toMatchObject({ sold: 0, held: 0 });
    expect(await stockOf(pool, sale.free.id)).toMatchObject({ sold: 0, held: 0 });
    // A buyer whose hold was closed cannot pay any more.
    expectProblem(await pay(world.anonymous, sale.held[0]!), 409, 'ORDER_NOT_PAYABLE');
    await expectStockInvariants(pool, sale.event.id);
  }

  it('POST /api/events/{id}/cancel refunds every paid order and cancels every hold', async () => {
    const sale = await busyEvent();
    const res = await world.owner.post(`/api/events/${sale.event.id}/cancel`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('cancelled');
    // The refunds run in the background, on the workers.
    await drainJobs(t, [REFUND_CANCELLED_ORDER]);
    await expectSettled(sale);
  });

  it('cancelling again, and its refund jobs running again, change nothing', async () => {
    const sale = await busyEvent();
    expect((await world.owner.post(`/api/events/${sale.event.id}/cancel`)).status).toBe(200);
    await drainJobs(t, [REFUND_CANCELLED_ORDER]);
    await expectSettled(sale);

    // A repeated cancel queues again whatever is still unrefunded: nothing is.
    const again = await world.owner.post(`/api/events/${sale.event.id}/cancel`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'cancelled', refundsPending: 0 });
    expect(await drainJobs(t, [REFUND_CANCELLED_ORDER])).toBe(0);
    await expectSettled(sale);
    expect((await refundsOf(pool, sale.paid[0]!.id)).length).toBe(1);
    // Nobody can buy any more.
    expectProblem(
      await reserve(world.anonymous, orderBody(sale.event, [[sale.ga, 1]], { buyer: buyer() })),
      422,
      'EVENT_NOT_ON_SALE',
    );
  });
});

describe('invariant 2 after a scripted mix', () => {
  it('for every ticket type, valid tickets = sold, and held = live holds', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 2500, capacity: 30 },
      { name: 'VIP', priceCents: 9000, capacity: 6 },
      { name: 'Free', priceCents: 0, capacity: 10 },
    ]);
    const [ga, vip, free] = types as [(typeof types)[0], (typeof types)[0], (typeof types)[0]];
    await createPromo(world.owner, event.id, { code: 'MIX', percentOff: 30, ticketTypeIds: [vip.id] });
    const a = await buyOk(
      world.anonymous,
      orderBody(event, [
        [ga, 3],
        [vip, 2],
      ]),
    );
    const b = await buyOk(
      world.anonymous,
      orderBody(
        event,
        [
          [vip, 2],
          [free, 1],
        ],
        { promoCode: 'mix' },
      ),
    );
    const c = await buyOk(world.anonymous, orderBody(event, [[ga, 4]]));
    await reserveOk(world.anonymous, orderBody(event, [[free, 3]])); // free: paid at once
    const held = await reserveOk(world.anonymous, orderBody(event, [[ga, 2]]));
    const cancelled = await reserveOk(world.anonymous, orderBody(event, [[vip, 1]]));
    await cancel(world.anonymous, cancelled);
    const declined = await reserveOk(world.anonymous, orderBody(event, [[ga, 1]]));
    await pay(world.anonymous, declined, '4000000000000002');
    expectProblem(await reserve(world.anonymous, orderBody(event, [[vip, 3]])), 409, 'SOLD_OUT');
    await expectStockInvariants(pool, event.id);

    await refund(a.id, { ticketIds: [a.tickets!.find((ticket) => ticket.ticketTypeId === vip.id)!.id] });
    await refund(b.id, { amountCents: 100 });
    await refund(c.id);
    await expectStockInvariants(pool, event.id);
    await buyOk(world.anonymous, orderBody(event, [[vip, 2]]));
    await cancel(world.anonymous, held);
    await expectStockInvariants(pool, event.id);

    const { rows } = await pool.query<{ id: string; sold: number; live: number }>(
      `SELECT tt.id, tt.sold,
         (SELECT count(*) FROM tickets t WHERE t.ticket_type_id = tt.id AND t.status IN ('valid', 'checked_in'))::int AS live
       FROM ticket_types tt WHERE tt.event_id = $1 ORDER BY tt.id`,
      [event.id],
    );
    for (const row of rows) expect(row.live, row.id).toBe(row.sold);
    const byId = Object.fromEntries(rows.map((row) => [row.id, row.sold]));
    expect(byId).toEqual({ [ga.id]: 3, [vip.id]: 5, [free.id]: 4 });
  });
});
