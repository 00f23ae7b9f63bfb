import type { PromoCode } from '@zevents/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buyOk,
  cancel,
  createPromo,
  expectProblem,
  openSale,
  orderBody,
  orderRow,
  pay,
  promoUses,
  reserve,
  reserveOk,
} from './checkout-helpers';
import { createWorld, type World } from './factories';
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

async function saleWithCode(body: {
  code: string;
  percentOff?: number;
  amountOffCents?: number;
  maxUses?: number;
}) {
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

  it('deactivates: new orders are refused, an order reserved before still pays with its discount; reactivating reopens it', async () => {
    const { event, types, promo } = await saleWithCode({ code: 'EARLY', percentOff: 20 });
    const held = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'EARLY' }));

    const off = await patch(promo.id, { active: false });
    expect(off.status).toBe(200);
    const deactivated = off.body as PromoCode;
    expect(deactivated.isActive).toBe(false);
    expect(Date.parse(deactivated.validUntil ?? '')).toBeLessThanOrEqual(Date.now());

    const refused = await reserve(
      world.anonymous,
      orderBody(event, [[types[0]!, 1]], { promoCode: 'EARLY' }),
    );
    expectProblem(refused, 422, 'PROMO_CODE_INVALID');
    const paid = await pay(world.anonymous, held);
    expect(paid.body).toMatchObject({ status: 'paid', discountCents: 2000 });
    expect((await orderRow(pool, held.id))?.promo_code_id).toBe(promo.id);

    const on = await patch(promo.id, { active: true });
    expect(on.body).toMatchObject({ isActive: true, validUntil: null });
    await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'EARLY' }));
    expect(await promoUses(pool, promo.id)).toBe(2);
  });

  it('deactivating a code that has not started yet drops its start, so the window stays well-formed', async () => {
    const sale = await openSale(t, world, [GA]);
    const validFrom = new Date(Date.now() + 86_400_000).toISOString();
    const promo = await createPromo(world.owner, sale.event.id, { code: 'LATER', percentOff: 5, validFrom });
    const res = await patch(promo.id, { active: false });
    expect(res.body).toMatchObject({ validFrom: null, isActive: false });
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
    ['active together with a window', { active: false, validUntil: '2030-01-01T00:00:00Z' }],
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
