import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { priceOrder, type PricedOrder } from '../src/modules/billing/pricing';
import { createPromo, expectProblem, openSale, orderBody, pay, reserve, reserveOk } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * Issue 14: the checkout charges tax and the service fee. The reserve statement prices every order
 * by the rounding rule (billing/pricing.ts); these tests hold its answers and rows to the
 * TypeScript rule, to the cent, and check that refunds give back the matching tax and fee.
 */

const t = buildTestApp();
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

interface Item {
  ticketTypeId: string;
  quantity: number;
  unitPriceCents: number;
  discountCents?: number;
  feeCents?: number;
  taxCents?: number;
  totalCents?: number;
  taxRate?: { id: string; name: string; rateBasisPoints: number; inclusive: boolean };
}

interface MoneyOrder {
  id: string;
  accessToken?: string;
  status: string;
  items: Item[];
  subtotalCents: number;
  discountCents: number;
  feeCents: number;
  taxCents: number;
  totalCents: number;
  refundedCents: number;
  tickets?: Array<{ id: string; ticketTypeId: string; status: string }>;
}

async function createRate(body: { name: string; rateBasisPoints: number; inclusive: boolean }) {
  const res = await world.admin.post(`/api/organizations/${world.org.id}/tax-rates`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; rateBasisPoints: number; inclusive: boolean };
}

