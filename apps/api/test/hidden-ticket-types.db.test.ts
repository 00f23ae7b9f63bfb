import type { PublicEvent, PublicEventSummary, TicketType } from '@zevents/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buyer,
  createPromo,
  expectProblem,
  openSale,
  orderBody,
  reserve,
  reserveOk,
  stockOf,
} from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';

/**
 * Hidden ticket types (guest lists, sponsors, presales): left off the public page and the storefront,
 * shown with `?code=` that unlocks them, and refused at reserve like a type of another event unless
 * the order carries that code (as accessCode, or a promo code naming the type).
 */

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = buildTestApp();
  world = await createWorld(t.app, t.database.db);
});

async function saleWithHiddenType(hidden: { accessCode?: string | null; priceCents?: number } = {}) {
  const { event, types } = await openSale(t, world, [{ name: 'Regular', priceCents: 4000, capacity: 50 }]);
  const created = await world.owner.post(`/api/events/${event.id}/ticket-types`, {
    name: 'Sponsors',
    priceCents: hidden.priceCents ?? 1000,
    capacity: 10,
    visibility: 'hidden',
    accessCode: hidden.accessCode === undefined ? 'Sponsor-2030' : hidden.accessCode,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const regular = types[0];
  if (!regular) throw new Error('no regular type');
  return { event, regular, sponsors: created.body as TicketType };
}

async function publicPage(eventId: string, code?: string): Promise<PublicEvent> {
  const res = await world.anonymous.get(
    `/api/public/events/${eventId}${code === undefined ? '' : `?code=${encodeURIComponent(code)}`}`,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as PublicEvent;
}

const typeNames = (page: PublicEvent) => page.ticketTypes.map((type) => type.name);

describe('hidden ticket types', () => {
  it('are stored with their code and shown to the organizer as they are', async () => {
    const { event, sponsors } = await saleWithHiddenType();
    expect(sponsors).toMatchObject({ visibility: 'hidden', accessCode: 'Sponsor-2030' });
    const organizerView = await world.owner.get(`/api/events/${event.id}`);
    expect(organizerView.body.ticketTypes.map((type: TicketType) => type.visibility)).toEqual([
      'public',
      'hidden',
    ]);
    // Staff may look but not add a secret ticket type.
    const byStaff = await world.staff.post(`/api/events/${event.id}/ticket-types`, {
      name: 'Staff secret',
      priceCents: 0,
      capacity: 1,
      visibility: 'hidden',
    });
    expect(byStaff.status).toBe(403);
  });

  it('stay off the public page until a code unlocks them, in any letter case', async () => {
    const { event, sponsors } = await saleWithHiddenType();
    const plain = await publicPage(event.id);
    expect(typeNames(plain)).toEqual(['Regular']);
    expect(plain.accessCode).toBeNull();

    const unlocked = await publicPage(event.id, 'sponsor-2030');
    expect(typeNames(unlocked)).toEqual(['Regular', 'Sponsors']);
    expect(unlocked.ticketTypes[1]).toMatchObject({ id: sponsors.id, hidden: true, available: 10 });
    expect(unlocked.accessCode).toEqual({ code: 'sponsor-2030', accepted: true });
    // The access code itself never reaches the page.
    expect(JSON.stringify(unlocked)).not.toMatch(/Sponsor-2030/);

    for (const wrong of ['nope', 'x', '%27;--', 'a'.repeat(100)]) {
      const page = await publicPage(event.id, wrong);
      expect(typeNames(page)).toEqual(['Regular']);
      expect(page.accessCode).toEqual({ code: wrong, accepted: false });
    }
    // The slug works the same way.
    expect(typeNames(await publicPage(event.slug, 'SPONSOR-2030'))).toEqual(['Regular', 'Sponsors']);
  });

  it('leave the storefront figures alone: no hidden price, no hidden seats', async () => {
    const { event } = await saleWithHiddenType({ priceCents: 100 });
    const list = await world.anonymous.get(
      `/api/public/events?q=${encodeURIComponent(event.title)}&limit=50`,
    );
    expect(list.status).toBe(200);
    const summary = (list.body.items as PublicEventSummary[]).find((item) => item.id === event.id);
    expect(summary).toMatchObject({ minPriceCents: 4000, maxPriceCents: 4000, available: 50 });
  });

  it('are refused at reserve without the code, exactly like a type of another event, and nothing is held', async () => {
    const { event, sponsors } = await saleWithHiddenType();
    for (const extra of [{}, { accessCode: 'WRONG-CODE' }]) {
      const res = await reserve(world.anonymous, { ...orderBody(event, [[sponsors, 1]]), ...extra });
      expectProblem(res, 422, 'TICKET_TYPE_NOT_IN_EVENT');
      expect(res.body.errors).toEqual([
        { path: 'items.0.ticketTypeId', message: 'not a ticket type of this event' },
      ]);
    }
    expect(await stockOf(t.database.pool, sponsors.id)).toMatchObject({ held: 0, sold: 0 });

    const order = await reserveOk(world.anonymous, {
      ...orderBody(event, [[sponsors, 2]]),
      accessCode: 'sponsor-2030',
    });
    expect(order).toMatchObject({ status: 'reserved', totalCents: 2000 });
    // The page's ?code= may also ride on the reserve's URL.
    const byQuery = await world.anonymous.post(
      '/api/orders?code=SPONSOR-2030',
      orderBody(event, [[sponsors, 1]]),
    );
    expect(byQuery.status, JSON.stringify(byQuery.body)).toBe(201);
    expectProblem(
      await world.anonymous.post('/api/orders?code=nope', orderBody(event, [[sponsors, 1]])),
      422,
      'TICKET_TYPE_NOT_IN_EVENT',
    );
    expect(await stockOf(t.database.pool, sponsors.id)).toMatchObject({ held: 3 });
  });

  it('can be unlocked by an active promo code that names them, which also takes its discount', async () => {
    const { event, regular, sponsors } = await saleWithHiddenType({ accessCode: null });
    await createPromo(world.owner, event.id, {
      code: 'PRESALE',
      percentOff: 50,
      ticketTypeIds: [sponsors.id],
    });
    // A code for every type names no hidden one: it unlocks nothing.
    await createPromo(world.owner, event.id, { code: 'EVERYONE', percentOff: 10 });

    expect(typeNames(await publicPage(event.id, 'presale'))).toEqual(['Regular', 'Sponsors']);
    expect((await publicPage(event.id, 'EVERYONE')).accessCode).toEqual({
      code: 'EVERYONE',
      accepted: false,
    });

    const withPromo = await reserveOk(
      world.anonymous,
      orderBody(event, [[sponsors, 1]], { promoCode: 'presale' }),
    );
    expect(withPromo).toMatchObject({ subtotalCents: 1000, discountCents: 500, totalCents: 500 });
    // As an access code only, the promo code unlocks the type but takes nothing off.
    const asAccess = await reserveOk(world.anonymous, {
      ...orderBody(event, [[sponsors, 1]]),
      accessCode: 'PRESALE',
    });
    expect(asAccess).toMatchObject({ discountCents: 0, totalCents: 1000 });
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[sponsors, 1]], { promoCode: 'EVERYONE' })),
      422,
      'TICKET_TYPE_NOT_IN_EVENT',
    );

    // Deactivated, the promo code no longer unlocks anything.
    const promos = await world.owner.get(`/api/events/${event.id}/promo-codes`);
    const presale = (promos.body.items as Array<{ id: string; code: string }>).find(
      (p) => p.code === 'PRESALE',
    );
    expect((await world.owner.patch(`/api/promo-codes/${presale?.id}`, { active: false })).status).toBe(200);
    expect(typeNames(await publicPage(event.id, 'PRESALE'))).toEqual(['Regular']);
    expectProblem(
      await reserve(world.anonymous, { ...orderBody(event, [[sponsors, 1]]), accessCode: 'PRESALE' }),
      422,
      'TICKET_TYPE_NOT_IN_EVENT',
    );
    // Public types sell with or without any code.
    await reserveOk(world.anonymous, { ...orderBody(event, [[regular, 1]]), accessCode: 'ANYTHING' });
  });

  it('sell in one order beside public types, all or nothing', async () => {
    const { event, regular, sponsors } = await saleWithHiddenType();
    const mixed = orderBody(event, [
      [regular, 1],
      [sponsors, 1],
    ]);
    expectProblem(await reserve(world.anonymous, mixed), 422, 'TICKET_TYPE_NOT_IN_EVENT');
    expect(await stockOf(t.database.pool, regular.id)).toMatchObject({ held: 0 });
    const order = await reserveOk(world.anonymous, { ...mixed, accessCode: 'SPONSOR-2030' });
    expect(order.items).toHaveLength(2);
  });

  it('are sold by the organizer at the box office without a code', async () => {
    const { event, sponsors } = await saleWithHiddenType();
    const comp = await world.owner.post(`/api/events/${event.id}/orders`, {
      items: [{ ticketTypeId: sponsors.id, quantity: 1 }],
      buyer: buyer('sponsor-guest'),
      paymentMethod: 'comp',
    });
    expect(comp.status, JSON.stringify(comp.body)).toBe(201);
  });

  it('turn public by an edit, and codes are validated', async () => {
    const { event, sponsors } = await saleWithHiddenType();
    const bad = [
      { visibility: 'secret' },
      { accessCode: 'has space' },
      { accessCode: 'x' },
      { accessCode: 42 },
    ];
    for (const body of bad) {
      const res = await world.owner.patch(`/api/ticket-types/${sponsors.id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const edited = await world.owner.patch(`/api/ticket-types/${sponsors.id}`, {
      visibility: 'public',
      accessCode: null,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ visibility: 'public', accessCode: null });
    expect(typeNames(await publicPage(event.id))).toEqual(['Regular', 'Sponsors']);
    await reserveOk(world.anonymous, orderBody(event, [[sponsors, 1]]));
  });
});
