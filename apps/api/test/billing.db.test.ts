import { beforeAll, describe, expect, it } from 'vitest';
import { openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp } from './harness';
import { buyTickets, expectProblem } from './insight-helpers';

/** An organization's tax rates and billing profile: what its invoices are made of. */

const t = buildTestApp();
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const ratesPath = () => `/api/organizations/${world.org.id}/tax-rates`;

async function createRate(body: Record<string, unknown>) {
  const res = await world.admin.post(ratesPath(), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; inUse: boolean };
}

describe('tax rates', () => {
  it('are created, listed and changed by owners and admins, read by staff', async () => {
    const vat = await createRate({ name: 'VAT 19%', rateBasisPoints: 1900 });
    expect(vat).toMatchObject({
      name: 'VAT 19%',
      rateBasisPoints: 1900,
      inclusive: true,
      retiredAt: null,
      inUse: false,
    });
    const salesTax = await createRate({ name: 'Sales tax', rateBasisPoints: 725, inclusive: false });
    const listed = await world.staff.get(ratesPath());
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining([vat.id, salesTax.id]),
    );

    const changed = await world.owner.patch(`/api/tax-rates/${salesTax.id}`, {
      rateBasisPoints: 875,
      name: 'NY sales tax',
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ rateBasisPoints: 875, name: 'NY sales tax', inclusive: false });

    expectProblem(await world.staff.post(ratesPath(), { name: 'X', rateBasisPoints: 1 }), 403, 'FORBIDDEN');
    expectProblem(await world.staff.patch(`/api/tax-rates/${vat.id}`, { name: 'X' }), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.get(ratesPath()), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.patch(`/api/tax-rates/${vat.id}`, { name: 'X' }), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.delete(`/api/tax-rates/${vat.id}`), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.get(ratesPath()), 401, 'UNAUTHENTICATED');
  });

  it('refuses bad rates and changes', async () => {
    for (const body of [
      { name: 'Too much', rateBasisPoints: 10_001 },
      { name: 'Negative', rateBasisPoints: -1 },
      { name: 'Fraction', rateBasisPoints: 19.5 },
      { name: '', rateBasisPoints: 1900 },
      { name: 'Text', rateBasisPoints: '1900' },
      { name: 'Extra', rateBasisPoints: 1900, country: 'DE' },
    ])
      expectProblem(await world.admin.post(ratesPath(), body), 400, 'VALIDATION_FAILED');
    const rate = await createRate({ name: 'Reduced', rateBasisPoints: 700 });
    expectProblem(await world.admin.patch(`/api/tax-rates/${rate.id}`, {}), 400, 'VALIDATION_FAILED');
    // A malformed id names nothing, as an unknown one.
    expectProblem(await world.admin.patch('/api/tax-rates/not-a-uuid', { name: 'X' }), 404, 'NOT_FOUND');
    expectProblem(
      await world.admin.patch('/api/tax-rates/00000000-0000-4000-8000-000000000000', { name: 'X' }),
      404,
      'NOT_FOUND',
    );
  });

  it('keeps a rate orders were priced with: renamed or retired, never changed; deleted only when unused', async () => {
    const rate = await createRate({ name: 'VAT 20%', rateBasisPoints: 2000 });
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 1200, capacity: 50 }]);
    const ga = types[0];
    if (!ga) throw new Error('no ticket type');
    const assigned = await world.admin.patch(`/api/ticket-types/${ga.id}`, { taxRateId: rate.id });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.taxRateId).toBe(rate.id);
    await buyTickets(world.anonymous, event.id, [[ga.id, 2]]);

    const listed = await world.admin.get(ratesPath());
    expect(listed.body.items.find((r: { id: string }) => r.id === rate.id)).toMatchObject({ inUse: true });
    expectProblem(
      await world.admin.patch(`/api/tax-rates/${rate.id}`, { rateBasisPoints: 1900 }),
      409,
      'TAX_RATE_IN_USE',
    );
    expectProblem(
      await world.admin.patch(`/api/tax-rates/${rate.id}`, { inclusive: false }),
      409,
      'TAX_RATE_IN_USE',
    );
    // The same values again change nothing, so they pass; a new name always does.
    expect(
      (
        await world.admin.patch(`/api/tax-rates/${rate.id}`, {
          rateBasisPoints: 2000,
          name: 'VAT (standard)',
        })
      ).status,
    ).toBe(200);

    // Deleting a rate in use retires it instead.
    expect((await world.admin.delete(`/api/tax-rates/${rate.id}`)).status).toBe(204);
    const retired = (await world.admin.get(ratesPath())).body.items.find(
      (r: { id: string }) => r.id === rate.id,
    );
    expect(retired).toMatchObject({ name: 'VAT (standard)', rateBasisPoints: 2000 });
    expect(typeof retired.retiredAt).toBe('string');
    const back = await world.admin.patch(`/api/tax-rates/${rate.id}`, { retired: false });
    expect(back.body.retiredAt).toBeNull();

    // An unused rate goes for good, and the ticket types carrying it become untaxed.
    const unused = await createRate({ name: 'Unused', rateBasisPoints: 500 });
    const { types: other } = await openSale(t, world, [{ name: 'Other', priceCents: 500, capacity: 5 }]);
    expect(
      (await world.admin.patch(`/api/ticket-types/${other[0]?.id}`, { taxRateId: unused.id })).status,
    ).toBe(200);
    expect((await world.admin.delete(`/api/tax-rates/${unused.id}`)).status).toBe(204);
    expectProblem(await world.admin.patch(`/api/tax-rates/${unused.id}`, { name: 'X' }), 404, 'NOT_FOUND');
    const { rows } = await t.database.pool.query('SELECT tax_rate_id FROM ticket_types WHERE id = $1', [
      other[0]?.id,
    ]);
    expect(rows[0]?.tax_rate_id).toBeNull();
  });
});