async function setFee(
  eventId: string,
  fee: { fixedCents: number; percentBasisPoints: number; passedOn: boolean },
) {
  const res = await world.admin.patch(`/api/events/${eventId}`, { fee });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

async function setRate(ticketTypeId: string, taxRateId: string) {
  const res = await world.admin.patch(`/api/ticket-types/${ticketTypeId}`, { taxRateId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Every line sums to the order, and the order's parts to its total. */
function expectSums(order: MoneyOrder): void {
  const sum = (key: 'discountCents' | 'feeCents' | 'taxCents' | 'totalCents') =>
    order.items.reduce((total, item) => total + (item[key] ?? 0), 0);
  expect(sum('totalCents')).toBe(order.totalCents);
  expect(sum('discountCents')).toBe(order.discountCents);
  expect(sum('taxCents')).toBe(order.taxCents);
  expect(sum('feeCents')).toBe(order.feeCents);
}

async function rowsOf(orderId: string) {
  const order = await pool.query(
    `SELECT subtotal_cents::int AS subtotal, discount_cents::int AS discount, fee_cents::int AS fee,
            fee_passed_on AS passed, tax_cents::int AS tax, tax_added_cents::int AS added, total_cents::int AS total
     FROM orders WHERE id = $1`,
    [orderId],
  );
  const lines = await pool.query(
    `SELECT ticket_type_id AS "ticketTypeId", discount_cents::int AS discount, fee_cents::int AS fee,
            tax_cents::int AS tax, total_cents::int AS total, tax_name AS "taxName",
            tax_rate_basis_points AS bp, tax_inclusive AS inclusive
     FROM order_items WHERE order_id = $1`,
    [orderId],
  );
  return { order: order.rows[0], lines: lines.rows };
}

async function refundLines(orderId: string) {
  const res = await pool.query<{ amount: number; lines: Array<Record<string, number | string>> }>(
    `SELECT amount_cents::int AS amount, lines FROM refunds WHERE order_id = $1 ORDER BY created_at, id`,
    [orderId],
  );
  return res.rows;
}

/** A mixed cart: VAT included in one type, sales tax on top of the other, a fee, maybe a code. */
async function mixedSale(fee: { fixedCents: number; percentBasisPoints: number; passedOn: boolean }) {
  const vat = await createRate({ name: 'VAT 19%', rateBasisPoints: 1900, inclusive: true });
  const salesTax = await createRate({ name: 'Sales tax 8.875%', rateBasisPoints: 888, inclusive: false });
  const { event, types } = await openSale(t, world, [
    { name: 'Standard', priceCents: 4999, capacity: 500 },
    { name: 'Workshop', priceCents: 1999, capacity: 500 },
    { name: 'Free', priceCents: 0, capacity: 500 },
  ]);
  const [standard, workshop, free] = types;
  if (!standard || !workshop || !free) throw new Error('ticket types missing');
  await setRate(standard.id, vat.id);
  await setRate(workshop.id, salesTax.id);
  await setFee(event.id, fee);
  return { event, standard, workshop, free, vat, salesTax };
}

function expected(
  lines: Array<{
    price: number;
    quantity: number;
    tax: { bp: number; inclusive: boolean } | null;
    discountable?: boolean;
  }>,
  discount: { percentOff: number } | { amountOffCents: number } | null,
  fee: { fixedCents: number; percentBasisPoints: number; passedOn: boolean } | null,
): PricedOrder {
  return priceOrder(
    lines.map((line) => ({
      quantity: line.quantity,
      unitPriceCents: line.price,
      discountable: line.discountable ?? true,
      tax: line.tax ? { rateBasisPoints: line.tax.bp, inclusive: line.tax.inclusive } : null,
    })),
    { discount, fee },
  );
}

describe('the reserve prices tax and the service fee', () => {
  it('a mixed cart with both kinds of rate, a promo code and a passed-on fee: every line to the cent', async () => {
    const fee = { fixedCents: 99, percentBasisPoints: 250, passedOn: true };
    const sale = await mixedSale(fee);
    await createPromo(world.owner, sale.event.id, { code: 'TEN', percentOff: 10 });
    const order = (await reserveOk(
      world.anonymous,
      orderBody(
        sale.event,
        [
          [sale.standard, 2],
          [sale.workshop, 3],
        ],
        { promoCode: 'TEN' },
      ),
    )) as unknown as MoneyOrder;

    const want = expected(
      [
        { price: 4999, quantity: 2, tax: { bp: 1900, inclusive: true } },
        { price: 1999, quantity: 3, tax: { bp: 888, inclusive: false } },
      ],
      { percentOff: 10 },
      fee,
    );
    expect(order).toMatchObject({
      subtotalCents: want.subtotalCents,
      discountCents: want.discountCents,
      feeCents: want.feeCents,
      taxCents: want.taxCents,
      totalCents: want.totalCents,
    });
    const byType = new Map(order.items.map((item) => [item.ticketTypeId, item]));
    const standard = byType.get(sale.standard.id);
    const workshop = byType.get(sale.workshop.id);
    expect(standard).toMatchObject({
      discountCents: want.lines[0]?.discountCents,
      feeCents: want.lines[0]?.feeCents,
      taxCents: want.lines[0]?.taxCents,
      totalCents: want.lines[0]?.totalCents,
      taxRate: { id: sale.vat.id, name: 'VAT 19%', rateBasisPoints: 1900, inclusive: true },
    });
    expect(workshop).toMatchObject({
      discountCents: want.lines[1]?.discountCents,
      feeCents: want.lines[1]?.feeCents,
      taxCents: want.lines[1]?.taxCents,
      totalCents: want.lines[1]?.totalCents,
      taxRate: { id: sale.salesTax.id, inclusive: false },
    });
    // The figures a person can check: 2 × 49.99 + 3 × 19.99 = 159.95, 10% off = 15.99 (truncated).
    expect(order.subtotalCents).toBe(15_995);
    expect(order.discountCents).toBe(1_599);
    // Fee: 0.99 + 2.5% of 143.96 = 0.99 + 3.60 (half up) = 4.59.
    expect(order.feeCents).toBe(459);
    expectSums(order);

    // Read back: the same answer, and the rows say the same.
    const read = await world.anonymous.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(read.body.items).toEqual(order.items);
    const rows = await rowsOf(order.id);
    expect(rows.order).toMatchObject({
      subtotal: want.subtotalCents,
      discount: want.discountCents,
      fee: want.feeCents,
      passed: true,
      tax: want.taxCents,
      total: want.totalCents,
    });
    expect(rows.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ticketTypeId: sale.standard.id,
          taxName: 'VAT 19%',
          bp: 1900,
          inclusive: true,
        }),
      ]),
    );

    // Paying charges exactly the total.
    const paid = await pay(world.anonymous, order);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const payment = await pool.query('SELECT amount_cents::int AS amount FROM payments WHERE order_id = $1', [
      order.id,
    ]);
    expect(payment.rows[0]?.amount).toBe(want.totalCents);
  });

  it('an absorbed fee is the organizer’s: not in the buyer’s total, kept on the order for the report', async () => {
    const fee = { fixedCents: 50, percentBasisPoints: 300, passedOn: false };
    const sale = await mixedSale(fee);
    const order = (await reserveOk(
      world.anonymous,
      orderBody(sale.event, [[sale.standard, 1]]),
    )) as unknown as MoneyOrder;
    const want = expected([{ price: 4999, quantity: 1, tax: { bp: 1900, inclusive: true } }], null, fee);
    expect(order.feeCents).toBe(0);
    expect(order.items[0]?.feeCents).toBe(0);
    // VAT is inside the price: the buyer pays the price.
    expect(order.totalCents).toBe(4999);
    expect(order.taxCents).toBe(want.taxCents);
    expect(order.taxCents).toBe(798);
    const rows = await rowsOf(order.id);
    expect(rows.order).toMatchObject({ fee: want.feeCents, passed: false, total: 4999 });
    expect(want.feeCents).toBe(50 + 150);
  });

  it('orders without tax, fee or discount: each line is its price; a free order stays free', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'Plain', priceCents: 2500, capacity: 10 }]);
    const plain = types[0];
    if (!plain) throw new Error('no type');
    const order = (await reserveOk(world.anonymous, orderBody(event, [[plain, 2]]))) as unknown as MoneyOrder;
    expect(order).toMatchObject({
      subtotalCents: 5000,
      discountCents: 0,
      feeCents: 0,
      taxCents: 0,
      totalCents: 5000,
    });
    // Every line says its money, even when there is nothing but its price.
    expect(order.items[0]).toMatchObject({ discountCents: 0, feeCents: 0, taxCents: 0, totalCents: 5000 });
    expect(order.items[0]?.taxRate).toBeUndefined();

    const sale = await mixedSale({ fixedCents: 99, percentBasisPoints: 250, passedOn: true });
    const free = (await reserveOk(
      world.anonymous,
      orderBody(sale.event, [[sale.free, 1]]),
    )) as unknown as MoneyOrder;
    expect(free).toMatchObject({ status: 'paid', totalCents: 0, feeCents: 0, taxCents: 0 });
  });

  it('a replayed reserve answers the same priced order', async () => {
    const sale = await mixedSale({ fixedCents: 0, percentBasisPoints: 500, passedOn: true });
    const body = orderBody(sale.event, [[sale.workshop, 2]]);
    const replayKey = `money-replay-${sale.event.id}`;
    const first = await reserve(world.anonymous, body, replayKey);
    const again = await reserve(world.anonymous, body, replayKey);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expectSums(first.body as MoneyOrder);
  });

  it('a rate orders were priced with can no longer change', async () => {
    const sale = await mixedSale({ fixedCents: 0, percentBasisPoints: 0, passedOn: true });
    await reserveOk(world.anonymous, orderBody(sale.event, [[sale.workshop, 1]]));
    expectProblem(
      await world.admin.patch(`/api/tax-rates/${sale.salesTax.id}`, { rateBasisPoints: 900 }),
      409,
      'TAX_RATE_IN_USE',
    );
  });

  it('the box office charges tax but no service fee; a comp order is all discount', async () => {
    const sale = await mixedSale({ fixedCents: 99, percentBasisPoints: 250, passedOn: true });
    const cash = await world.owner.post(`/api/events/${sale.event.id}/orders`, {
      items: [{ ticketTypeId: sale.workshop.id, quantity: 2 }],
      buyer: { name: 'Door buyer', email: 'door@example.test' },
      paymentMethod: 'cash',
      sendEmail: false,
    });
    expect(cash.status, JSON.stringify(cash.body)).toBe(201);
    const want = expected([{ price: 1999, quantity: 2, tax: { bp: 888, inclusive: false } }], null, null);
    expect(cash.body).toMatchObject({ feeCents: 0, taxCents: want.taxCents, totalCents: want.totalCents });
    expectSums(cash.body as MoneyOrder);

    const comp = await world.owner.post(`/api/events/${sale.event.id}/orders`, {
      items: [{ ticketTypeId: sale.standard.id, quantity: 1 }],
      buyer: { name: 'Press', email: 'press@example.test' },
      paymentMethod: 'comp',
      sendEmail: false,
    });
    expect(comp.status, JSON.stringify(comp.body)).toBe(201);
    expect(comp.body).toMatchObject({
      subtotalCents: 4999,
      discountCents: 4999,
      taxCents: 0,
      feeCents: 0,
      totalCents: 0,
    });
  });
});

