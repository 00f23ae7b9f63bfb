import type { CreatePromoCodeBody, CreateTicketTypeBody } from '@zevents/contracts';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
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
  promoUses,
  reserve,
  reserveOk,
  snapshot,
  stockOf,
  TICKET_CODE,
} from './checkout-helpers';
import { anonymous, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

const t = buildTestApp();
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

describe('POST /api/orders: a successful reservation', () => {
  it('answers 201 reserved with a 15-minute hold, an access token and the totals', async () => {
    // A frozen clock at the real time, so the deadline can be checked to the millisecond.
    const clock = new ManualClock(new Date());
    const buyerApp = buildTestApp({ clock });
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 2500, capacity: 10 },
      { name: 'VIP', priceCents: 10_000, capacity: 2 },
    ]);
    const [ga, vip] = types as [(typeof types)[0], (typeof types)[0]];
    const body = orderBody(
      event,
      [
        [ga, 3],
        [vip, 1],
      ],
      { buyer: { name: '  Ada Lovelace ', email: 'Ada@Example.TEST' } },
    );
    const res = await reserve(anonymous(buyerApp.app), body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      eventId: event.id,
      status: 'reserved',
      buyer: { name: 'Ada Lovelace', email: 'ada@example.test' },
      subtotalCents: 3 * 2500 + 10_000,
      discountCents: 0,
      totalCents: 17_500,
      refundedCents: 0,
      currency: 'EUR',
      createdAt: clock.now().toISOString(),
      expiresAt: new Date(clock.now().getTime() + 15 * 60_000).toISOString(),
      tickets: [],
      paidAt: null,
    });
    expect(res.body.accessToken).toMatch(/^[\w-]{20,}$/);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        // Each line with its money (issue 14): here only its price, no discount, fee or tax.
        {
          ticketTypeId: ga.id,
          ticketTypeName: 'GA',
          quantity: 3,
          unitPriceCents: 2500,
          discountCents: 0,
          feeCents: 0,
          taxCents: 0,
          totalCents: 7500,
        },
        {
          ticketTypeId: vip.id,
          ticketTypeName: 'VIP',
          quantity: 1,
          unitPriceCents: 10_000,
          discountCents: 0,
          feeCents: 0,
          taxCents: 0,
          totalCents: 10_000,
        },
      ]),
    );
    expect(res.body.items).toHaveLength(2);

    expect(await stockOf(pool, ga.id)).toEqual({ sold: 0, held: 3, capacity: 10 });
    expect(await stockOf(pool, vip.id)).toEqual({ sold: 0, held: 1, capacity: 2 });
    expect(await countOrders(pool, event.id)).toBe(1);
    expect((await orderRow(pool, res.body.id))?.status).toBe('reserved');

    const read = await anonymous(buyerApp.app).get(
      `/api/orders/${res.body.id}?token=${res.body.accessToken}`,
    );
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);

    // The organizer's view counts the hold.
    const organizer = await world.owner.get(`/api/events/${event.id}`);
    const gaView = organizer.body.ticketTypes.find((type: { id: string }) => type.id === ga.id);
    expect(gaView).toMatchObject({ sold: 0, held: 3, available: 7 });
    await expectStockInvariants(pool, event.id);
  });

  it('accepts a quantity exactly at the per-order minimum and maximum', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'Pair', priceCents: 1000, capacity: 50, minPerOrder: 2, maxPerOrder: 4 },
    ]);
    const type = types[0]!;
    await reserveOk(world.anonymous, orderBody(event, [[type, 2]]));
    await reserveOk(world.anonymous, orderBody(event, [[type, 4]]));
    expect(await stockOf(pool, type.id)).toMatchObject({ held: 6, sold: 0 });
  });

  it('422 EVENT_NOT_ON_SALE once the event has ended', async () => {
    const { event, types } = await openSale(t, world, [GA]);
    const after = buildTestApp({ clock: new ManualClock(new Date(Date.parse(event.endsAt) + 60_000)) });
    const before = await snapshot(pool, event.id);
    expectProblem(
      await reserve(anonymous(after.app), orderBody(event, [[types[0]!, 1]])),
      422,
      'EVENT_NOT_ON_SALE',
    );
    expect(await snapshot(pool, event.id)).toEqual(before);
  });

  it('reserves inside an open sale window', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'Window', priceCents: 1000, capacity: 5, salesStartAt: iso(-DAY), salesEndAt: iso(DAY) },
    ]);
    await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
  });
});

