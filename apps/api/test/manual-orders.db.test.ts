import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';
import { checkIn, expectProblem } from './insight-helpers';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = buildTestApp();
  world = await createWorld(t.app, t.database.db);
});

const guest = (label: string) => ({ name: `Guest ${label}`, email: `guest-${label}@example.test` });

async function confirmations(orderId: string): Promise<number> {
  const result = await t.database.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM emails WHERE order_id = ${orderId} AND kind = 'order_confirmation'`,
  );
  return result.rows[0]?.n ?? 0;
}

describe('POST /api/events/{eventId}/orders (organizer orders)', () => {
  it('issues comp and cash orders against capacity, paid at once, marked in the list and export', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 3000, capacity: 5 }]);
    const type = types[0];
    if (!type) throw new Error('no ticket type');
    const comp = await world.owner.post(`/api/events/${event.id}/orders`, {
      items: [{ ticketTypeId: type.id, quantity: 2 }],
      buyer: guest('press'),
      paymentMethod: 'comp',
    });
    expect(comp.status, JSON.stringify(comp.body)).toBe(201);
    expect(comp.body).toMatchObject({
      status: 'paid',
      paymentMethod: 'comp',
      subtotalCents: 6000,
      totalCents: 0,
    });
    expect(comp.body.tickets).toHaveLength(2);
    expect(await confirmations(comp.body.id)).toBe(1);

    const cash = await world.admin.post(`/api/events/${event.id}/orders`, {
      items: [{ ticketTypeId: type.id, quantity: 1 }],
      buyer: guest('door'),
      paymentMethod: 'cash',
      sendEmail: false,
    });
    expect(cash.status, JSON.stringify(cash.body)).toBe(201);
    expect(cash.body).toMatchObject({ status: 'paid', paymentMethod: 'cash', totalCents: 3000 });
    expect(await confirmations(cash.body.id)).toBe(0);
    // The tickets open the door like any others.
    expect((await checkIn(world.staff, event.id, cash.body.tickets[0].qr)).status).toBe(200);

    const after = await world.owner.get(`/api/events/${event.id}`);
    expect(after.body.ticketTypes[0]).toMatchObject({ sold: 3, available: 2 });
    // The dashboard tells the box office from the checkout: comp brings nothing in, cash its price.
    const stats = await world.staff.get(`/api/events/${event.id}/stats`);
    expect(stats.body.byChannel).toEqual([
      { channel: 'online', orders: 0, tickets: 0, revenueCents: 0 },
      { channel: 'comp', orders: 1, tickets: 2, revenueCents: 0 },
      { channel: 'cash', orders: 1, tickets: 1, revenueCents: 3000 },
    ]);
    expect(stats.body).toMatchObject({ ticketsSold: 3, revenueCents: 3000 });
    const listed = await world.owner.get(`/api/events/${event.id}/orders`);
    expect(
      listed.body.items.map((item: { paymentMethod: string | null }) => item.paymentMethod).sort(),
    ).toEqual(['cash', 'comp']);
    const csv = (await world.owner.get(`/api/events/${event.id}/orders.csv`)).text;
    expect(csv).toContain(',comp');
    expect(csv).toContain(',cash');

    // More than is left: nothing taken, what is left said.
    const tooMany = await world.owner.post(`/api/events/${event.id}/orders`, {
      items: [{ ticketTypeId: type.id, quantity: 3 }],
      buyer: guest('late'),
      paymentMethod: 'comp',
    });
    expectProblem(tooMany, 409, 'SOLD_OUT');
    expect(tooMany.body.remaining).toEqual([{ ticketTypeId: type.id, available: 2 }]);
    expect((await world.owner.get(`/api/events/${event.id}`)).body.ticketTypes[0].sold).toBe(3);

    // A cash order is refunded over the counter: recorded, tickets void, seats back on sale.
    const refund = await world.owner.post(`/api/orders/${cash.body.id}/refund`, {});
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body).toMatchObject({ status: 'refunded', refundedCents: 3000 });
    expect((await world.owner.get(`/api/events/${event.id}`)).body.ticketTypes[0].sold).toBe(2);
  });

  it('is for owners and admins only, and refuses bad input without taking stock', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 3000, capacity: 5 }]);
    const other = await openSale(t, world, [{ name: 'Other', priceCents: 100, capacity: 5 }]);
    const type = types[0];
    if (!type) throw new Error('no ticket type');
    const body = {
      items: [{ ticketTypeId: type.id, quantity: 1 }],
      buyer: guest('x'),
      paymentMethod: 'comp',
    };
    expectProblem(await world.staff.post(`/api/events/${event.id}/orders`, body), 403, 'FORBIDDEN');
    expect((await world.outsider.post(`/api/events/${event.id}/orders`, body)).status).toBe(404);
    expect((await world.anonymous.post(`/api/events/${event.id}/orders`, body)).status).toBe(401);
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/orders`, { ...body, paymentMethod: 'card' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/orders`, {
        ...body,
        items: [{ ticketTypeId: other.types[0]?.id, quantity: 1 }],
      }),
      422,
      'TICKET_TYPE_NOT_IN_EVENT',
    );
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/orders`, {
        ...body,
        items: [{ ticketTypeId: randomUUID(), quantity: 1 }],
      }),
      422,
      'TICKET_TYPE_NOT_IN_EVENT',
    );
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/orders`, {
        ...body,
        items: [{ ticketTypeId: type.id, quantity: 0 }],
      }),
      422,
      'QUANTITY_OUT_OF_RANGE',
    );
    expect((await world.owner.get(`/api/events/${event.id}`)).body.ticketTypes[0].sold).toBe(0);
  });
});
