import type { FinancialCurrencyReport, FinancialReport } from '@zevents/contracts';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp } from './harness';
import { buyTickets, expectProblem, refundOrder } from './insight-helpers';

/**
 * The financial report against the orders themselves: a mix of taxes, codes, fees, box office
 * orders, refunds and currencies, every figure recomputed here from the raw rows, to the cent.
 */

const t = buildTestApp();
let world: World;
const guest = (label: string) => ({ name: `Guest ${label}`, email: `guest-${label}@example.test` });

interface Fixture {
  eur: string;
  absorbed: string;
  jpy: string;
  kwd: string;
  types: Record<string, string>;
  vat: string;
  salesTax: string;
}
let fx: Fixture;

async function ok<T>(res: { status: number; body: unknown }, status = 200): Promise<T> {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as T;
}

async function sale(
  input: { currency?: string; title: string },
  fee: { fixedCents: number; percentBasisPoints: number; passedOn: boolean } | null,
  types: Array<{ name: string; priceCents: number; taxRateId?: string }>,
) {
  const { event } = await createEvent(t.database.db, world, { input: input });
  if (fee) await ok(await world.admin.patch(`/api/events/${event.id}`, { fee }));
  const ids: string[] = [];
  for (const type of types)
    ids.push(
      (
        await ok<{ id: string }>(
          await world.admin.post(`/api/events/${event.id}/ticket-types`, { capacity: 100, ...type }),
          201,
        )
      ).id,
    );
  await ok(await world.admin.post(`/api/events/${event.id}/publish`, {}));
  return { eventId: event.id, ids };
}

