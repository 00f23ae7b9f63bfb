import type request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buyOk,
  cancel,
  DECLINED_CARD,
  expectProblem,
  expectStockInvariants,
  GOOD_CARD,
  openSale,
  orderBody,
  orderRow,
  type OrderView,
  pay,
  paymentsOf,
  reserveOk,
  stockOf,
  TICKET_CODE,
  ticketsOf,
} from './checkout-helpers';
import { type Actor, createActor, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

const t = buildTestApp();
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

/** Keeps a PDF as bytes, and still reads a problem document as JSON. */
function binary(res: request.Response, callback: (error: Error | null, body: unknown) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => {
    const bytes = Buffer.concat(chunks);
    const isJson = /json/.test(String(res.headers['content-type']));
    callback(null, isJson ? JSON.parse(bytes.toString('utf8')) : bytes);
  });
}

const pdf = (actor: Actor, orderId: string, ticketId: string, token?: string) =>
  actor
    .get(`/api/orders/${orderId}/tickets/${ticketId}.pdf${token === undefined ? '' : `?token=${token}`}`)
    .buffer(true)
    .parse(binary);

describe('POST /api/orders/{id}/pay with the test provider', () => {
  it('4242... pays: 200 paid, one ticket per seat with a short code and a signed QR', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 2500, capacity: 10 },
      { name: 'VIP', priceCents: 9000, capacity: 5 },
    ]);
    const [ga, vip] = types as [(typeof types)[0], (typeof types)[0]];
    const order = await reserveOk(
      world.anonymous,
      orderBody(
        event,
        [
          [ga, 2],
          [vip, 1],
        ],
        { buyer: { name: 'Grace Hopper', email: 'grace@example.test' } },
      ),
    );
    const res = await pay(world.anonymous, order, GOOD_CARD);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: order.id,
      status: 'paid',
      totalCents: 14_000,
      payment: { provider: 'test', status: 'succeeded' },
    });
    expect(res.body.accessToken).toBe(order.accessToken);
    expect(Date.parse(res.body.paidAt)).not.toBeNaN();
    const tickets = res.body.tickets as NonNullable<OrderView['tickets']>;
    expect(tickets).toHaveLength(3);
    expect(tickets.filter((ticket) => ticket.ticketTypeId === ga.id)).toHaveLength(2);
    expect(tickets.filter((ticket) => ticket.ticketTypeId === vip.id)).toHaveLength(1);
    for (const ticket of tickets) {
      expect(ticket.code).toMatch(TICKET_CODE);
      expect(ticket.qr.startsWith('ZE1.')).toBe(true);
      expect(ticket).toMatchObject({ status: 'valid', attendeeName: 'Grace Hopper', checkedInAt: null });
    }
    expect(new Set(tickets.map((ticket) => ticket.code)).size).toBe(3);
    expect(new Set(tickets.map((ticket) => ticket.qr)).size).toBe(3);

    expect(await stockOf(pool, ga.id)).toEqual({ sold: 2, held: 0, capacity: 10 });
    expect(await stockOf(pool, vip.id)).toEqual({ sold: 1, held: 0, capacity: 5 });
    expect(await paymentsOf(pool, order.id)).toEqual([{ status: 'succeeded', amount_cents: 14_000 }]);
    const read = await world.anonymous.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(read.body).toEqual(res.body);
    await expectStockInvariants(pool, event.id);
  });

  it('4000...0002 is declined: 402, the hold stays, and a good card then pays', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 4 }]);
    const type = types[0]!;
    const order = await reserveOk(world.anonymous, orderBody(event, [[type, 2]]));
    const declined = await pay(world.anonymous, order, DECLINED_CARD);
    expectProblem(declined, 402, 'PAYMENT_DECLINED');
    expect(await stockOf(pool, type.id)).toEqual({ sold: 0, held: 2, capacity: 4 });
    const read = await world.anonymous.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(read.body).toMatchObject({ status: 'reserved', tickets: [], payment: { status: 'failed' } });
    expect(await ticketsOf(pool, order.id)).toEqual([]);

    // Any other number is declined too.
    expectProblem(await pay(world.anonymous, order, '5555555555554444'), 402, 'PAYMENT_DECLINED');
    const paid = await pay(world.anonymous, order, '4242 4242 4242 4242');
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('paid');
    expect(paid.body.tickets).toHaveLength(2);
    const payments = await paymentsOf(pool, order.id);
    expect(payments.map((p) => p.status)).toEqual(['failed', 'failed', 'succeeded']);
    expect(await stockOf(pool, type.id)).toEqual({ sold: 2, held: 0, capacity: 4 });
  });

  it('paying a paid order again answers 200 and charges nothing more', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 4 }]);
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    const again = await pay(world.anonymous, order, GOOD_CARD);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('paid');
    expect(again.body.tickets.map((ticket: { id: string }) => ticket.id)).toEqual(
      order.tickets?.map((ticket) => ticket.id),
    );
    expect(await paymentsOf(pool, order.id)).toEqual([{ status: 'succeeded', amount_cents: 5000 }]);
    expect(await ticketsOf(pool, order.id)).toHaveLength(2);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ sold: 2, held: 0 });
  });

  it('409 ORDER_NOT_PAYABLE for a cancelled order, charging nothing', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 4 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    expect((await cancel(world.anonymous, order)).status).toBe(200);
    expectProblem(await pay(world.anonymous, order, GOOD_CARD), 409, 'ORDER_NOT_PAYABLE');
    expect(await paymentsOf(pool, order.id)).toEqual([]);
    expect((await orderRow(pool, order.id))?.status).toBe('cancelled');
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ sold: 0, held: 0 });
  });

  it('409 ORDER_NOT_PAYABLE once the event is cancelled, charging nothing', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 4 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    expect((await world.owner.post(`/api/events/${event.id}/cancel`)).status).toBe(200);
    expectProblem(await pay(world.anonymous, order, GOOD_CARD), 409, 'ORDER_NOT_PAYABLE');
    expect(await paymentsOf(pool, order.id)).toEqual([]);
    expect(await ticketsOf(pool, order.id)).toEqual([]);
  });

  it('400 without a card number (the test provider needs one)', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 4 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const res = await world.anonymous.post(`/api/orders/${order.id}/pay?token=${order.accessToken}`, {});
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expectProblem(
      await world.anonymous.post(`/api/orders/${order.id}/pay?token=${order.accessToken}`, { card: 42 }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await orderRow(pool, order.id))?.status).toBe('reserved');
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 1, sold: 0 });
  });
});

