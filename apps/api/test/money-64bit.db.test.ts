import { beforeAll, describe, expect, it } from 'vitest';
import {
  buyer,
  buyOk,
  createPromo,
  expectProblem,
  expectStockInvariants,
  openSale,
  orderBody,
  reserveOk,
} from './checkout-helpers';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * Money is 64-bit: prices up to 100,000,000 minor units, order totals up to 10^12. With 32-bit
 * columns and arithmetic, 100 x 2,500.00 with a 100% code or 22 x 1,000,000.00 answered 400 "value
 * out of range".
 */
const t = buildTestApp();
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const TOP_PRICE = 100_000_000;

async function bigSale(types: Array<{ name: string; priceCents: number }>) {
  const { event, ticketTypes } = await createEvent(t.database.db, world, {
    input: { maxTicketsPerBuyer: 10_000 },
    ticketTypes: types.map((type) => ({ ...type, capacity: 1_000, maxPerOrder: 100 })),
    publish: true,
  });
  return { event, types: ticketTypes };
}

describe('64-bit money', () => {
  it('100 x 2,500.00 with a 100% code: the discount is computed in 64 bits', async () => {
    const { event, types } = await bigSale([{ name: 'Gala', priceCents: 250_000 }]);
    await createPromo(world.owner, event.id, { code: 'ALLFREE', percentOff: 100 });
    const order = await reserveOk(
      world.anonymous,
      orderBody(event, [[types[0]!, 100]], { promoCode: 'ALLFREE' }),
    );
    expect(order).toMatchObject({ subtotalCents: 25_000_000, discountCents: 25_000_000, totalCents: 0 });
    expect(order.status).toBe('paid');
  });

  it('22 x 1,000,000.00 is sold, paid, refunded in part and counted, to the cent', async () => {
    const { event, types } = await bigSale([{ name: 'Suite', priceCents: TOP_PRICE }]);
    const paid = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 22]]));
    expect(paid).toMatchObject({ subtotalCents: 2_200_000_000, totalCents: 2_200_000_000, status: 'paid' });
    const refund = await world.owner.post(`/api/orders/${paid.id}/refund`, { amountCents: 2_100_000_000 });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body).toMatchObject({ status: 'partially_refunded', refundedCents: 2_100_000_000 });
    const stats = await world.owner.get(`/api/events/${event.id}/stats`);
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      revenueCents: 100_000_000,
      refundsCents: 2_100_000_000,
      ticketsSold: 22,
    });
    const list = await world.owner.get(`/api/events/${event.id}/orders`);
    expect(list.body.items[0]).toMatchObject({ totalCents: 2_200_000_000, refundedCents: 2_100_000_000 });
    await expectStockInvariants(pool, event.id);
  });

  it('the largest order the rules allow (2 types x 100 at the top price) fits', async () => {
    const { event, types } = await bigSale([
      { name: 'A', priceCents: TOP_PRICE },
      { name: 'B', priceCents: TOP_PRICE },
    ]);
    const order = await reserveOk(
      world.anonymous,
      orderBody(event, [
        [types[0]!, 100],
        [types[1]!, 100],
      ]),
    );
    expect(order.totalCents).toBe(20_000_000_000);
    const { rows } = await pool.query<{ total: number }>(
      'SELECT total_cents AS total FROM orders WHERE id = $1',
      [order.id],
    );
    expect(rows[0]?.total).toBe(20_000_000_000);
  });

  it('refuses a price above 100,000,000 minor units and a refund above 10^12 with 400', async () => {
    const { event } = await openSale(t, world, [{ name: 'GA', priceCents: 1_000, capacity: 10 }]);
    const tooDear = await world.owner.post(`/api/events/${event.id}/ticket-types`, {
      name: 'Too dear',
      priceCents: TOP_PRICE + 1,
      capacity: 1,
    });
    expectProblem(tooDear, 400, 'VALIDATION_FAILED');
    const promo = await world.owner.post(`/api/events/${event.id}/promo-codes`, {
      code: 'HUGE',
      amountOffCents: TOP_PRICE + 1,
    });
    expectProblem(promo, 400, 'VALIDATION_FAILED');
    const paid = await buyOk(
      world.anonymous,
      orderBody(event, [[event.ticketTypes?.[0]?.id ?? '', 1]], { buyer: buyer() }),
    );
    const refund = await world.owner.post(`/api/orders/${paid.id}/refund`, {
      amountCents: 1_000_000_000_001,
    });
    expectProblem(refund, 400, 'VALIDATION_FAILED');
  });
});
