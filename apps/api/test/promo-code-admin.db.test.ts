import type { CreatePromoCodeBody, PromoCode } from '@zevents/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseHolds } from '../src/modules/orders/orders.repository';
import { ManualClock } from '../src/shared/clock';
import {
  buyOk,
  cancel,
  countOrders,
  createPromo,
  expectProblem,
  expectStockInvariants,
  openSale,
  orderBody,
  orderRow,
  pay,
  promoUses,
  reserve,
  reserveOk,
  snapshot,
} from './checkout-helpers';
import { anonymous, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * Editing, deactivating and deleting promo codes: what new reservations see, what existing orders
 * keep, and the refusals that change nothing. (Who may call these: catalogue-admin.db.test.ts.)
 */

const t = buildTestApp();
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const GA = { name: 'General admission', priceCents: 10_000, capacity: 100 };
const MINUTE = 60_000;
const HOLD = 15 * MINUTE;

async function saleWithCode(body: CreatePromoCodeBody) {
  const sale = await openSale(t, world, [GA]);
  const promo = await createPromo(world.owner, sale.event.id, body);
  return { ...sale, promo };
}

async function promoRow(id: string) {
  const { rows } = await pool.query('SELECT * FROM promo_codes WHERE id = $1', [id]);
  return rows[0] as Record<string, unknown> | undefined;
}

async function auditCount(action: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM audit_log WHERE organization_id = $1 AND action = $2',
    [world.org.id, action],
  );
  return rows[0]?.n ?? 0;
}

const patch = (id: string, body: unknown) => world.owner.patch(`/api/promo-codes/${id}`, body);