describe('a free order', () => {
  it('is 201 already paid with its tickets, and no payment', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'Free', priceCents: 0, capacity: 5 }]);
    const res = await world.anonymous.post('/api/orders', orderBody(event, [[types[0]!, 2]]));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ status: 'paid', subtotalCents: 0, totalCents: 0 });
    expect(res.body.accessToken).toEqual(expect.any(String));
    expect(Date.parse(res.body.paidAt)).not.toBeNaN();
    expect(res.body.tickets).toHaveLength(2);
    for (const ticket of res.body.tickets) expect(ticket.code).toMatch(TICKET_CODE);
    expect(await paymentsOf(pool, res.body.id)).toEqual([]);
    expect(await stockOf(pool, types[0]!.id)).toEqual({ sold: 2, held: 0, capacity: 5 });
    // "Paying" it changes nothing.
    const again = await pay(world.anonymous, res.body, GOOD_CARD);
    expect(again.status).toBe(200);
    expect(again.body.tickets).toHaveLength(2);
    expect(await paymentsOf(pool, res.body.id)).toEqual([]);
    await expectStockInvariants(pool, event.id);
  });
});

describe('GET /api/orders/{id}/tickets/{ticketId}.pdf', () => {
  it('200 application/pdf for the buyer, by token or by session', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const ticket = order.tickets![0]!;
    const res = await pdf(world.anonymous, order.id, ticket.id, order.accessToken);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pdf/);
    expect((res.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const sessionBuyer = await createActor(t.app, t.database.db);
    const mine = await buyOk(sessionBuyer, orderBody(event, [[types[0]!, 1]]));
    const bySession = await pdf(sessionBuyer, mine.id, mine.tickets![0]!.id);
    expect(bySession.status).toBe(200);
    expect(bySession.headers['content-type']).toMatch(/^application\/pdf/);
  });

  it('404 for a wrong token, another order’s ticket, an organizer, or a ticket not issued yet', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const other = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const ticketId = order.tickets![0]!.id;
    expectProblem(await pdf(world.anonymous, order.id, ticketId, 'wrong-token'), 404, 'NOT_FOUND');
    expectProblem(await pdf(world.anonymous, order.id, ticketId, other.accessToken), 404, 'NOT_FOUND');
    expectProblem(await pdf(world.anonymous, order.id, ticketId), 404, 'NOT_FOUND');
    // The other order's ticket under this order's token.
    expectProblem(
      await pdf(world.anonymous, order.id, other.tickets![0]!.id, order.accessToken),
      404,
      'NOT_FOUND',
    );
    expectProblem(await pdf(world.anonymous, other.id, ticketId, order.accessToken), 404, 'NOT_FOUND');
    // Organizers read orders, but tickets are the buyer's.
    for (const organizer of [world.owner, world.admin, world.staff])
      expectProblem(await pdf(organizer, order.id, ticketId), 404, 'NOT_FOUND');
    expectProblem(await pdf(world.outsider, order.id, ticketId), 404, 'NOT_FOUND');
    expectProblem(
      await pdf(world.anonymous, order.id, '00000000-0000-4000-8000-000000000000', order.accessToken),
      404,
      'NOT_FOUND',
    );
    const reserved = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    expectProblem(await pdf(world.anonymous, reserved.id, ticketId, reserved.accessToken), 404, 'NOT_FOUND');
  });
});