describe('refunds give back the matching tax and fee', () => {
  it('by amount, split in proportion; the rest gives back exactly what was paid, part by part', async () => {
    const fee = { fixedCents: 99, percentBasisPoints: 250, passedOn: true };
    const sale = await mixedSale(fee);
    const reserved = await reserveOk(
      world.anonymous,
      orderBody(sale.event, [
        [sale.standard, 2],
        [sale.workshop, 1],
      ]),
    );
    const paid = await pay(world.anonymous, reserved);
    expect(paid.status).toBe(200);
    const order = paid.body as MoneyOrder;

    const part = await world.owner.post(`/api/orders/${order.id}/refund`, { amountCents: 3333 });
    expect(part.status, JSON.stringify(part.body)).toBe(200);
    const rest = await world.owner.post(`/api/orders/${order.id}/refund`, {});
    expect(rest.status, JSON.stringify(rest.body)).toBe(200);
    expect(rest.body).toMatchObject({ status: 'refunded', refundedCents: order.totalCents });

    const refunds = await refundLines(order.id);
    expect(refunds.map((r) => r.amount)).toEqual([3333, order.totalCents - 3333]);
    for (const refund of refunds) {
      const sum = refund.lines.reduce(
        (total, line) => total + Number(line.priceCents) + Number(line.taxCents) + Number(line.feeCents),
        0,
      );
      expect(sum).toBe(refund.amount);
    }
    // Both refunds together: each line's tax and fee back, to the cent.
    const rows = await rowsOf(order.id);
    for (const line of rows.lines) {
      const back = refunds.flatMap((r) => r.lines).filter((l) => l.ticketTypeId === line.ticketTypeId);
      expect(back.reduce((s, l) => s + Number(l.taxCents), 0)).toBe(line.tax);
      expect(back.reduce((s, l) => s + Number(l.feeCents), 0)).toBe(line.fee);
      expect(
        back.reduce((s, l) => s + Number(l.priceCents) + Number(l.taxCents) + Number(l.feeCents), 0),
      ).toBe(line.total);
    }
    // The first refund's tax share is in proportion to the tax in what was paid.
    const firstTax = refunds[0]?.lines.reduce((s, l) => s + Number(l.taxCents), 0) ?? 0;
    expect(Math.abs(firstTax - (3333 * order.taxCents) / order.totalCents)).toBeLessThanOrEqual(2);
  });

  it('a ticket refund gives back its own line’s price, tax and fee', async () => {
    const sale = await mixedSale({ fixedCents: 0, percentBasisPoints: 1000, passedOn: true });
    const reserved = await reserveOk(
      world.anonymous,
      orderBody(sale.event, [
        [sale.standard, 1],
        [sale.workshop, 2],
      ]),
    );
    const paid = await pay(world.anonymous, reserved);
    const order = paid.body as MoneyOrder;
    const workshopTickets = (order.tickets ?? []).filter(
      (ticket) => ticket.ticketTypeId === sale.workshop.id,
    );
    const rows = await rowsOf(order.id);
    const workshopLine = rows.lines.find((line) => line.ticketTypeId === sale.workshop.id);
    if (!workshopLine || workshopTickets.length !== 2) throw new Error('workshop line missing');

    const one = await world.owner.post(`/api/orders/${order.id}/refund`, {
      ticketIds: [workshopTickets[0]?.id],
    });
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    const two = await world.owner.post(`/api/orders/${order.id}/refund`, {
      ticketIds: [workshopTickets[1]?.id],
    });
    expect(two.status, JSON.stringify(two.body)).toBe(200);
    const refunds = await refundLines(order.id);
    const back = refunds.flatMap((r) => r.lines);
    // Nothing of the other line moved; the workshop line came back whole, tax and fee with it.
    expect(
      back.filter((l) => l.ticketTypeId === sale.standard.id).every((l) => Number(l.priceCents) === 0),
    ).toBe(true);
    const workshop = back.filter((l) => l.ticketTypeId === sale.workshop.id);
    expect(workshop.reduce((s, l) => s + Number(l.taxCents), 0)).toBe(workshopLine.tax);
    expect(workshop.reduce((s, l) => s + Number(l.feeCents), 0)).toBe(workshopLine.fee);
    expect(refunds.reduce((s, r) => s + r.amount, 0)).toBe(workshopLine.total);
    expect(two.body.status).toBe('partially_refunded');
  });
});