interface RuleContext {
  eventId: string;
  typeIds: string[];
  /** Another published event of the same organizer, when a case needs one. */
  foreign?: { eventId: string; typeId: string };
}

interface RuleCase {
  name: string;
  status: number;
  code: string;
  ticketTypes: CreateTicketTypeBody[];
  promos?: (ticketTypeIds: string[]) => CreatePromoCodeBody[];
  /** Anything to do before the failing request (use up a code, cancel the event...). */
  before?: (ctx: RuleContext) => Promise<void>;
  body: (ctx: RuleContext) => unknown;
  errorPath?: string;
}

const GA: CreateTicketTypeBody = { name: 'GA', priceCents: 2500, capacity: 20 };
const VIP: CreateTicketTypeBody = { name: 'VIP', priceCents: 10_000, capacity: 5 };

const item = (ticketTypeId: string | undefined, quantity: number) => ({
  ticketTypeId: ticketTypeId!,
  quantity,
});
const simple = (ctx: RuleContext, quantity = 1, promoCode?: string) => ({
  eventId: ctx.eventId,
  items: [item(ctx.typeIds[0], quantity)],
  buyer: buyer(),
  ...(promoCode ? { promoCode } : {}),
});

const RULES: RuleCase[] = [
  {
    name: 'before the sale window opens',
    status: 422,
    code: 'SALES_CLOSED',
    ticketTypes: [{ ...GA, salesStartAt: iso(DAY) }],
    body: (ctx) => simple(ctx),
    errorPath: 'items.0.ticketTypeId',
  },
  {
    name: 'after the sale window closed',
    status: 422,
    code: 'SALES_CLOSED',
    ticketTypes: [{ ...GA, salesStartAt: iso(-2 * DAY), salesEndAt: iso(-DAY) }],
    body: (ctx) => simple(ctx),
    errorPath: 'items.0.ticketTypeId',
  },
  {
    name: 'below the per-order minimum',
    status: 422,
    code: 'QUANTITY_OUT_OF_RANGE',
    ticketTypes: [{ ...GA, minPerOrder: 2, maxPerOrder: 4 }],
    body: (ctx) => simple(ctx, 1),
    errorPath: 'items.0.quantity',
  },
  {
    name: 'above the per-order maximum',
    status: 422,
    code: 'QUANTITY_OUT_OF_RANGE',
    ticketTypes: [{ ...GA, minPerOrder: 2, maxPerOrder: 4 }],
    body: (ctx) => simple(ctx, 5),
    errorPath: 'items.0.quantity',
  },
  {
    name: 'a quantity of 0',
    status: 422,
    code: 'QUANTITY_OUT_OF_RANGE',
    ticketTypes: [GA],
    body: (ctx) => simple(ctx, 0),
    errorPath: 'items.0.quantity',
  },
  {
    name: 'a negative quantity',
    status: 422,
    code: 'QUANTITY_OUT_OF_RANGE',
    ticketTypes: [GA],
    body: (ctx) => simple(ctx, -3),
    errorPath: 'items.0.quantity',
  },
  {
    name: 'an unknown promo code',
    status: 422,
    code: 'PROMO_CODE_INVALID',
    ticketTypes: [GA],
    promos: () => [{ code: 'REAL10', percentOff: 10 }],
    body: (ctx) => simple(ctx, 1, 'NOPE10'),
    errorPath: 'promoCode',
  },
  {
    name: 'an exhausted promo code',
    status: 422,
    code: 'PROMO_CODE_INVALID',
    ticketTypes: [GA],
    promos: () => [{ code: 'ONCE', percentOff: 10, maxUses: 1 }],
    before: async (ctx) => {
      await reserveOk(world.anonymous, simple(ctx, 1, 'ONCE'));
    },
    body: (ctx) => simple(ctx, 1, 'ONCE'),
    errorPath: 'promoCode',
  },
  {
    name: 'a promo code past its validity',
    status: 422,
    code: 'PROMO_CODE_INVALID',
    ticketTypes: [GA],
    promos: () => [{ code: 'OLD', percentOff: 10, validFrom: iso(-3 * DAY), validUntil: iso(-DAY) }],
    body: (ctx) => simple(ctx, 1, 'OLD'),
    errorPath: 'promoCode',
  },
  {
    name: 'a promo code not valid yet',
    status: 422,
    code: 'PROMO_CODE_INVALID',
    ticketTypes: [GA],
    promos: () => [{ code: 'SOON', percentOff: 10, validFrom: iso(DAY) }],
    body: (ctx) => simple(ctx, 1, 'SOON'),
    errorPath: 'promoCode',
  },
  {
    name: 'a promo code for other ticket types only',
    status: 422,
    code: 'PROMO_CODE_INVALID',
    ticketTypes: [GA, VIP],
    promos: (ids) => [{ code: 'VIPONLY', percentOff: 10, ticketTypeIds: [ids[1]!] }],
    body: (ctx) => simple(ctx, 1, 'VIPONLY'),
    errorPath: 'promoCode',
  },
  {
    name: 'a ticket type of another event',
    status: 422,
    code: 'TICKET_TYPE_NOT_IN_EVENT',
    ticketTypes: [GA],
    before: async (ctx) => {
      const other = await openSale(t, world, [GA]);
      ctx.foreign = { eventId: other.event.id, typeId: other.types[0]!.id };
    },
    body: (ctx) => ({ eventId: ctx.eventId, items: [item(ctx.foreign?.typeId, 1)], buyer: buyer() }),
    errorPath: 'items.0.ticketTypeId',
  },
  {
    name: 'a ticket type id that is not an id at all',
    status: 422,
    code: 'TICKET_TYPE_NOT_IN_EVENT',
    ticketTypes: [GA],
    body: (ctx) => ({ eventId: ctx.eventId, items: [item('not-a-uuid', 1)], buyer: buyer() }),
    errorPath: 'items.0.ticketTypeId',
  },
  {
    name: 'a cancelled event',
    status: 422,
    code: 'EVENT_NOT_ON_SALE',
    ticketTypes: [GA],
    before: async (ctx) => {
      const res = await world.owner.post(`/api/events/${ctx.eventId}/cancel`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    },
    body: (ctx) => simple(ctx),
  },
  {
    name: 'an unknown event',
    status: 404,
    code: 'NOT_FOUND',
    ticketTypes: [GA],
    body: (ctx) => ({ ...simple(ctx), eventId: '00000000-0000-4000-8000-000000000000' }),
  },
];

describe('POST /api/orders: every rule break is refused and changes nothing', () => {
  it.each(RULES)('$code for $name', async (rule) => {
    const { event, types } = await openSale(t, world, rule.ticketTypes);
    const ctx: RuleContext = { eventId: event.id, typeIds: types.map((type) => type.id) };
    for (const promo of rule.promos?.(ctx.typeIds) ?? []) await createPromo(world.owner, event.id, promo);
    await rule.before?.(ctx);

    const before = await snapshot(pool, event.id);
    const foreignBefore = ctx.foreign && (await snapshot(pool, ctx.foreign.eventId));
    const res = await reserve(world.anonymous, rule.body(ctx));
    expectProblem(res, rule.status, rule.code);
    if (rule.errorPath)
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: rule.errorPath })]),
      );
    expect(await snapshot(pool, event.id)).toEqual(before);
    if (ctx.foreign) expect(await snapshot(pool, ctx.foreign.eventId)).toEqual(foreignBefore);
    await expectStockInvariants(pool, event.id);
  });

  it('404 for a draft event, without holding anything', async () => {
    const { event, types } = await openSale(t, world, [GA], { publish: false });
    const res = await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    expectProblem(res, 404, 'NOT_FOUND');
    expect(await snapshot(pool, event.id)).toEqual({
      types: [{ id: types[0]!.id, sold: 0, held: 0 }],
      promos: [],
      orders: 0,
    });
  });

  it('409 SOLD_OUT with what is left per type, and the stock untouched', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'Small', priceCents: 1000, capacity: 3 }]);
    const type = types[0]!;
    await reserveOk(world.anonymous, orderBody(event, [[type, 2]]));
    const before = await snapshot(pool, event.id);
    const res = await reserve(world.anonymous, orderBody(event, [[type, 2]]));
    expectProblem(res, 409, 'SOLD_OUT');
    expect(res.body.remaining).toEqual([{ ticketTypeId: type.id, available: 1 }]);
    expect(await snapshot(pool, event.id)).toEqual(before);
    // What is left can still be bought.
    await reserveOk(world.anonymous, orderBody(event, [[type, 1]]));
    expectProblem(await reserve(world.anonymous, orderBody(event, [[type, 1]])), 409, 'SOLD_OUT');
    expect(await stockOf(pool, type.id)).toEqual({ sold: 0, held: 3, capacity: 3 });
  });

  it('holds nothing on any type when one type of a multi-type order is short (one atomic statement)', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'Plenty', priceCents: 1000, capacity: 10 },
      { name: 'Scarce', priceCents: 5000, capacity: 1 },
      { name: 'Also plenty', priceCents: 0, capacity: 10 },
    ]);
    const [plenty, scarce, free] = types as [(typeof types)[0], (typeof types)[0], (typeof types)[0]];
    const res = await reserve(
      world.anonymous,
      orderBody(event, [
        [plenty, 2],
        [scarce, 2],
        [free, 1],
      ]),
    );
    expectProblem(res, 409, 'SOLD_OUT');
    expect(res.body.remaining).toEqual([
      { ticketTypeId: plenty.id, available: 10 },
      { ticketTypeId: scarce.id, available: 1 },
      { ticketTypeId: free.id, available: 10 },
    ]);
    for (const type of types) expect(await stockOf(pool, type.id)).toMatchObject({ sold: 0, held: 0 });
    expect(await countOrders(pool, event.id)).toBe(0);

    // The same with a bad second item that is a rule break rather than a shortage.
    const other = await openSale(t, world, [GA]);
    const mixed = await reserve(world.anonymous, {
      eventId: event.id,
      items: [item(plenty.id, 2), item(other.types[0]!.id, 1)],
      buyer: buyer(),
    });
    expectProblem(mixed, 422, 'TICKET_TYPE_NOT_IN_EVENT');
    expect(mixed.body.errors[0].path).toBe('items.1.ticketTypeId');
    expect(await stockOf(pool, plenty.id)).toMatchObject({ sold: 0, held: 0 });
    expect(await countOrders(pool, event.id)).toBe(0);
  });
});