async function setPaidAt(orderId: string, at: string) {
  await t.database.pool.query('UPDATE orders SET paid_at = $2 WHERE id = $1', [orderId, at]);
}
async function setRefundedAt(orderId: string, at: string) {
  await t.database.pool.query('UPDATE refunds SET created_at = $2 WHERE order_id = $1', [orderId, at]);
}

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
  const vat = await ok<{ id: string }>(
    await world.admin.post(`/api/organizations/${world.org.id}/tax-rates`, {
      name: 'VAT 19%',
      rateBasisPoints: 1900,
    }),
    201,
  );
  const salesTax = await ok<{ id: string }>(
    await world.admin.post(`/api/organizations/${world.org.id}/tax-rates`, {
      name: 'Sales tax',
      rateBasisPoints: 725,
      inclusive: false,
    }),
    201,
  );
  // Passed-on fee, two rates, a promo code.
  const eur = await sale(
    { title: 'Report passed on' },
    { fixedCents: 50, percentBasisPoints: 250, passedOn: true },
    [
      { name: 'GA', priceCents: 2_500, taxRateId: vat.id },
      { name: '=Balcony', priceCents: 9_000, taxRateId: salesTax.id },
    ],
  );
  await ok(
    await world.admin.post(`/api/events/${eur.eventId}/promo-codes`, { code: 'TENOFF', percentOff: 10 }),
    201,
  );
  // Absorbed fee.
  const absorbed = await sale(
    { title: 'Report absorbed' },
    { fixedCents: 99, percentBasisPoints: 300, passedOn: false },
    [{ name: 'Standing', priceCents: 4_000, taxRateId: vat.id }],
  );
  const jpy = await sale({ title: 'Report yen', currency: 'JPY' }, null, [
    { name: 'Seat', priceCents: 1_200 },
  ]);
  const kwd = await sale({ title: 'Report dinar', currency: 'KWD' }, null, [
    { name: 'Entry', priceCents: 1_234 },
  ]);
  const [ga = '', balcony = ''] = eur.ids;
  const [standing = ''] = absorbed.ids;
  const [seat = ''] = jpy.ids;
  const [entry = ''] = kwd.ids;
  fx = {
    eur: eur.eventId,
    absorbed: absorbed.eventId,
    jpy: jpy.eventId,
    kwd: kwd.eventId,
    types: { ga, balcony, standing, seat, entry },
    vat: vat.id,
    salesTax: salesTax.id,
  };

  // Card orders: with the code on both rates; a partly refunded one; a fully refunded one.
  const coded = await world.anonymous.post('/api/orders', {
    eventId: eur.eventId,
    items: [
      { ticketTypeId: ga, quantity: 2 },
      { ticketTypeId: balcony, quantity: 1 },
    ],
    buyer: guest('coded'),
    promoCode: 'TENOFF',
  });
  const codedOrder = await ok<{ id: string; accessToken: string; discountCents: number }>(coded, 201);
  expect(codedOrder.discountCents).toBeGreaterThan(0);
  await ok(
    await world.anonymous.post(`/api/orders/${codedOrder.id}/pay?token=${codedOrder.accessToken}`, {
      card: '4242424242424242',
    }),
  );
  await setPaidAt(codedOrder.id, '2026-03-01T23:30:00Z'); // March 2 in Berlin, March 1 in UTC

  const partly = await buyTickets(world.anonymous, eur.eventId, [
    [ga, 1],
    [balcony, 1],
  ]);
  await setPaidAt(partly.id, '2026-03-02T10:00:00Z');
  await refundOrder(world.owner, partly.id, { amountCents: 1_000 });
  await setRefundedAt(partly.id, '2026-03-05T12:00:00Z');

  const whole = await buyTickets(world.anonymous, eur.eventId, [[balcony, 1]]);
  await setPaidAt(whole.id, '2026-03-02T11:00:00Z');
  await refundOrder(world.owner, whole.id);
  await setRefundedAt(whole.id, '2026-03-06T09:00:00Z');

  // The box office: cash and comp.
  const cash = await ok<{ id: string }>(
    await world.admin.post(`/api/events/${eur.eventId}/orders`, {
      items: [{ ticketTypeId: ga, quantity: 2 }],
      buyer: guest('cash'),
      paymentMethod: 'cash',
      sendEmail: false,
    }),
    201,
  );
  await setPaidAt(cash.id, '2026-03-03T18:00:00Z');
  const comp = await ok<{ id: string }>(
    await world.admin.post(`/api/events/${eur.eventId}/orders`, {
      items: [{ ticketTypeId: balcony, quantity: 1 }],
      buyer: guest('comp'),
      paymentMethod: 'comp',
      sendEmail: false,
    }),
    201,
  );
  await setPaidAt(comp.id, '2026-03-03T18:05:00Z');

  // The absorbed fee, partly refunded.
  const standingOrder = await buyTickets(world.anonymous, absorbed.eventId, [[standing, 3]]);
  await setPaidAt(standingOrder.id, '2026-03-04T08:00:00Z');
  await refundOrder(world.owner, standingOrder.id, { amountCents: 4_001 });
  await setRefundedAt(standingOrder.id, '2026-03-04T20:00:00Z');

  // Yen and dinar.
  const yen = await buyTickets(world.anonymous, jpy.eventId, [[seat, 2]]);
  await setPaidAt(yen.id, '2026-03-02T02:00:00Z');
  await refundOrder(world.owner, yen.id, { amountCents: 500 });
  await setRefundedAt(yen.id, '2026-03-07T02:00:00Z');
  const dinar = await buyTickets(world.anonymous, kwd.eventId, [[entry, 1]]);
  await setPaidAt(dinar.id, '2026-03-02T03:00:00Z');

  // Not a sale: an abandoned hold.
  await ok(
    await world.anonymous.post('/api/orders', {
      eventId: eur.eventId,
      items: [{ ticketTypeId: ga, quantity: 1 }],
      buyer: guest('hold'),
    }),
    201,
  );
});