describe('property: the statement prices like the rule, whatever the cart', () => {
  it('random carts, rates, codes and fees: equal to priceOrder to the cent, and the sums hold', async () => {
    const inclusive = await createRate({ name: 'Incl', rateBasisPoints: 2000, inclusive: true });
    const exclusive = await createRate({ name: 'Excl', rateBasisPoints: 725, inclusive: false });
    const rates = [null, inclusive, exclusive] as const;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            price: fc.integer({ min: 0, max: 250_000 }),
            quantity: fc.integer({ min: 1, max: 3 }),
            rate: fc.integer({ min: 0, max: 2 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.option(
          fc.oneof(
            fc.record({ percentOff: fc.integer({ min: 1, max: 100 }) }),
            fc.record({ amountOffCents: fc.integer({ min: 1, max: 50_000 }) }),
          ),
          { nil: null },
        ),
        fc.option(
          fc.record({
            fixedCents: fc.integer({ min: 0, max: 500 }),
            percentBasisPoints: fc.integer({ min: 0, max: 1500 }),
            passedOn: fc.boolean(),
          }),
          { nil: null },
        ),
        async (lines, discount, fee) => {
          run += 1;
          const { event, types } = await openSale(
            t,
            world,
            lines.map((line, i) => ({
              name: `T${i}`,
              priceCents: line.price,
              capacity: 100,
              maxPerOrder: 10,
            })),
          );
          for (const [i, line] of lines.entries()) {
            const rate = rates[line.rate];
            const type = types[i];
            if (rate && type) await setRate(type.id, rate.id);
          }
          if (fee) await setFee(event.id, fee);
          const eligible = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
          const code = discount && eligible > 0 ? `P${run}X${Date.now() % 100_000}` : undefined;
          if (code && discount) await createPromo(world.owner, event.id, { code, ...discount });
          const res = await reserve(
            world.anonymous,
            orderBody(
              event,
              lines.map((line, i) => [types[i] ?? '', line.quantity]),
              code ? { promoCode: code } : {},
            ),
          );
          expect(res.status, JSON.stringify(res.body)).toBe(201);
          const order = res.body as MoneyOrder;
          const want = expected(
            lines.map((line) => {
              const rate = rates[line.rate];
              return {
                price: line.price,
                quantity: line.quantity,
                tax: rate ? { bp: rate.rateBasisPoints, inclusive: rate.inclusive } : null,
              };
            }),
            code ? discount : null,
            fee && (fee.fixedCents > 0 || fee.percentBasisPoints > 0) ? fee : null,
          );
          expect(order.totalCents).toBe(want.totalCents);
          expect(order.taxCents).toBe(want.taxCents);
          expect(order.discountCents).toBe(want.discountCents);
          expect(order.feeCents).toBe(want.feePassedOn ? want.feeCents : 0);
          expectSums(order);
          const rows = await rowsOf(order.id);
          expect(rows.order.total).toBe(want.totalCents);
          expect(rows.order.fee).toBe(want.feeCents);
          expect(rows.lines.reduce((sum: number, line: { total: number }) => sum + line.total, 0)).toBe(
            want.totalCents,
          );
        },
      ),
      { numRuns: 25, seed: 1404 },
    );
  });
});

