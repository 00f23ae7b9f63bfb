import { beforeAll, describe, expect, it } from 'vitest';
import { expireDueHolds } from '../src/modules/orders/hold-expiry';
import { ManualClock } from '../src/shared/clock';
import {
  buyer,
  cancel,
  countOrders,
  createPromo,
  expectProblem,
  expectStockInvariants,
  openSale,
  orderBody,
  orderRow,
  pay,
  paymentsOf,
  promoUses,
  reserve,
  reserveOk,
  stockOf,
  ticketsOf,
} from './checkout-helpers';
import { anonymous, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * Holds running out. Organizer actions (sessions made with the real time) go through a system-clock
 * app; buyers go through an app on a ManualClock sharing the same database.
 *
 * expireDueHolds() sweeps the whole database, so each test's clock starts weeks in the past (and a
 * different day per test): a sweep at "then + 16 minutes" can only reach holds made by these
 * tests, never the real-time holds other test files are working with in parallel.
 */

const t = buildTestApp();
const { pool } = t.database;
let world: World;
let epoch = 0;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const MINUTE = 60_000;
const HOLD = 15 * MINUTE;

function buyerSide() {
  epoch += 1;
  const clock = new ManualClock(new Date(Date.now() - (60 - epoch) * 86_400_000));
  const app = buildTestApp({ clock });
  return { clock, buyerActor: anonymous(app.app) };
}