/** The report recomputed from the raw rows, one order, line and refund at a time. */
async function recompute(options: {
  eventIds: string[];
  from: string | null;
  to: string;
  timezone: string;
}): Promise<FinancialCurrencyReport[]> {
  const { rows: orders } = await t.database.pool.query(
    `SELECT o.*, coalesce(o.paid_at, o.created_at) AS sold_at FROM orders o
     WHERE o.event_id = ANY($1) AND o.status IN ('paid', 'partially_refunded', 'refunded')`,
    [options.eventIds],
  );
  const { rows: items } = await t.database.pool.query(
    `SELECT oi.*, tt.name AS type_name FROM order_items oi JOIN ticket_types tt ON tt.id = oi.ticket_type_id
     WHERE oi.order_id = ANY($1)`,
    [orders.map((o) => o.id)],
  );
  const { rows: refunds } = await t.database.pool.query('SELECT * FROM refunds WHERE order_id = ANY($1)', [
    orders.map((o) => o.id),
  ]);
  const dayOf = (at: Date) => DateTime.fromJSDate(at).setZone(options.timezone).toISODate() ?? '';
  const inWindow = (day: string) => (options.from === null || day >= options.from) && day <= options.to;
  const n = Number;
  const orderById = new Map(orders.map((o) => [o.id as string, o]));
  interface Sums {
    grossCents: number;
    discountCents: number;
    paidCents: number;
    feesPassedOnCents: number;
    feesAbsorbedCents: number;
    taxCents: number;
    refundsCents: number;
    refundedTaxCents: number;
    refundedFeesCents: number;
    netCents: number;
    orders: number;
    tickets: number;
    feesCents?: number;
  }
  const blank = (): Sums => ({
    grossCents: 0,
    discountCents: 0,
    paidCents: 0,
    feesPassedOnCents: 0,
    feesAbsorbedCents: 0,
    taxCents: 0,
    refundsCents: 0,
    refundedTaxCents: 0,
    refundedFeesCents: 0,
    netCents: 0,
    orders: 0,
    tickets: 0,
  });
  const reports = new Map<
    string,
    {
      totals: Sums;
      days: Map<string, Sums>;
      types: Map<string, Sums>;
      methods: Map<string, Sums>;
      taxes: Map<string, Sums>;
    }
  >();
  const of = (currency: string) => {
    let r = reports.get(currency);
    if (!r)
      reports.set(
        currency,
        (r = { totals: blank(), days: new Map(), types: new Map(), methods: new Map(), taxes: new Map() }),
      );
    return r;
  };
  const bucket = (map: Map<string, Sums>, key: string) => {
    let s = map.get(key);
    if (!s) map.set(key, (s = blank()));
    return s;
  };
  for (const o of orders) {
    const day = dayOf(o.sold_at);
    if (!inWindow(day)) continue;
    const r = of(o.currency);
    const lines = items.filter((i) => i.order_id === o.id);
    const tickets = lines.reduce((sum, i) => sum + n(i.quantity), 0);
    const fee = n(o.fee_cents);
    // Net from the lines: price after discount, less the tax inside it and an absorbed fee.
    const kept = lines.reduce(
      (sum, i) =>
        sum +
        n(i.unit_price_cents) * i.quantity -
        n(i.discount_cents) -
        (i.tax_inclusive ? n(i.tax_cents) : 0) -
        (o.fee_passed_on ? 0 : n(i.fee_cents)),
      0,
    );
    for (const s of [r.totals, bucket(r.days, day), bucket(r.methods, o.payment_method ?? 'card')]) {
      s.orders += 1;
      s.tickets += tickets;
      s.grossCents += n(o.subtotal_cents);
      s.discountCents += n(o.discount_cents);
      s.paidCents += n(o.total_cents);
      s.feesPassedOnCents += o.fee_passed_on ? fee : 0;
      s.feesAbsorbedCents += o.fee_passed_on ? 0 : fee;
      s.taxCents += n(o.tax_cents);
      s.netCents += kept;
    }
    for (const i of lines) {
      const s = bucket(r.types, i.ticket_type_id);
      s.tickets += i.quantity;
      s.grossCents += n(i.unit_price_cents) * i.quantity;
      s.discountCents += n(i.discount_cents);
      s.taxCents += n(i.tax_cents);
      s.feesCents = (s.feesCents ?? 0) + n(i.fee_cents);
      s.netCents +=
        n(i.unit_price_cents) * i.quantity -
        n(i.discount_cents) -
        (i.tax_inclusive ? n(i.tax_cents) : 0) -
        (o.fee_passed_on ? 0 : n(i.fee_cents));
      if (i.tax_rate_id) bucket(r.taxes, i.tax_rate_id).taxCents += n(i.tax_cents);
    }
  }
  for (const refund of refunds) {
    const day = dayOf(refund.created_at);
    if (!inWindow(day)) continue;
    const o = orderById.get(refund.order_id);
    const r = of(o.currency);
    const lines = refund.lines as Array<{
      ticketTypeId: string;
      priceCents: number;
      taxCents: number;
      feeCents: number;
    }>;
    const tax = lines.reduce((sum, l) => sum + l.taxCents, 0);
    const fee = lines.reduce((sum, l) => sum + l.feeCents, 0);
    const price =
      lines.length === 0 ? n(refund.amount_cents) : lines.reduce((sum, l) => sum + l.priceCents, 0);
    for (const s of [r.totals, bucket(r.days, day), bucket(r.methods, o.payment_method ?? 'card')]) {
      s.refundsCents += n(refund.amount_cents);
      s.refundedTaxCents += tax;
      s.refundedFeesCents += fee;
      s.netCents -= price;
    }
    for (const l of lines) {
      const s = bucket(r.types, l.ticketTypeId);
      s.refundsCents += l.priceCents + l.taxCents + l.feeCents;
      s.netCents -= l.priceCents;
      const item = items.find((i) => i.order_id === refund.order_id && i.ticket_type_id === l.ticketTypeId);
      if (item?.tax_rate_id) bucket(r.taxes, item.tax_rate_id).refundedTaxCents += l.taxCents;
    }
  }
  return [...reports.entries()].map(([currency, r]) => ({
    currency,
    totals: { ...(r.totals as FinancialCurrencyReport['totals']), taxes: [] },
    byDay: [...r.days.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, s]) => ({ date, ...s }) as FinancialCurrencyReport['byDay'][number]),
    byTicketType: [...r.types.entries()].map(([ticketTypeId, s]) => ({
      ticketTypeId,
      ...s,
    })) as unknown as FinancialCurrencyReport['byTicketType'],
    byPaymentMethod: [...r.methods.entries()].map(([method, s]) => ({
      method,
      ...s,
    })) as unknown as FinancialCurrencyReport['byPaymentMethod'],
    // Taxes per rate, kept aside under the totals.
    ...{ taxesByRate: Object.fromEntries(r.taxes) },
  }));
}