describe('POST /api/orders: malformed requests are 400, never 500', () => {
  const cases: Array<[string, (ctx: { eventId: string; typeId: string }) => unknown]> = [
    ['a missing buyer', (ctx) => ({ eventId: ctx.eventId, items: [item(ctx.typeId, 1)] })],
    [
      'a bad email',
      (ctx) => ({
        eventId: ctx.eventId,
        items: [item(ctx.typeId, 1)],
        buyer: { name: 'X', email: 'not-an-email' },
      }),
    ],
    [
      'an empty buyer name',
      (ctx) => ({
        eventId: ctx.eventId,
        items: [item(ctx.typeId, 1)],
        buyer: { name: '  ', email: 'a@b.test' },
      }),
    ],
    [
      'the same ticket type twice',
      (ctx) => ({ eventId: ctx.eventId, items: [item(ctx.typeId, 1), item(ctx.typeId, 1)], buyer: buyer() }),
    ],
    [
      '21 items',
      (ctx) => ({
        eventId: ctx.eventId,
        items: Array.from({ length: 21 }, (_, i) =>
          item(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, 1),
        ),
        buyer: buyer(),
      }),
    ],
    ['no items', (ctx) => ({ eventId: ctx.eventId, items: [], buyer: buyer() })],
    [
      'a fractional quantity',
      (ctx) => ({ eventId: ctx.eventId, items: [item(ctx.typeId, 1.5)], buyer: buyer() }),
    ],
    [
      'a string quantity',
      (ctx) => ({
        eventId: ctx.eventId,
        items: [{ ticketTypeId: ctx.typeId, quantity: '1' }],
        buyer: buyer(),
      }),
    ],
    [
      'an unknown field',
      (ctx) => ({ eventId: ctx.eventId, items: [item(ctx.typeId, 1)], buyer: buyer(), price: 0 }),
    ],
    [
      'a malformed promo code',
      (ctx) => ({ eventId: ctx.eventId, items: [item(ctx.typeId, 1)], buyer: buyer(), promoCode: 'a b' }),
    ],
    ['a JSON array', () => []],
  ];

  it.each(cases)('400 for %s', async (_name, make) => {
    const { event, types } = await openSale(t, world, [GA]);
    const res = await reserve(world.anonymous, make({ eventId: event.id, typeId: types[0]!.id }));
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(await snapshot(pool, event.id)).toEqual({
      types: [{ id: types[0]!.id, sold: 0, held: 0 }],
      promos: [],
      orders: 0,
    });
  });

  it('400 MALFORMED_JSON for a body that is not JSON', async () => {
    const { event, types } = await openSale(t, world, [GA]);
    const res = await request(t.app)
      .post('/api/orders')
      .set('Content-Type', 'application/json')
      .send(`{"eventId":"${event.id}","items":[{"ticketTypeId":"${types[0]!.id}","quantity":1}],`);
    expectProblem(res, 400, 'MALFORMED_JSON');
    expect(await countOrders(pool, event.id)).toBe(0);
  });
});