describe('a hold past its deadline', () => {
  it('reads as expired at once, before any job has run', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 5 }]);
    const order = await reserveOk(buyerActor, orderBody(event, [[types[0]!, 2]]));
    expect(order.expiresAt).toBe(new Date(clock.now().getTime() + HOLD).toISOString());

    clock.advance(HOLD - 1);
    const justBefore = await buyerActor.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(justBefore.body.status).toBe('reserved');

    clock.advance(1);
    const atDeadline = await buyerActor.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(atDeadline.status).toBe(200);
    expect(atDeadline.body.status).toBe('expired');
    // Nothing has closed it yet: the row still says reserved and the seats are still counted.
    expect((await orderRow(pool, order.id))?.status).toBe('reserved');
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 2, sold: 0 });
  });

  it('never blocks a sale: a new buyer gets the seats of expired holds (released inline)', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 3 }]);
    const type = types[0]!;
    const a = await reserveOk(buyerActor, orderBody(event, [[type, 2]]));
    const b = await reserveOk(buyerActor, orderBody(event, [[type, 1]]));
    expectProblem(await reserve(buyerActor, orderBody(event, [[type, 1]])), 409, 'SOLD_OUT');

    clock.advance(HOLD + MINUTE);
    const late = await reserve(buyerActor, orderBody(event, [[type, 3]]));
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect(late.body.status).toBe('reserved');
    for (const old of [a, b]) expect((await orderRow(pool, old.id))?.status).toBe('expired');
    expect(await stockOf(pool, type.id)).toEqual({ sold: 0, held: 3, capacity: 3 });
    await expectStockInvariants(pool, event.id);
  });

  it('never blocks a promo code: uses held by expired orders of another ticket type come back', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 2000, capacity: 10 },
      { name: 'VIP', priceCents: 9000, capacity: 10 },
    ]);
    const [ga, vip] = [types[0]!, types[1]!];
    await createPromo(world.owner, event.id, { code: 'FLASH', percentOff: 10, maxUses: 2 });
    for (let i = 0; i < 2; i++)
      await reserveOk(buyerActor, orderBody(event, [[vip, 1]], { promoCode: 'FLASH' }));
    expectProblem(
      await reserve(buyerActor, orderBody(event, [[ga, 1]], { promoCode: 'FLASH' })),
      422,
      'PROMO_CODE_INVALID',
    );

    clock.advance(HOLD + MINUTE);
    const late = await reserve(buyerActor, orderBody(event, [[ga, 1]], { promoCode: 'FLASH' }));
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect(late.body.discountCents).toBe(200);
    await expectStockInvariants(pool, event.id);
  });

  it('ticket type ids in upper case get the same answers (a sold-out type is SOLD_OUT)', async () => {
    const { buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 1 }]);
    const type = types[0]!;
    const upper = { ...orderBody(event, [[type.id.toUpperCase(), 1]]), eventId: event.id.toUpperCase() };
    const first = await reserve(buyerActor, upper);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.items[0].ticketTypeId).toBe(type.id);
    expectProblem(await reserve(buyerActor, upper), 409, 'SOLD_OUT');
  });

  it('SOLD_OUT counts seats of expired holds as available', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 3 }]);
    const type = types[0]!;
    await reserveOk(buyerActor, orderBody(event, [[type, 2]]));
    clock.advance(5 * MINUTE);
    await reserveOk(buyerActor, orderBody(event, [[type, 1]]));
    clock.advance(HOLD - 4 * MINUTE); // the first hold is past its deadline, the second is not
    const res = await reserve(buyerActor, orderBody(event, [[type, 3]]));
    expectProblem(res, 409, 'SOLD_OUT');
    expect(res.body.remaining).toEqual([{ ticketTypeId: type.id, available: 2 }]);
    // The inline release already gave the expired seats back, so 2 can be had.
    await reserveOk(buyerActor, orderBody(event, [[type, 2]]));
  });

  it('is closed by expireDueHolds: status expired, seats and promo use given back', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 2000, capacity: 10 },
      { name: 'VIP', priceCents: 9000, capacity: 2 },
    ]);
    const [ga, vip] = types as [(typeof types)[0], (typeof types)[0]];
    const promo = await createPromo(world.owner, event.id, { code: 'SWEEP', percentOff: 10, maxUses: 2 });
    const expiring = await reserveOk(
      buyerActor,
      orderBody(
        event,
        [
          [ga, 3],
          [vip, 2],
        ],
        { promoCode: 'sweep' },
      ),
    );
    clock.advance(10 * MINUTE);
    const live = await reserveOk(buyerActor, orderBody(event, [[ga, 1]], { promoCode: 'SWEEP' }));
    expect(await promoUses(pool, promo.id)).toBe(2);

    clock.advance(6 * MINUTE); // the first hold is 16 minutes old, the second 6
    const closed = await expireDueHolds(pool, clock);
    expect(closed).toBeGreaterThanOrEqual(1);
    const row = await orderRow(pool, expiring.id);
    expect(row?.status).toBe('expired');
    expect(row?.closed_at?.toISOString()).toBe(clock.now().toISOString());
    expect((await orderRow(pool, live.id))?.status).toBe('reserved');
    expect(await stockOf(pool, ga.id)).toMatchObject({ held: 1, sold: 0 });
    expect(await stockOf(pool, vip.id)).toMatchObject({ held: 0, sold: 0 });
    expect(await promoUses(pool, promo.id)).toBe(1);
    const read = await buyerActor.get(`/api/orders/${expiring.id}?token=${expiring.accessToken}`);
    expect(read.body.status).toBe('expired');

    // A second sweep finds nothing more of this event to close and changes nothing.
    await expireDueHolds(pool, clock);
    expect(await stockOf(pool, ga.id)).toMatchObject({ held: 1 });
    expect(await promoUses(pool, promo.id)).toBe(1);
    await expectStockInvariants(pool, event.id);
  });

  it('cannot be cancelled into "cancelled" once expired (the status stays expired)', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 5 }]);
    const order = await reserveOk(buyerActor, orderBody(event, [[types[0]!, 2]]));
    clock.advance(HOLD + MINUTE);
    const res = await cancel(buyerActor, order);
    expectProblem(res, 409, 'ORDER_NOT_CANCELLABLE');
    const read = await buyerActor.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(read.body.status).toBe('expired');
    expect((await orderRow(pool, order.id))?.status).not.toBe('cancelled');
  });
});