function expectSameFigures(report: FinancialReport, expected: FinancialCurrencyReport[]) {
  expect(report.currencies.map((c) => c.currency).sort()).toEqual(expected.map((c) => c.currency).sort());
  for (const want of expected) {
    const got = report.currencies.find((c) => c.currency === want.currency);
    if (!got) throw new Error(`no ${want.currency}`);
    const { taxes, ...totals } = got.totals;
    expect(totals, want.currency).toEqual({ ...want.totals, taxes: undefined });
    // The net by its definition, from the report's own figures.
    expect(totals.netCents).toBe(
      totals.paidCents -
        totals.refundsCents -
        (totals.taxCents - totals.refundedTaxCents) -
        (totals.feesPassedOnCents - totals.refundedFeesCents) -
        totals.feesAbsorbedCents,
    );
    expect(got.byDay).toEqual(want.byDay);
    for (const type of want.byTicketType) {
      const line = got.byTicketType.find((l) => l.ticketTypeId === type.ticketTypeId);
      expect(line, type.ticketTypeId ?? '').toMatchObject({
        tickets: type.tickets,
        grossCents: type.grossCents,
        discountCents: type.discountCents,
        taxCents: type.taxCents,
        feesCents: type.feesCents ?? 0,
        refundsCents: type.refundsCents,
        netCents: type.netCents,
      });
    }
    expect(got.byTicketType).toHaveLength(want.byTicketType.length);
    for (const method of want.byPaymentMethod) {
      expect(
        got.byPaymentMethod.find((l) => l.method === method.method),
        method.method,
      ).toMatchObject({
        orders: method.orders,
        grossCents: method.grossCents,
        paidCents: method.paidCents,
        refundsCents: method.refundsCents,
        netCents: method.netCents,
      });
    }
    expect(got.byPaymentMethod).toHaveLength(want.byPaymentMethod.length);
    const rates = (
      want as unknown as { taxesByRate: Record<string, { taxCents: number; refundedTaxCents: number }> }
    ).taxesByRate;
    expect(
      Object.fromEntries(
        taxes.map((tax) => [
          tax.taxRateId,
          { taxCents: tax.taxCents, refundedTaxCents: tax.refundedTaxCents },
        ]),
      ),
    ).toEqual(
      Object.fromEntries(
        Object.entries(rates).map(([id, s]) => [
          id,
          { taxCents: s.taxCents, refundedTaxCents: s.refundedTaxCents },
        ]),
      ),
    );
    // Every breakdown adds up to the totals.
    for (const key of ['grossCents', 'paidCents', 'refundsCents', 'netCents'] as const) {
      expect(got.byDay.reduce((sum, d) => sum + d[key], 0)).toBe(totals[key]);
      expect(got.byPaymentMethod.reduce((sum, d) => sum + d[key], 0)).toBe(totals[key]);
    }
    for (const key of ['grossCents', 'refundsCents', 'netCents'] as const)
      expect(got.byTicketType.reduce((sum, d) => sum + d[key], 0)).toBe(totals[key]);
    expect(taxes.reduce((sum, tax) => sum + tax.taxCents, 0)).toBe(totals.taxCents);
  }
}

const orgPath = () => `/api/organizations/${world.org.id}/reports/financial`;