describe('promo codes', () => {
  it('takes a percentage off: 15% of 3 x 2500 is 1125', async () => {
    const { event, types } = await openSale(t, world, [GA]);
    const promo = await createPromo(world.owner, event.id, { code: 'FIFTEEN', percentOff: 15 });
    const order = await reserveOk(
      world.anonymous,
      orderBody(event, [[types[0]!, 3]], { promoCode: 'FIFTEEN' }),
    );
    expect(order).toMatchObject({
      subtotalCents: 7500,
      discountCents: 1125,
      totalCents: 6375,
      status: 'reserved',
    });
    expect(await promoUses(pool, promo.id)).toBe(1);
    expect((await orderRow(pool, order.id))?.promo_code_id).toBe(promo.id);
  });

  it('takes a fixed amount off, capped at the subtotal (a fully discounted order is paid at once)', async () => {
    const { event, types } = await openSale(t, world, [GA]);
    await createPromo(world.owner, event.id, { code: 'TENOFF', amountOffCents: 1000 });
    const promo = await createPromo(world.owner, event.id, { code: 'ALLOFF', amountOffCents: 50_000 });
    const partial = await reserveOk(
      world.anonymous,
      orderBody(event, [[types[0]!, 2]], { promoCode: 'TENOFF' }),
    );
    expect(partial).toMatchObject({
      subtotalCents: 5000,
      discountCents: 1000,
      totalCents: 4000,
      status: 'reserved',
    });

    const full = await reserveOk(
      world.anonymous,
      orderBody(event, [[types[0]!, 2]], { promoCode: 'ALLOFF' }),
    );
    expect(full).toMatchObject({ subtotalCents: 5000, discountCents: 5000, totalCents: 0, status: 'paid' });
    expect(full.tickets).toHaveLength(2);
    expect(await promoUses(pool, promo.id)).toBe(1);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 2, sold: 2 });
    await expectStockInvariants(pool, event.id);
  });

  it('discounts only the ticket types a scoped code names', async () => {
    const { event, types } = await openSale(t, world, [GA, VIP]);
    const [ga, vip] = types as [(typeof types)[0], (typeof types)[0]];
    await createPromo(world.owner, event.id, { code: 'VIP20', percentOff: 20, ticketTypeIds: [vip.id] });
    await createPromo(world.owner, event.id, {
      code: 'VIPFREE',
      amountOffCents: 99_999,
      ticketTypeIds: [vip.id],
    });
    const items: Array<[(typeof types)[0], number]> = [
      [ga, 2],
      [vip, 1],
    ];
    const percent = await reserveOk(world.anonymous, orderBody(event, items, { promoCode: 'VIP20' }));
    expect(percent).toMatchObject({ subtotalCents: 15_000, discountCents: 2000, totalCents: 13_000 });
    // A fixed amount larger than the eligible items is capped at them, not at the order.
    const fixed = await reserveOk(world.anonymous, orderBody(event, items, { promoCode: 'VIPFREE' }));
    expect(fixed).toMatchObject({ subtotalCents: 15_000, discountCents: 10_000, totalCents: 5000 });
  });

  it('matches a code whatever its case, and counts each use', async () => {
    const { event, types } = await openSale(t, world, [GA]);
    const promo = await createPromo(world.owner, event.id, {
      code: 'Summer-Sale',
      percentOff: 10,
      maxUses: 5,
    });
    for (const typed of ['summer-sale', 'SUMMER-SALE', 'SuMmEr-SaLe']) {
      const order = await reserveOk(
        world.anonymous,
        orderBody(event, [[types[0]!, 1]], { promoCode: typed }),
      );
      expect(order.discountCents).toBe(250);
    }
    expect(await promoUses(pool, promo.id)).toBe(3);
    const list = await world.owner.get(`/api/events/${event.id}/promo-codes`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: promo.id, uses: 3, maxUses: 5 })]);
  });

  it('gives the use back when the buyer cancels, so the last use can be taken again', async () => {
    const { event, types } = await openSale(t, world, [GA]);
    const promo = await createPromo(world.owner, event.id, { code: 'LASTONE', percentOff: 50, maxUses: 1 });
    const order = await reserveOk(
      world.anonymous,
      orderBody(event, [[types[0]!, 2]], { promoCode: 'lastone' }),
    );
    expect(await promoUses(pool, promo.id)).toBe(1);
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'LASTONE' })),
      422,
      'PROMO_CODE_INVALID',
    );
    const cancelled = await cancel(world.anonymous, order);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await promoUses(pool, promo.id)).toBe(0);
    expect(await stockOf(pool, types[0]!.id)).toMatchObject({ held: 0, sold: 0 });
    const again = await reserveOk(
      world.anonymous,
      orderBody(event, [[types[0]!, 1]], { promoCode: 'LASTONE' }),
    );
    expect(again.discountCents).toBe(1250);
    expect(await promoUses(pool, promo.id)).toBe(1);
  });

  it('does not count a use when the order fails for another reason', async () => {
    const { event, types } = await openSale(t, world, [{ ...GA, capacity: 1 }]);
    const promo = await createPromo(world.owner, event.id, { code: 'NOSTOCK', percentOff: 10, maxUses: 1 });
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[types[0]!, 2]], { promoCode: 'NOSTOCK' })),
      409,
      'SOLD_OUT',
    );
    expect(await promoUses(pool, promo.id)).toBe(0);
  });

  it('refuses a code with PROMO_CODE_INVALID (not SOLD_OUT) when it would take nothing off', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'Free', priceCents: 0, capacity: 5 }]);
    const promo = await createPromo(world.owner, event.id, { code: 'NOTHING', percentOff: 10 });
    const before = await snapshot(pool, event.id);
    const res = await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { promoCode: 'NOTHING' }));
    expectProblem(res, 422, 'PROMO_CODE_INVALID');
    expect(await snapshot(pool, event.id)).toEqual(before);
    expect(await promoUses(pool, promo.id)).toBe(0);
    // Without the code the free ticket is had at once.
    const free = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    expect(free.status).toBe('paid');
  });

  it('issues ticket codes in the documented shape once a discounted order is free', async () => {
    const { event, types } = await openSale(t, world, [GA]);
    await createPromo(world.owner, event.id, { code: 'GIFT', percentOff: 100 });
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 2]], { promoCode: 'GIFT' }));
    expect(order.status).toBe('paid');
    for (const ticket of order.tickets ?? []) expect(ticket.code).toMatch(TICKET_CODE);
  });
});