describe('a payment after the hold ran out', () => {
  it('before the sweep: paid (the seats were still held)', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 2 }]);
    const order = await reserveOk(buyerActor, orderBody(event, [[types[0]!, 2]]));
    clock.advance(HOLD + MINUTE);
    const res = await pay(buyerActor, order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('paid');
    expect(res.body.tickets).toHaveLength(2);
    expect(await stockOf(pool, types[0]!.id)).toEqual({ sold: 2, held: 0, capacity: 2 });
    // The sweep that comes later leaves the paid order alone.
    await expireDueHolds(pool, clock);
    expect((await orderRow(pool, order.id))?.status).toBe('paid');
    expect(await stockOf(pool, types[0]!.id)).toEqual({ sold: 2, held: 0, capacity: 2 });
    await expectStockInvariants(pool, event.id);
  });

  it('after the sweep with stock left: expired -> paid, sold counted again', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 5 }]);
    const type = types[0]!;
    const order = await reserveOk(buyerActor, orderBody(event, [[type, 2]]));
    clock.advance(HOLD + MINUTE);
    await expireDueHolds(pool, clock);
    expect((await orderRow(pool, order.id))?.status).toBe('expired');
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 0, held: 0 });
    const other = await reserveOk(buyerActor, orderBody(event, [[type, 3]]));

    const res = await pay(buyerActor, order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'paid', totalCents: 4000 });
    expect(res.body.tickets).toHaveLength(2);
    expect(await stockOf(pool, type.id)).toEqual({ sold: 2, held: 3, capacity: 5 });
    expect((await paymentsOf(pool, order.id)).filter((p) => p.status === 'succeeded')).toHaveLength(1);
    expect((await orderRow(pool, other.id))?.status).toBe('reserved');
    await expectStockInvariants(pool, event.id);
  });

  it('after the sweep with no stock left: 410 HOLD_EXPIRED, nothing charged, order stays expired', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 2 }]);
    const type = types[0]!;
    const order = await reserveOk(buyerActor, orderBody(event, [[type, 2]]));
    clock.advance(HOLD + MINUTE);
    await expireDueHolds(pool, clock);
    await reserveOk(buyerActor, orderBody(event, [[type, 1]], { buyer: buyer('newcomer') }));

    const res = await pay(buyerActor, order);
    expectProblem(res, 410, 'HOLD_EXPIRED');
    expect((await paymentsOf(pool, order.id)).filter((p) => p.status === 'succeeded')).toEqual([]);
    expect((await orderRow(pool, order.id))?.status).toBe('expired');
    expect(await ticketsOf(pool, order.id)).toEqual([]);
    expect(await stockOf(pool, type.id)).toEqual({ sold: 0, held: 1, capacity: 2 });
    const read = await buyerActor.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(read.body.status).toBe('expired');
    expect(await countOrders(pool, event.id)).toBe(2);
    await expectStockInvariants(pool, event.id);
  });

  it('for an event cancelled meanwhile: 409 ORDER_NOT_PAYABLE, no seats re-sold, nothing charged', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 5 }]);
    const order = await reserveOk(buyerActor, orderBody(event, [[types[0]!, 2]]));
    clock.advance(HOLD + MINUTE);
    await expireDueHolds(pool, clock);
    expect((await world.owner.post(`/api/events/${event.id}/cancel`)).status).toBe(200);
    expectProblem(await pay(buyerActor, order), 409, 'ORDER_NOT_PAYABLE');
    expect(await paymentsOf(pool, order.id)).toEqual([]);
    expect((await orderRow(pool, order.id))?.status).toBe('expired');
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ sold: 0, held: 0 });
  });

  it('takes its promo code use again, and is refused when the code was used up meanwhile', async () => {
    const { clock, buyerActor } = buyerSide();
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2000, capacity: 10 }]);
    const type = types[0]!;
    const promo = await createPromo(world.owner, event.id, { code: 'LATE', percentOff: 50, maxUses: 2 });
    const first = await reserveOk(buyerActor, orderBody(event, [[type, 1]], { promoCode: 'LATE' }));
    const second = await reserveOk(buyerActor, orderBody(event, [[type, 1]], { promoCode: 'LATE' }));
    clock.advance(HOLD + MINUTE);
    await expireDueHolds(pool, clock);
    expect(await promoUses(pool, promo.id)).toBe(0);

    // The first pays late while the code still has room: it takes a use again.
    const paid = await pay(buyerActor, first);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', totalCents: 1000 });
    expect(await promoUses(pool, promo.id)).toBe(1);

    // Someone else takes the last use; the second late payment can no longer have the discount.
    await reserveOk(buyerActor, orderBody(event, [[type, 1]], { promoCode: 'LATE' }));
    expect(await promoUses(pool, promo.id)).toBe(2);
    expectProblem(await pay(buyerActor, second), 410, 'HOLD_EXPIRED');
    expect(await promoUses(pool, promo.id)).toBe(2);
    expect((await orderRow(pool, second.id))?.status).toBe('expired');
    expect((await paymentsOf(pool, second.id)).filter((p) => p.status === 'succeeded')).toEqual([]);
    const paidWithCode = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM orders WHERE promo_code_id = $1 AND status IN ('paid', 'reserved')",
      [promo.id],
    );
    expect(paidWithCode.rows[0]?.n).toBeLessThanOrEqual(2);
    await expectStockInvariants(pool, event.id);
  });
});