describe('the financial report', () => {
  it('agrees with the orders to the cent, per currency, for the organization', async () => {
    const report = await ok<FinancialReport>(
      await world.owner.get(`${orgPath()}?from=2026-03-01&to=2026-03-31&timezone=Europe/Berlin`),
    );
    expect(report).toMatchObject({
      scope: 'organization',
      from: '2026-03-01',
      to: '2026-03-31',
      timezone: 'Europe/Berlin',
    });
    expectSameFigures(
      report,
      await recompute({
        eventIds: [fx.eur, fx.absorbed, fx.jpy, fx.kwd],
        from: '2026-03-01',
        to: '2026-03-31',
        timezone: 'Europe/Berlin',
      }),
    );
    const eur = report.currencies.find((c) => c.currency === 'EUR');
    // Both fees show: passed on by one event, absorbed by the other; two rates, one of each kind.
    expect(eur?.totals.feesPassedOnCents).toBeGreaterThan(0);
    expect(eur?.totals.feesAbsorbedCents).toBeGreaterThan(0);
    expect(eur?.totals.discountCents).toBeGreaterThan(0);
    expect(eur?.totals.taxes.map((tax) => [tax.taxRateId, tax.inclusive])).toEqual(
      expect.arrayContaining([
        [fx.vat, true],
        [fx.salesTax, false],
      ]),
    );
    expect(eur?.byPaymentMethod.map((m) => m.method)).toEqual(['card', 'cash', 'comp']);
    const comp = eur?.byPaymentMethod.find((m) => m.method === 'comp');
    expect(comp?.paidCents).toBe(0);
    expect(comp?.discountCents).toBe(comp?.grossCents);
    const yen = report.currencies.find((c) => c.currency === 'JPY');
    expect(yen?.totals).toMatchObject({ grossCents: 2_400, refundsCents: 500, netCents: 1_900 });
  });

  it('reports one event on its own, over its whole history by default', async () => {
    const report = await ok<FinancialReport>(
      await world.admin.get(`/api/events/${fx.eur}/reports/financial?timezone=UTC`),
    );
    expect(report).toMatchObject({ scope: 'event', eventId: fx.eur, from: null, timezone: 'UTC' });
    expectSameFigures(
      report,
      await recompute({ eventIds: [fx.eur], from: null, to: report.to, timezone: 'UTC' }),
    );
  });

  it('counts sales on their paid day and refunds on their own day, in the time zone asked', async () => {
    const berlin = await ok<FinancialReport>(
      await world.owner.get(`/api/events/${fx.eur}/reports/financial?timezone=Europe/Berlin`),
    );
    const utc = await ok<FinancialReport>(
      await world.owner.get(`/api/events/${fx.eur}/reports/financial?timezone=UTC`),
    );
    const days = (r: FinancialReport) =>
      r.currencies[0]?.byDay.map((d) => [d.date, d.orders, d.refundsCents]);
    // The coded order was paid at 23:30 UTC on March 1: March 2 in Berlin.
    expect(days(utc)).toContainEqual(['2026-03-01', 1, 0]);
    expect(days(berlin)?.find(([date]) => date === '2026-03-01')).toBeUndefined();
    expect(days(berlin)).toContainEqual(['2026-03-02', 3, 0]);
    // Refunds on the days they were made, with no sale that day.
    expect(days(utc)).toContainEqual(['2026-03-05', 0, 1_000]);

    // A window that holds the refunds and none of the sales: net is negative, the figures still add up.
    const late = await ok<FinancialReport>(
      await world.owner.get(`${orgPath()}?from=2026-03-05&to=2026-03-06&timezone=UTC`),
    );
    const eur = late.currencies.find((c) => c.currency === 'EUR');
    expect(eur?.totals.orders).toBe(0);
    expect(eur?.totals.refundsCents).toBeGreaterThan(1_000);
    expect(eur?.totals.netCents).toBeLessThan(0);
    expectSameFigures(
      late,
      await recompute({
        eventIds: [fx.eur, fx.absorbed, fx.jpy, fx.kwd],
        from: '2026-03-05',
        to: '2026-03-06',
        timezone: 'UTC',
      }),
    );

    // The organization's default: the billing profile's time zone, and the last 30 days (none of March 2026's sales).
    await ok(
      await world.owner.put(`/api/organizations/${world.org.id}/billing`, {
        legalName: 'Report GmbH',
        address: 'Somewhere 1',
        invoicePrefix: 'RP',
        timezone: 'Asia/Tokyo',
      }),
    );
    const defaults = await ok<FinancialReport>(await world.owner.get(orgPath()));
    expect(defaults.timezone).toBe('Asia/Tokyo');
    const to = DateTime.now().setZone('Asia/Tokyo');
    expect(defaults.to).toBe(to.toISODate());
    expect(defaults.from).toBe(to.minus({ days: 29 }).toISODate());
  });

  it('writes CSV with exact decimals per currency, summable, formulas guarded', async () => {
    const res = await world.owner.get(`${orgPath()}.csv?from=2026-03-01&to=2026-03-31&timezone=UTC`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="financial-report-.+-2026-03-01-to-2026-03-31\.csv"$/,
    );
    const text = res.text.replace(/^\uFEFF/, '');
    const [header, ...lines] = text
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(header).toEqual([
      'breakdown',
      'currency',
      'key',
      'label',
      'orders',
      'tickets',
      'gross',
      'discounts',
      'paid',
      'fees_passed_on',
      'fees_absorbed',
      'tax',
      'refunds',
      'refunded_tax',
      'refunded_fees',
      'net',
    ]);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const rows = lines.map((cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ''])));
    const totalOf = (currency: string) =>
      rows.find((r) => r.breakdown === 'total' && r.currency === currency);
    expect(totalOf('JPY')).toMatchObject({ gross: '2400', refunds: '500', net: '1900' });
    expect(totalOf('KWD')).toMatchObject({ gross: '1.234', paid: '1.234' });
    expect(totalOf('EUR')?.gross).toMatch(/^\d+\.\d{2}$/);
    // A spreadsheet sums the day rows of a currency to its total, in each amount column.
    const minor = (value: string, digits: number) => Math.round(Number(value) * 10 ** digits);
    for (const [currency, digits] of [
      ['EUR', 2],
      ['JPY', 0],
      ['KWD', 3],
    ] as const) {
      for (const name of [
        'gross',
        'discounts',
        'paid',
        'fees_passed_on',
        'fees_absorbed',
        'tax',
        'refunds',
        'net',
      ]) {
        for (const breakdown of ['day', 'payment_method', 'ticket_type']) {
          const sum = rows
            .filter((r) => r.breakdown === breakdown && r.currency === currency)
            .reduce((s, r) => s + minor(r[name] ?? '', digits), 0);
          expect(sum, `${currency} ${breakdown} ${name}`).toBe(
            minor(totalOf(currency)?.[name] ?? '', digits),
          );
        }
      }
    }
    expect(col('net')).toBeGreaterThan(0);
    expect(rows.find((r) => r.key === fx.types.balcony)?.label).toBe('Report passed on: =Balcony');
    // Alone, the ticket type named "=Balcony" cannot run as a formula.
    const own = await world.admin.get(`/api/events/${fx.eur}/reports/financial.csv?timezone=UTC`);
    expect(own.text).toContain(`ticket_type,EUR,${fx.types.balcony},'=Balcony,`);
    expect(rows.some((r) => r.breakdown === 'tax_rate' && r.label?.startsWith('VAT 19% (19%'))).toBe(true);

    const event = await world.admin.get(`/api/events/${fx.jpy}/reports/financial.csv?timezone=UTC`);
    expect(event.status).toBe(200);
    expect(event.text).toContain('day,JPY,2026-03-02,2026-03-02,1,2,2400,0,2400');
  });

  it('is for owners and admins of the organization only', async () => {
    expectProblem(await world.staff.get(orgPath()), 403, 'FORBIDDEN');
    expectProblem(await world.staff.get(`/api/events/${fx.eur}/reports/financial`), 403, 'FORBIDDEN');
    expectProblem(await world.staff.get(`/api/events/${fx.eur}/reports/financial.csv`), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.get(orgPath()), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.get(`${orgPath()}.csv`), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.get(`/api/events/${fx.eur}/reports/financial`), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.get(`/api/events/${fx.eur}/reports/financial.csv`), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.get(orgPath()), 401, 'UNAUTHENTICATED');
    expectProblem(
      await world.owner.get(`${orgPath()}?from=2026-03-10&to=2026-03-01`),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await world.owner.get(`${orgPath()}?from=March`), 400, 'VALIDATION_FAILED');
    expectProblem(await world.owner.get(`${orgPath()}?timezone=Mars/Olympus`), 400, 'VALIDATION_FAILED');
  });
});