describe('PATCH /api/promo-codes/{id}', () => {
  it('changes the discount for new orders only: an order keeps what it was priced with, even when paid later', async () => {
    const { event, types, promo } = await saleWithCode({ code: 'TEN', percentOff: 10 });
    const before = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'ten' }));
    expect(before.discountCents).toBe(1000);

    const audits = await auditCount('promo_code.update');
    const res = await patch(promo.id, { amountOffCents: 2500, maxUses: 50 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      code: 'TEN',
      percentOff: null,
      amountOffCents: 2500,
      maxUses: 50,
      uses: 1,
    });
    expect(await auditCount('promo_code.update')).toBe(audits + 1);

    const after = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'TEN' }));
    expect(after.discountCents).toBe(2500);
    const paid = await pay(world.anonymous, before);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', discountCents: 1000, totalCents: 9000 });
  });

  it('deactivates: a new order with the code is refused as not active and changes nothing; one reserved before still pays with its discount', async () => {
    const validFrom = new Date(Date.now() - 86_400_000).toISOString();
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const sale = await openSale(t, world, [GA]);
    const { event, types } = sale;
    const promo = await createPromo(world.owner, event.id, {
      code: 'EARLY',
      percentOff: 20,
      validFrom,
      validUntil,
    });
    const held = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'EARLY' }));

    const audits = await auditCount('promo_code.update');
    const off = await patch(promo.id, { active: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    // Only the switch moved: the window is the organizer's and stays as they set it.
    expect(off.body).toMatchObject({ isActive: false, validFrom, validUntil, uses: 1 });
    expect(await auditCount('promo_code.update')).toBe(audits + 1);
    const list = (await world.owner.get(`/api/events/${event.id}/promo-codes`)).body as {
      items: PromoCode[];
    };
    expect(list.items.map((code) => code.isActive)).toEqual([false]);

    const before = await snapshot(pool, event.id);
    const refused = await reserve(
      world.anonymous,
      orderBody(event, [[types[0]!, 1]], { promoCode: 'early' }),
    );
    expectProblem(refused, 422, 'PROMO_CODE_INVALID');
    expect(refused.body.detail).toBe('This promo code is not active');
    expect(refused.body.errors).toEqual([{ path: 'promoCode', message: 'not active' }]);
    expect(await snapshot(pool, event.id)).toEqual(before);

    const paid = await pay(world.anonymous, held);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', discountCents: 2000, totalCents: 8000 });
    expect((await orderRow(pool, held.id))?.promo_code_id).toBe(promo.id);
    expect(await promoUses(pool, promo.id)).toBe(1);
    await expectStockInvariants(pool, event.id);
  });

  it('reactivates with the original window: deactivate then reactivate keeps validFrom and validUntil, and the code works again', async () => {
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const { event, types, promo } = await saleWithCode({ code: 'BACK', percentOff: 10, validUntil });
    const stored = await promoRow(promo.id);

    expect((await patch(promo.id, { active: false })).body).toMatchObject({ isActive: false, validUntil });
    expect((await patch(promo.id, { active: false })).body).toMatchObject({ isActive: false, validUntil });
    const on = await patch(promo.id, { active: true });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body).toMatchObject({ isActive: true, validFrom: null, validUntil });
    expect(await promoRow(promo.id)).toEqual(stored);

    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'BACK' }));
    expect(order.discountCents).toBe(1000);
    expect(await promoUses(pool, promo.id)).toBe(1);
  });

  it('reactivating leaves a window that ended or has not started alone: the reserve still says why', async () => {
    const sale = await openSale(t, world, [GA]);
    const { event, types } = sale;
    const validFrom = new Date(Date.now() + 86_400_000).toISOString();
    const later = await createPromo(world.owner, event.id, { code: 'LATER', percentOff: 5, validFrom });
    expect((await patch(later.id, { active: false })).body).toMatchObject({ isActive: false, validFrom });
    expect((await patch(later.id, { active: true })).body).toMatchObject({ isActive: true, validFrom });
    const early = await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'LATER' }));
    expectProblem(early, 422, 'PROMO_CODE_INVALID');
    expect(early.body.errors).toEqual([{ path: 'promoCode', message: 'not valid yet' }]);

    const validUntil = new Date(Date.now() - 60_000).toISOString();
    const old = await createPromo(world.owner, event.id, {
      code: 'OLD',
      percentOff: 5,
      validFrom: new Date(Date.now() - 86_400_000).toISOString(),
      validUntil,
    });
    expect((await patch(old.id, { active: false })).body).toMatchObject({ isActive: false, validUntil });
    expect((await patch(old.id, { active: true })).body).toMatchObject({ isActive: true, validUntil });
    const late = await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'OLD' }));
    expect(late.body.errors).toEqual([{ path: 'promoCode', message: 'expired' }]);
  });

  it('takes active together with a new window in one edit', async () => {
    const { event, types, promo } = await saleWithCode({ code: 'BOTH', percentOff: 10 });
    const validUntil = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect((await patch(promo.id, { active: false, validUntil })).body).toMatchObject({
      isActive: false,
      validUntil,
    });
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'BOTH' })),
      422,
      'PROMO_CODE_INVALID',
    );
    expect((await patch(promo.id, { active: true, validUntil: null })).body).toMatchObject({
      isActive: true,
      validUntil: null,
    });
    await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'BOTH' }));
  });

  it('a payment arriving after the hold was released re-sells the order with its discount, though the code was deactivated meanwhile', async () => {
    const clock = new ManualClock(new Date());
    const buyerActor = anonymous(buildTestApp({ clock }).app);
    const { event, types, promo } = await saleWithCode({ code: 'GONE20', percentOff: 20 });
    const order = await reserveOk(buyerActor, orderBody(event, [[types[0]!, 2]], { promoCode: 'GONE20' }));
    expect(order.discountCents).toBe(4000);
    expect((await patch(promo.id, { active: false })).status).toBe(200);

    clock.advance(HOLD + MINUTE);
    // Only this order: a sweep of the whole database would reach other files' holds.
    await releaseHolds(pool, {
      now: clock.now(),
      limit: 10,
      orderIds: [order.id],
      status: 'expired',
      onlyPastDeadline: true,
    });
    expect((await orderRow(pool, order.id))?.status).toBe('expired');
    expect(await promoUses(pool, promo.id)).toBe(0);

    const paid = await pay(buyerActor, order);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', discountCents: 4000, totalCents: 16_000 });
    expect(await promoUses(pool, promo.id)).toBe(1);
    expect(await promoRow(promo.id)).toMatchObject({ is_active: false });
    await expectStockInvariants(pool, event.id);
  });

  it('a deactivation racing buyers of the code: every order that got the discount counts a use, and none after it', async () => {
    const { event, types, promo } = await saleWithCode({ code: 'RACEOFF', percentOff: 10 });
    const switchOff = patch(promo.id, { active: false }).then((res) => res);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'RACEOFF' })).then(
          (res) => res,
        ),
      ),
    );
    expect((await switchOff).status).toBe(200);
    for (const res of answers) expect([201, 422]).toContain(res.status);
    const created = answers.filter((res) => res.status === 201);
    expect(await promoUses(pool, promo.id)).toBe(created.length);
    expect(await countOrders(pool, event.id)).toBe(created.length);
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'RACEOFF' })),
      422,
      'PROMO_CODE_INVALID',
    );
    await expectStockInvariants(pool, event.id);
  });

  it('refuses maxUses below the uses so far: 422 on maxUses, nothing changed; equal is fine', async () => {
    const { event, types, promo } = await saleWithCode({ code: 'TWO', percentOff: 10, maxUses: 5 });
    for (let i = 0; i < 2; i++)
      await buyOk(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'TWO' }));
    const before = await promoRow(promo.id);
    const res = await patch(promo.id, { maxUses: 1, percentOff: 50 });
    expectProblem(res, 422, 'MAX_USES_BELOW_USES');
    expect(res.body.errors).toEqual([{ path: 'maxUses', message: 'must be at least 2 (uses so far)' }]);
    expect(await promoRow(promo.id)).toEqual(before);

    expect((await patch(promo.id, { maxUses: 2 })).body).toMatchObject({ maxUses: 2, uses: 2 });
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'TWO' })),
      422,
      'PROMO_CODE_INVALID',
    );
    expect((await patch(promo.id, { maxUses: null })).body).toMatchObject({ maxUses: null });
  });

  it('edits the window and the ticket types, checked against what is stored', async () => {
    const { event, promo } = await saleWithCode({ code: 'WIN', percentOff: 10 });
    const from = '2030-01-01T10:00:00Z';
    expect((await patch(promo.id, { validFrom: from })).body).toMatchObject({
      validFrom: '2030-01-01T10:00:00.000Z',
    });
    const before = await promoRow(promo.id);
    const res = await patch(promo.id, { validUntil: '2029-06-01T00:00:00Z' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'validUntil', message: 'must be after validFrom' }]);
    const foreign = await openSale(t, world, [GA]);
    expectProblem(await patch(promo.id, { ticketTypeIds: [foreign.types[0]!.id] }), 400, 'VALIDATION_FAILED');
    expect(await promoRow(promo.id)).toEqual(before);
    const own = (await world.owner.get(`/api/events/${event.id}`)).body as {
      ticketTypes: Array<{ id: string }>;
    };
    expect((await patch(promo.id, { ticketTypeIds: [own.ticketTypes[0]!.id] })).body).toMatchObject({
      ticketTypeIds: [own.ticketTypes[0]!.id],
    });
  });

  it.each([
    ['the code text (immutable)', { code: 'RENAMED' }],
    ['both discount kinds', { percentOff: 10, amountOffCents: 100 }],
    ['a percentage above 100', { percentOff: 101 }],
    ['maxUses of 0', { maxUses: 0 }],
    ['a wrong type', { active: 'no' }],
    ['a bad date', { validFrom: 'tomorrow' }],
  ])('refuses %s with 400 and changes nothing', async (_label, body) => {
    const { promo } = await saleWithCode({ code: 'BAD', percentOff: 10 });
    const before = await promoRow(promo.id);
    expectProblem(await patch(promo.id, body), 400, 'VALIDATION_FAILED');
    expect(await promoRow(promo.id)).toEqual(before);
  });

  it('refuses malformed JSON with 400', async () => {
    const { promo } = await saleWithCode({ code: 'JSON', percentOff: 10 });
    const res = await world.owner
      .patch(`/api/promo-codes/${promo.id}`)
      .set('Content-Type', 'application/json')
      .send('{"percentOff":');
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('refuses on a cancelled event', async () => {
    const { event, promo } = await saleWithCode({ code: 'GONE', percentOff: 10 });
    expect((await world.owner.post(`/api/events/${event.id}/cancel`)).status).toBe(200);
    expectProblem(await patch(promo.id, { percentOff: 15 }), 422, 'EVENT_CANCELLED');
    expectProblem(await world.owner.delete(`/api/promo-codes/${promo.id}`), 422, 'EVENT_CANCELLED');
  });
});