describe('invoice to a company: the details step', () => {
  it('keeps the company, address and tax id the buyer gives; refuses an empty name; null invoices the buyer', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0] ?? '', 1]]));
    const path = `/api/orders/${order.id}/details?token=${order.accessToken}`;
    const before = await world.anonymous.get(path);
    expect(before.status).toBe(200);
    expect(before.body.billing).toBeNull();

    const billing = {
      companyName: 'Analytical Engines Ltd',
      address: '12 St James Sq, London',
      taxId: 'GB999',
    };
    const saved = await world.anonymous.put(path, { billing });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.billing).toEqual(billing);
    const row = await pool.query('SELECT billing_details FROM orders WHERE id = $1', [order.id]);
    expect(row.rows[0]?.billing_details).toEqual(billing);

    for (const bad of [{ companyName: '' }, { companyName: 'X', vat: 'GB1' }, { address: 'No name' }, 'Acme'])
      expectProblem(await world.anonymous.put(path, { billing: bad }), 400, 'VALIDATION_FAILED');
    expect((await world.anonymous.get(path)).body.billing).toEqual(billing);
    // Only its buyer: another order's token opens nothing.
    expectProblem(
      await world.anonymous.put(`/api/orders/${order.id}/details?token=not-the-token`, { billing }),
      404,
      'NOT_FOUND',
    );

    const cleared = await world.anonymous.put(path, { billing: null });
    expect(cleared.body.billing).toBeNull();
  });
});
