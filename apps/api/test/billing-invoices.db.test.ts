import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDatabase, type Database } from '../src/db/client';
import { issueDueInvoices, issueInvoices } from '../src/modules/billing';
import { systemClock } from '../src/shared/clock';
import { openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';
import { buyTickets } from './insight-helpers';

/**
 * Invoice numbers: one gapless series per organization and year (the year of the payment in the
 * organization's time zone), in the order of payment, never a number skipped or given twice, however
 * many payments and numbering runs meet.
 */

let t: TestApp;
let database: Database;
let world: World;

beforeAll(async () => {
  database = createDatabase(inject('databaseUrl'), 10);
  // 200 payments at once queue on the pool: a bounded wait and load shedding are about capacity, and
  // this test counts invoice numbers (as checkout-concurrency.db.test.ts does).
  database.pool.options.connectionTimeoutMillis = 30_000;
  t = buildTestApp({ database, maxWaitingForDb: 100_000 });
  world = await createWorld(t.app, t.database.db);
  const saved = await world.owner.put(`/api/organizations/${world.org.id}/billing`, {
    legalName: 'Nightfall Presents GmbH',
    address: 'Torstraße 1, 10119 Berlin',
    invoicePrefix: 'NF',
  });
  expect(saved.status).toBe(200);
});

afterAll(async () => {
  await database?.close();
});

async function invoiceRows(organizationId: string) {
  const { rows } = await t.database.pool.query<{
    order_id: string;
    year: number;
    sequence: number;
    number: string;
    amount_cents: string;
    paid_at: Date;
  }>(
    `SELECT i.order_id, i.year, i.sequence, i.number, i.amount_cents, o.paid_at
     FROM invoices i JOIN orders o ON o.id = i.order_id
     WHERE i.organization_id = $1 ORDER BY i.year, i.sequence`,
    [organizationId],
  );
  return rows;
}

const since = new Date(Date.now() - 86_400_000);
const issue = (organizationId: string) =>
  t.database.db.transaction((tx) => issueInvoices(tx, organizationId, since, new Date()));

describe('invoice numbers', () => {
  it('number 200 parallel payments 1 to 200 in the order of payment, with runs meeting', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 1500, capacity: 500 }]);
    const ga = types[0];
    if (!ga) throw new Error('no ticket type');
    // 200 buyers pay at once while numbering runs go on beside them.
    const payments = Array.from({ length: 200 }, () => buyTickets(world.anonymous, event.id, [[ga.id, 1]]));
    const runs: Promise<number>[] = [];
    const runner = (async () => {
      for (let i = 0; i < 10; i++) {
        runs.push(issue(world.org.id));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await Promise.all(payments);
    await runner;
    await Promise.all(runs);
    await Promise.all([
      issue(world.org.id),
      issue(world.org.id),
      issueDueInvoices({ db: t.database.db, clock: systemClock }),
    ]);

    const rows = await invoiceRows(world.org.id);
    expect(rows).toHaveLength(200);
    const year = rows[0]?.year ?? 0;
    expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set(rows.map((row) => row.order_id)).size).toBe(200);
    expect(rows[0]?.number).toBe(`NF-${year}-000001`);
    expect(rows[199]?.number).toBe(`NF-${year}-000200`);
    expect(rows.every((row) => Number(row.amount_cents) === 1500)).toBe(true);
    // (Each run numbers in the order of payment; a payment still committing when a run starts is
    // numbered by the next run, after later payments: the series stays gapless either way.)
    // Nothing left to number: a run again issues nothing.
    expect(await issue(world.org.id)).toBe(0);
  });

  it('continues the series, counts years in the organization’s time zone, and skips free orders', async () => {
    const other = await createWorld(t.app, t.database.db);
    // UTC+14: a payment at 11:00 UTC on 31 December is on 1 January there.
    const profile = await other.owner.put(`/api/organizations/${other.org.id}/billing`, {
      legalName: 'Kiribati Nights',
      address: 'Main road, Kiritimati',
      invoicePrefix: 'INV',
      timezone: 'Pacific/Kiritimati',
    });
    expect(profile.body).toMatchObject({ timezone: 'Pacific/Kiritimati' });
    const { event, types } = await openSale(t, other, [
      { name: 'Paid', priceCents: 2000, capacity: 10 },
      { name: 'Free', priceCents: 0, capacity: 10 },
    ]);
    const [paid, free] = types;
    if (!paid || !free) throw new Error('no ticket types');
    const first = await buyTickets(other.anonymous, event.id, [[paid.id, 1]]);
    const newYear = await buyTickets(other.anonymous, event.id, [[paid.id, 2]]);
    await buyTickets(other.anonymous, event.id, [[free.id, 1]]);
    const thisYear = new Date().getUTCFullYear();
    await t.database.pool.query(`UPDATE orders SET paid_at = $2 WHERE id = $1`, [
      first.id,
      new Date(Date.UTC(thisYear, 5, 1, 12)),
    ]);
    await t.database.pool.query(`UPDATE orders SET paid_at = $2 WHERE id = $1`, [
      newYear.id,
      new Date(Date.UTC(thisYear, 11, 31, 11)),
    ]);
    expect(await issue(other.org.id)).toBe(2);
    const rows = await invoiceRows(other.org.id);
    expect(rows.map((row) => [row.order_id, row.number])).toEqual([
      [first.id, `INV-${thisYear}-000001`],
      [newYear.id, `INV-${thisYear + 1}-000001`],
    ]);
    const later = await buyTickets(other.anonymous, event.id, [[paid.id, 1]]);
    await t.database.pool.query(`UPDATE orders SET paid_at = $2 WHERE id = $1`, [
      later.id,
      new Date(Date.UTC(thisYear, 6, 1, 12)),
    ]);
    await issue(other.org.id);
    expect((await invoiceRows(other.org.id)).find((row) => row.order_id === later.id)?.number).toBe(
      `INV-${thisYear}-000002`,
    );
  });
  it('numbers on request only orders made since the one asked for, and the sweep the rest, gapless', async () => {
    // An email or a download numbers the orders made since its own: during a sale that is a moment's
    // orders, not two days of them. An older order left unnumbered is taken by the next run.
    const other = await createWorld(t.app, t.database.db);
    const { event, types } = await openSale(t, other, [{ name: 'GA', priceCents: 1500, capacity: 10 }]);
    const ga = types[0];
    if (!ga) throw new Error('no ticket type');
    const older = await buyTickets(other.anonymous, event.id, [[ga.id, 1]]);
    const newer = await buyTickets(other.anonymous, event.id, [[ga.id, 1]]);
    const pdf = (order: { id: string; accessToken: string }) =>
      other.anonymous.get(`/api/orders/${order.id}/invoice.pdf?token=${order.accessToken}`);

    expect((await pdf(newer)).status).toBe(200);
    expect((await invoiceRows(other.org.id)).map((row) => [row.order_id, row.sequence])).toEqual([
      [newer.id, 1],
    ]);
    expect((await pdf(older)).status).toBe(200);
    const third = await buyTickets(other.anonymous, event.id, [[ga.id, 1]]);
    await issueDueInvoices({ db: t.database.db, clock: systemClock });
    expect((await invoiceRows(other.org.id)).map((row) => [row.order_id, row.sequence])).toEqual([
      [newer.id, 1],
      [older.id, 2],
      [third.id, 3],
    ]);
  });

  it('runs one numbering of an organization at a time per process: the others wait without a connection', async () => {
    // A sale's first confirmations all find their invoice missing at once. Each used to run the
    // numbering, queueing on the organization's lock in PostgreSQL with a pooled connection held.
    const other = await createWorld(t.app, t.database.db);
    await other.owner.put(`/api/organizations/${other.org.id}/billing`, {
      legalName: 'Other GmbH',
      address: 'Torstraße 2, 10119 Berlin',
      invoicePrefix: 'OT',
    });
    const { event, types } = await openSale(t, other, [{ name: 'GA', priceCents: 1500, capacity: 30 }]);
    const ga = types[0];
    if (!ga) throw new Error('no ticket type');
    const orders: Array<{ id: string; accessToken: string }> = [];
    for (let i = 0; i < 12; i++) orders.push(await buyTickets(other.anonymous, event.id, [[ga.id, 1]]));
    let inFlight = 0;
    let mostAtOnce = 0;
    let runs = 0;
    const query = t.database.pool.query.bind(t.database.pool);
    const counting = async (...args: Parameters<typeof query>) => {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
      const isNumbering = text?.includes('zevents_issue_invoices') ?? false;
      if (isNumbering) {
        runs++;
        mostAtOnce = Math.max(mostAtOnce, ++inFlight);
      }
      try {
        return await query(...args);
      } finally {
        if (isNumbering) inFlight--;
      }
    };
    const spy = vi.spyOn(t.database.pool, 'query').mockImplementation(counting as typeof query);
    try {
      // The oldest order asked first: its run covers all twelve, the others find theirs done.
      const answers = await Promise.all(
        orders.map((order) =>
          other.anonymous.get(`/api/orders/${order.id}/invoice.pdf?token=${order.accessToken}`),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(orders.map(() => 200));
    } finally {
      spy.mockRestore();
    }
    expect(mostAtOnce).toBe(1);
    expect(runs).toBeLessThan(orders.length);
    const rows = await invoiceRows(other.org.id);
    expect(rows.map((row) => row.sequence)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(rows.map((row) => row.order_id))).toEqual(new Set(orders.map((order) => order.id)));
  });
});