describe('DELETE /api/promo-codes/{id}', () => {
  it('deletes a code no order used: 204, gone, audited', async () => {
    const { event, promo } = await saleWithCode({ code: 'UNUSED', percentOff: 10 });
    const audits = await auditCount('promo_code.delete');
    const res = await world.owner.delete(`/api/promo-codes/${promo.id}`);
    expect(res.status).toBe(204);
    expect(await promoRow(promo.id)).toBeUndefined();
    expect(await auditCount('promo_code.delete')).toBe(audits + 1);
    const list = (await world.owner.get(`/api/events/${event.id}/promo-codes`)).body as {
      items: PromoCode[];
    };
    expect(list.items).toEqual([]);
    expectProblem(await world.owner.delete(`/api/promo-codes/${promo.id}`), 404, 'NOT_FOUND');
  });

  it('refuses a code an order used, even one cancelled since (uses back to 0): 409, deactivate instead', async () => {
    const { event, types, promo } = await saleWithCode({ code: 'USED', percentOff: 10 });
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'USED' }));
    const refused = await world.owner.delete(`/api/promo-codes/${promo.id}`);
    expectProblem(refused, 409, 'PROMO_CODE_IN_USE');
    expect(refused.body.detail).toMatch(/Deactivate it instead/);

    expect((await cancel(world.anonymous, order)).status).toBe(200);
    expect(await promoUses(pool, promo.id)).toBe(0);
    const before = await promoRow(promo.id);
    expectProblem(await world.owner.delete(`/api/promo-codes/${promo.id}`), 409, 'PROMO_CODE_IN_USE');
    expect(await promoRow(promo.id)).toEqual(before);
    expect((await orderRow(pool, order.id))?.promo_code_id).toBe(promo.id);
  });

  it('a delete racing buyers of the code: either the code is gone and nobody got it, or every order that got it still links to it', async () => {
    for (let round = 0; round < 3; round++) {
      const { event, types, promo } = await saleWithCode({ code: `RACE${round}`, percentOff: 10 });
      const deletion = world.owner.delete(`/api/promo-codes/${promo.id}`).then((res) => res);
      await new Promise((resolve) => setTimeout(resolve, round * 2));
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: `RACE${round}` })).then(
            (res) => res,
          ),
        ),
      );
      const deleted = await deletion;
      const created = answers.filter((res) => res.status === 201);
      for (const res of answers) expect([201, 422]).toContain(res.status);
      if (deleted.status === 204) {
        expect(created).toEqual([]);
      } else {
        expectProblem(deleted, 409, 'PROMO_CODE_IN_USE');
        expect(await promoUses(pool, promo.id)).toBe(created.length);
        for (const res of created)
          expect((await orderRow(pool, (res.body as { id: string }).id))?.promo_code_id).toBe(promo.id);
      }
    }
  });
});