describe('taxes on ticket types and the service fee on events', () => {
  it('puts a rate of the organization on a ticket type, never another’s or a retired one', async () => {
    const rate = await createRate({ name: 'VAT 7%', rateBasisPoints: 700 });
    const { event, types } = await openSale(t, world, [{ name: 'Seat', priceCents: 3000, capacity: 10 }]);
    const type = types[0];
    if (!type) throw new Error('no ticket type');
    const created = await world.admin.post(`/api/events/${event.id}/ticket-types`, {
      name: 'Taxed',
      priceCents: 1000,
      capacity: 5,
      taxRateId: rate.id,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.taxRateId).toBe(rate.id);
    expect((await world.admin.get(`/api/events/${event.id}`)).body.ticketTypes).toContainEqual(
      expect.objectContaining({ id: created.body.id, taxRateId: rate.id }),
    );
    expect(
      (await world.admin.patch(`/api/ticket-types/${created.body.id}`, { taxRateId: null })).body.taxRateId,
    ).toBeUndefined();

    const foreign = await world.outsider.post(`/api/organizations/${world.outsiderOrg.id}/tax-rates`, {
      name: 'Theirs',
      rateBasisPoints: 500,
    });
    expect(foreign.status).toBe(201);
    expectProblem(
      await world.admin.patch(`/api/ticket-types/${type.id}`, { taxRateId: foreign.body.id }),
      422,
      'TAX_RATE_NOT_IN_ORGANIZATION',
    );
    expectProblem(
      await world.admin.patch(`/api/ticket-types/${type.id}`, {
        taxRateId: '00000000-0000-4000-8000-000000000000',
      }),
      422,
      'TAX_RATE_NOT_IN_ORGANIZATION',
    );
    expectProblem(
      await world.admin.patch(`/api/ticket-types/${type.id}`, { taxRateId: 'vat' }),
      400,
      'VALIDATION_FAILED',
    );
    await world.admin.patch(`/api/tax-rates/${rate.id}`, { retired: true });
    expectProblem(
      await world.admin.post(`/api/events/${event.id}/ticket-types`, {
        name: 'Late',
        priceCents: 1000,
        capacity: 5,
        taxRateId: rate.id,
      }),
      422,
      'TAX_RATE_RETIRED',
    );
  });

  it('keeps an event’s service fee, none by default', async () => {
    const { event } = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 10 }]);
    const before = await world.admin.get(`/api/events/${event.id}`);
    expect(before.body.fee).toBeUndefined();
    const fee = { fixedCents: 99, percentBasisPoints: 250, passedOn: false };
    const updated = await world.admin.patch(`/api/events/${event.id}`, { fee });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.fee).toEqual(fee);
    for (const bad of [
      { fixedCents: -1, percentBasisPoints: 0, passedOn: true },
      { fixedCents: 0, percentBasisPoints: 10_001, passedOn: true },
      { fixedCents: 0, percentBasisPoints: 100 },
      { fixedCents: 1.5, percentBasisPoints: 100, passedOn: true },
    ])
      expectProblem(
        await world.admin.patch(`/api/events/${event.id}`, { fee: bad }),
        400,
        'VALIDATION_FAILED',
      );
    expectProblem(await world.staff.patch(`/api/events/${event.id}`, { fee }), 403, 'FORBIDDEN');
  });
});

describe('the billing profile', () => {
  const path = () => `/api/organizations/${world.org.id}/billing`;
  const profile = {
    legalName: 'Nightfall Presents GmbH',
    address: 'Torstraße 1\n10119 Berlin\nGermany',
    taxId: 'DE123456789',
    invoicePrefix: 'NF',
    footer: 'IBAN DE00 0000 0000 0000 0000 00',
  };

  it('is empty until saved, then what the owner saved', async () => {
    const empty = await world.staff.get(path());
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({
      configured: false,
      legalName: null,
      invoicePrefix: null,
      timezone: 'UTC',
    });
    const saved = await world.owner.put(path(), profile);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ configured: true, ...profile });
    const { taxId: _taxId, footer: _footer, ...required } = profile;
    const again = await world.admin.put(path(), { ...required, invoicePrefix: 'NF2' });
    expect(again.body).toMatchObject({ taxId: null, footer: null, invoicePrefix: 'NF2' });
    expect((await world.staff.get(path())).body).toMatchObject({ configured: true, invoicePrefix: 'NF2' });
  });

  it('refuses what it must', async () => {
    expectProblem(await world.staff.put(path(), profile), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.get(path()), 404, 'NOT_FOUND');
    for (const bad of [
      { ...profile, invoicePrefix: 'nf' },
      { ...profile, invoicePrefix: 'WAY-TOO-LONG-PREFIX' },
      { ...profile, legalName: '' },
      { ...profile, address: 42 },
      { ...profile, vatRate: 19 },
      { ...profile, timezone: 'Mars/Olympus' },
    ])
      expectProblem(await world.owner.put(path(), bad), 400, 'VALIDATION_FAILED');
  });
});
