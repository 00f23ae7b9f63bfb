import { randomUUID } from 'node:crypto';
import type { Event, PromoCode, TicketType } from '@zevents/contracts';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Response } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client';
import { eventReminders, events as eventsTable, promoCodes, ticketTypes } from '../src/db/schema';
import { Actor, createEvent, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

const { app, database } = buildTestApp();
const db = database.db;

const GA = { name: 'General admission', priceCents: 2500, capacity: 100 };

/** Asserts an RFC 9457 problem with the given status and stable code; returns the body. */
function expectProblem(res: Response, status: number, code: string) {
  expect({ status: res.status, code: (res.body as { code?: unknown }).code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.body as { status: number; title: string; detail: string };
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body as { errors?: Array<{ path: string; message: string }> };
}

function expectFieldError(res: Response, status: number, code: string, path: string) {
  const body = expectProblem(res, status, code);
  expect(body.errors?.map((error) => error.path)).toContain(path);
}

/** Everything an organization owns in the events module, to prove a refused request wrote nothing. */
async function snapshotOrg(database: Db, organizationId: string) {
  const eventRows = await database
    .select()
    .from(eventsTable)
    .where(eq(eventsTable.organizationId, organizationId))
    .orderBy(asc(eventsTable.id));
  const ids = eventRows.map((row) => row.id);
  if (ids.length === 0) return { eventRows, types: [], promos: [], reminders: [] };
  const [types, promos, reminders] = await Promise.all([
    database.select().from(ticketTypes).where(inArray(ticketTypes.eventId, ids)).orderBy(asc(ticketTypes.id)),
    database.select().from(promoCodes).where(inArray(promoCodes.eventId, ids)).orderBy(asc(promoCodes.id)),
    database
      .select()
      .from(eventReminders)
      .where(inArray(eventReminders.eventId, ids))
      .orderBy(asc(eventReminders.eventId), asc(eventReminders.offsetMinutes)),
  ]);
  return { eventRows, types, promos, reminders };
}

async function ticketTypeRow(id: string) {
  const rows = await db.select().from(ticketTypes).where(eq(ticketTypes.id, id));
  const row = rows[0];
  if (!row) throw new Error(`ticket type ${id} not found`);
  return row;
}

async function remindersOf(eventId: string): Promise<number[]> {
  const rows = await db
    .select({ offsetMinutes: eventReminders.offsetMinutes })
    .from(eventReminders)
    .where(eq(eventReminders.eventId, eventId));
  return rows.map((row) => row.offsetMinutes).sort((a, b) => b - a);
}

type Method = 'get' | 'post' | 'patch' | 'delete';

function send(actor: Actor, method: Method, path: string, body?: unknown) {
  switch (method) {
    case 'get':
      return actor.get(path);
    case 'post':
      return actor.post(path, body);
    case 'patch':
      return actor.patch(path, body);
    case 'delete':
      return actor.delete(path);
  }
}

async function apiKeyActor(world: World): Promise<Actor> {
  const res = await world.owner.post(`/api/organizations/${world.org.id}/api-keys`, { name: 'integration' });
  expect(res.status).toBe(201);
  const key = (res.body as { key: string }).key;
  return new Actor(app, { Authorization: `Bearer ${key}` });
}

async function eventWithType(world: World) {
  const { event, ticketTypes: types } = await createEvent(db, world, { ticketTypes: [GA] });
  const type = types[0];
  if (!type) throw new Error('no ticket type');
  return { event, type };
}

describe('authorization matrix (ticket types, promo codes, reminders)', () => {
  interface RouteCase {
    method: Method;
    route: string;
    write: boolean;
    status: number;
    body?: unknown;
    /** Builds fresh data in the world; `id` replaces the path's id (unknown uuid, "abc"). */
    target: (world: World, id?: string) => Promise<string>;
    check?: (res: Response) => void;
  }

  const eventId = async (world: World, id?: string) => id ?? (await eventWithType(world)).event.id;

  const routes: RouteCase[] = [
    {
      method: 'post',
      route: '/api/events/{eventId}/ticket-types',
      write: true,
      status: 201,
      body: { name: 'VIP', priceCents: 9000, capacity: 20 },
      target: async (world, id) => `/api/events/${await eventId(world, id)}/ticket-types`,
      check: (res) => expect(res.body).toMatchObject({ name: 'VIP', available: 20 }),
    },
    {
      method: 'patch',
      route: '/api/ticket-types/{ticketTypeId}',
      write: true,
      status: 200,
      body: { capacity: 50 },
      target: async (world, id) => `/api/ticket-types/${id ?? (await eventWithType(world)).type.id}`,
      check: (res) => expect(res.body).toMatchObject({ capacity: 50, available: 50 }),
    },
    {
      method: 'post',
      route: '/api/events/{eventId}/promo-codes',
      write: true,
      status: 201,
      body: { code: 'save10', percentOff: 10 },
      target: async (world, id) => `/api/events/${await eventId(world, id)}/promo-codes`,
      check: (res) => expect(res.body).toMatchObject({ code: 'SAVE10', percentOff: 10 }),
    },
    {
      method: 'get',
      route: '/api/events/{eventId}/promo-codes',
      write: false,
      status: 200,
      target: async (world, id) => {
        if (id) return `/api/events/${id}/promo-codes`;
        const { event } = await eventWithType(world);
        await world.owner.post(`/api/events/${event.id}/promo-codes`, {
          code: 'LISTED',
          amountOffCents: 500,
        });
        return `/api/events/${event.id}/promo-codes`;
      },
      check: (res) => expect(res.body).toMatchObject({ items: [{ code: 'LISTED' }], nextCursor: null }),
    },
    {
      method: 'post',
      route: '/api/events/{eventId}/reminders',
      write: true,
      status: 201,
      body: { offsetMinutes: 4320 },
      target: async (world, id) => `/api/events/${await eventId(world, id)}/reminders`,
      check: (res) => expect(res.body).toMatchObject({ offsetMinutes: 4320 }),
    },
    {
      method: 'get',
      route: '/api/events/{eventId}/reminders',
      write: false,
      status: 200,
      target: async (world, id) => `/api/events/${await eventId(world, id)}/reminders`,
      check: (res) =>
        expect(
          (res.body as { items: Array<{ offsetMinutes: number }> }).items.map((r) => r.offsetMinutes),
        ).toEqual([1440, 120]),
    },
    {
      method: 'delete',
      route: '/api/events/{eventId}/reminders/{offsetMinutes}',
      write: true,
      status: 204,
      target: async (world, id) => `/api/events/${await eventId(world, id)}/reminders/1440`,
    },
  ];

  let world: World;
  let other: World;
  let apiKey: Actor;

  beforeAll(async () => {
    world = await createWorld(app, db);
    other = await createWorld(app, db);
    apiKey = await apiKeyActor(world);
  });

  interface Case {
    label: string;
    caller: (w: World) => Actor;
    /** Where the target is built. */
    home: () => World;
    id?: string;
    expected: (route: RouteCase) => { status: number; code?: string };
  }
  const ok = (route: RouteCase) => ({ status: route.status });
  const cases: Case[] = [
    { label: 'owner', caller: (w) => w.owner, home: () => world, expected: ok },
    { label: 'admin', caller: (w) => w.admin, home: () => world, expected: ok },
    { label: 'org API key', caller: () => apiKey, home: () => world, expected: ok },
    {
      label: 'staff',
      caller: (w) => w.staff,
      home: () => world,
      expected: (route) => (route.write ? { status: 403, code: 'FORBIDDEN' } : ok(route)),
    },
    {
      label: 'outsider',
      caller: (w) => w.outsider,
      home: () => world,
      expected: () => ({ status: 404, code: 'NOT_FOUND' }),
    },
    {
      label: 'anonymous',
      caller: (w) => w.anonymous,
      home: () => world,
      expected: () => ({ status: 401, code: 'UNAUTHENTICATED' }),
    },
    {
      label: 'owner, unknown uuid',
      caller: (w) => w.owner,
      home: () => world,
      id: randomUUID(),
      expected: () => ({ status: 404, code: 'NOT_FOUND' }),
    },
    {
      label: 'owner, non-uuid id "abc"',
      caller: (w) => w.owner,
      home: () => world,
      id: 'abc',
      expected: () => ({ status: 404, code: 'NOT_FOUND' }),
    },
    {
      label: "org API key on another organization's data",
      caller: () => apiKey,
      home: () => other,
      expected: () => ({ status: 404, code: 'NOT_FOUND' }),
    },
  ];

  const table = routes.flatMap((route) =>
    cases.map((c) => ({ name: `${route.method.toUpperCase()} ${route.route} as ${c.label}`, route, c })),
  );

  it.each(table)('$name', async ({ route, c }) => {
    const path = await route.target(c.home(), c.id);
    const expected = c.expected(route);
    const before = await Promise.all([snapshotOrg(db, world.org.id), snapshotOrg(db, other.org.id)]);
    const res = await send(c.caller(world), route.method, path, route.body);
    if (expected.code) {
      expectProblem(res, expected.status, expected.code);
      const after = await Promise.all([snapshotOrg(db, world.org.id), snapshotOrg(db, other.org.id)]);
      expect(after).toEqual(before);
    } else {
      expect(res.status, JSON.stringify(res.body)).toBe(expected.status);
      route.check?.(res);
    }
  });
});

describe('ticket types', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(app, db);
  });

  it('applies the defaults', async () => {
    const { event } = await createEvent(db, world);
    const res = await world.owner.post(`/api/events/${event.id}/ticket-types`, GA);
    expect(res.status).toBe(201);
    const type = res.body as TicketType;
    expect(type).toEqual({
      id: expect.any(String),
      eventId: event.id,
      name: GA.name,
      description: null,
      priceCents: 2500,
      capacity: 100,
      sold: 0,
      held: 0,
      available: 100,
      salesStartAt: null,
      salesEndAt: null,
      minPerOrder: 1,
      maxPerOrder: 10,
      visibility: 'public',
      accessCode: null,
      waitlistEnabled: true,
    });
    expect(await ticketTypeRow(type.id)).toMatchObject({ capacity: 100, sold: 0, held: 0, minPerOrder: 1 });
  });

  it('accepts free tickets, zero capacity, a sales window and per-order limits', async () => {
    const { event } = await createEvent(db, world);
    const salesEndAt = new Date(Date.parse(event.startsAt) - 3_600_000).toISOString();
    const res = await world.admin.post(`/api/events/${event.id}/ticket-types`, {
      name: 'Free',
      priceCents: 0,
      capacity: 0,
      salesStartAt: '2025-01-01T10:00:00+01:00',
      salesEndAt,
      minPerOrder: 2,
      maxPerOrder: 4,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      priceCents: 0,
      capacity: 0,
      available: 0,
      salesStartAt: '2025-01-01T09:00:00.000Z',
      salesEndAt,
      minPerOrder: 2,
      maxPerOrder: 4,
    });
  });

  it('a minPerOrder above 10 raises the default maxPerOrder with it', async () => {
    const { event } = await createEvent(db, world);
    const res = await world.owner.post(`/api/events/${event.id}/ticket-types`, { ...GA, minPerOrder: 20 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ minPerOrder: 20, maxPerOrder: 20 });
  });

  it('lists ticket types on the event in creation order', async () => {
    const { event } = await createEvent(db, world);
    for (const name of ['First', 'Second', 'Third'])
      expect((await world.owner.post(`/api/events/${event.id}/ticket-types`, { ...GA, name })).status).toBe(
        201,
      );
    const res = await world.staff.get(`/api/events/${event.id}`);
    expect((res.body as Event).ticketTypes?.map((type) => type.name)).toEqual(['First', 'Second', 'Third']);
  });

  // One base instant: two calls must give equal strings for the "equal" case, whatever the load.
  const base = Date.now();
  const at = (hours: number) => new Date(base + hours * 3_600_000).toISOString();

  it.each([
    { name: 'negative capacity', body: { ...GA, capacity: -1 }, path: 'capacity' },
    { name: 'capacity over a million', body: { ...GA, capacity: 1_000_001 }, path: 'capacity' },
    { name: 'float capacity', body: { ...GA, capacity: 1.5 }, path: 'capacity' },
    { name: 'negative price', body: { ...GA, priceCents: -1 }, path: 'priceCents' },
    { name: 'float price 12.5', body: { ...GA, priceCents: 12.5 }, path: 'priceCents' },
    { name: 'price as a string', body: { ...GA, priceCents: '1000' }, path: 'priceCents' },
    { name: 'missing price', body: { name: 'x', capacity: 1 }, path: 'priceCents' },
    { name: 'missing name', body: { priceCents: 100, capacity: 1 }, path: 'name' },
    { name: 'blank name', body: { ...GA, name: '  ' }, path: 'name' },
    { name: 'minPerOrder 0', body: { ...GA, minPerOrder: 0 }, path: 'minPerOrder' },
    { name: 'maxPerOrder over 100', body: { ...GA, maxPerOrder: 101 }, path: 'maxPerOrder' },
    { name: 'min > max', body: { ...GA, minPerOrder: 5, maxPerOrder: 2 }, path: 'maxPerOrder' },
    {
      name: 'salesEndAt equal to salesStartAt',
      body: { ...GA, salesStartAt: at(24), salesEndAt: at(24) },
      path: 'salesEndAt',
    },
    {
      name: 'salesEndAt before salesStartAt',
      body: { ...GA, salesStartAt: at(48), salesEndAt: at(24) },
      path: 'salesEndAt',
    },
    {
      name: 'sales time without offset',
      body: { ...GA, salesStartAt: '2030-01-01T10:00:00' },
      path: 'salesStartAt',
    },
    { name: 'unknown field sold', body: { ...GA, sold: 5 }, path: 'body' },
  ])('400 VALIDATION_FAILED for $name, nothing stored', async ({ body, path }) => {
    const { event } = await createEvent(db, world);
    const before = await snapshotOrg(db, world.org.id);
    const res = await world.owner.post(`/api/events/${event.id}/ticket-types`, body);
    expectFieldError(res, 400, 'VALIDATION_FAILED', path);
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);
  });

  it('422 INVALID_SALES_WINDOW when sales end after the event ends or start after it ends', async () => {
    const { event } = await createEvent(db, world);
    const before = await snapshotOrg(db, world.org.id);
    const afterEnd = new Date(Date.parse(event.endsAt) + 60_000).toISOString();
    const res = await world.owner.post(`/api/events/${event.id}/ticket-types`, {
      ...GA,
      salesEndAt: afterEnd,
    });
    expectFieldError(res, 422, 'INVALID_SALES_WINDOW', 'salesEndAt');
    const res2 = await world.owner.post(`/api/events/${event.id}/ticket-types`, {
      ...GA,
      salesStartAt: event.endsAt,
    });
    expectFieldError(res2, 422, 'INVALID_SALES_WINDOW', 'salesStartAt');
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);
    // Sales may run right up to the end of the event.
    const edge = await world.owner.post(`/api/events/${event.id}/ticket-types`, {
      ...GA,
      salesEndAt: event.endsAt,
    });
    expect(edge.status).toBe(201);
  });

  it('PATCH changes only the given fields', async () => {
    const { type } = await eventWithType(world);
    const res = await world.admin.patch(`/api/ticket-types/${type.id}`, {
      name: 'Early bird',
      priceCents: 1500,
      description: 'Cheaper',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ...type,
      name: 'Early bird',
      priceCents: 1500,
      description: 'Cheaper',
    });
    expect(await ticketTypeRow(type.id)).toMatchObject({
      name: 'Early bird',
      priceCents: 1500,
      capacity: 100,
    });
  });

  it('PATCH capacity below sold is 422 CAPACITY_BELOW_SOLD; exactly sold is accepted', async () => {
    const { type } = await eventWithType(world);
    await db.update(ticketTypes).set({ sold: 5 }).where(eq(ticketTypes.id, type.id));
    const before = await ticketTypeRow(type.id);
    const refused = await world.owner.patch(`/api/ticket-types/${type.id}`, {
      capacity: 4,
      name: 'Not applied',
    });
    expectFieldError(refused, 422, 'CAPACITY_BELOW_SOLD', 'capacity');
    expect(await ticketTypeRow(type.id)).toEqual(before);

    const accepted = await world.owner.patch(`/api/ticket-types/${type.id}`, { capacity: 5 });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ capacity: 5, sold: 5, held: 0, available: 0 });
    expect(await ticketTypeRow(type.id)).toMatchObject({ capacity: 5, sold: 5 });
  });

  it('PATCH capacity counts held tickets too', async () => {
    const { type } = await eventWithType(world);
    await db.update(ticketTypes).set({ sold: 3, held: 2 }).where(eq(ticketTypes.id, type.id));
    const before = await ticketTypeRow(type.id);
    expectProblem(
      await world.owner.patch(`/api/ticket-types/${type.id}`, { capacity: 4 }),
      422,
      'CAPACITY_BELOW_SOLD',
    );
    expect(await ticketTypeRow(type.id)).toEqual(before);
    const ok = await world.owner.patch(`/api/ticket-types/${type.id}`, { capacity: 8 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ capacity: 8, sold: 3, held: 2, available: 3 });
  });

  it('the database CHECK refuses sold + held above capacity, whatever the application does', async () => {
    const { type } = await eventWithType(world);
    const attempts = [
      db.update(ticketTypes).set({ sold: 101 }).where(eq(ticketTypes.id, type.id)),
      db.update(ticketTypes).set({ sold: 60, held: 41 }).where(eq(ticketTypes.id, type.id)),
      db.update(ticketTypes).set({ sold: -1 }).where(eq(ticketTypes.id, type.id)),
      db
        .update(ticketTypes)
        .set({ held: sql`${ticketTypes.capacity} + 1` })
        .where(eq(ticketTypes.id, type.id)),
    ];
    for (const attempt of attempts) {
      const error = await attempt.then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(Error);
      const cause = (error as { cause?: unknown }).cause ?? error;
      expect(cause).toMatchObject({ code: '23514', constraint: 'ticket_types_stock' });
    }
    expect(await ticketTypeRow(type.id)).toMatchObject({ sold: 0, held: 0, capacity: 100 });
  });

  it('PATCH merges with the stored sales window and per-order limits', async () => {
    const { event } = await createEvent(db, world);
    const created = await world.owner.post(`/api/events/${event.id}/ticket-types`, {
      ...GA,
      salesStartAt: at(24),
      minPerOrder: 4,
      maxPerOrder: 6,
    });
    expect(created.status).toBe(201);
    const type = created.body as TicketType;
    const before = await ticketTypeRow(type.id);

    const endBeforeStart = await world.owner.patch(`/api/ticket-types/${type.id}`, { salesEndAt: at(12) });
    expectFieldError(endBeforeStart, 400, 'VALIDATION_FAILED', 'salesEndAt');
    const maxBelowMin = await world.owner.patch(`/api/ticket-types/${type.id}`, { maxPerOrder: 3 });
    expectFieldError(maxBelowMin, 400, 'VALIDATION_FAILED', 'maxPerOrder');
    const minAboveMax = await world.owner.patch(`/api/ticket-types/${type.id}`, { minPerOrder: 7 });
    expectFieldError(minAboveMax, 400, 'VALIDATION_FAILED', 'maxPerOrder');
    const afterEvent = new Date(Date.parse(event.endsAt) + 60_000).toISOString();
    const lateEnd = await world.owner.patch(`/api/ticket-types/${type.id}`, { salesEndAt: afterEvent });
    expectFieldError(lateEnd, 422, 'INVALID_SALES_WINDOW', 'salesEndAt');
    expect(await ticketTypeRow(type.id)).toEqual(before);

    const cleared = await world.owner.patch(`/api/ticket-types/${type.id}`, {
      salesStartAt: null,
      maxPerOrder: 4,
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      salesStartAt: null,
      salesEndAt: null,
      minPerOrder: 4,
      maxPerOrder: 4,
    });
  });

  it.each([
    { name: 'negative capacity', body: { capacity: -1 }, path: 'capacity' },
    { name: 'float price', body: { priceCents: 12.5 }, path: 'priceCents' },
    { name: 'null name', body: { name: null }, path: 'name' },
    { name: 'min > max in the body', body: { minPerOrder: 5, maxPerOrder: 2 }, path: 'maxPerOrder' },
    { name: 'unknown field held', body: { held: 0 }, path: 'body' },
  ])('PATCH 400 VALIDATION_FAILED for $name, nothing changed', async ({ body, path }) => {
    const { type } = await eventWithType(world);
    const before = await ticketTypeRow(type.id);
    const res = await world.owner.patch(`/api/ticket-types/${type.id}`, body);
    expectFieldError(res, 400, 'VALIDATION_FAILED', path);
    expect(await ticketTypeRow(type.id)).toEqual(before);
  });
});

describe('promo codes', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(app, db);
  });
  const promoPath = (eventId: string) => `/api/events/${eventId}/promo-codes`;

  it('creates a percent code, stored upper-case, with the contract fields', async () => {
    const { event } = await eventWithType(world);
    const res = await world.owner.post(promoPath(event.id), { code: 'summer10', percentOff: 10 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      eventId: event.id,
      code: 'SUMMER10',
      percentOff: 10,
      amountOffCents: null,
      maxUses: null,
      uses: 0,
      validFrom: null,
      validUntil: null,
      ticketTypeIds: [],
      isActive: true,
      createdAt: expect.any(String),
    });
    const rows = await db.select().from(promoCodes).where(eq(promoCodes.eventId, event.id));
    expect(rows.map((row) => row.code)).toEqual(['SUMMER10']);
  });

  it('creates an amount code limited to some ticket types, with uses and a validity window', async () => {
    const { event, type } = await eventWithType(world);
    const res = await world.admin.post(promoPath(event.id), {
      code: 'Friends-500',
      amountOffCents: 500,
      maxUses: 3,
      validFrom: '2026-01-01T00:00:00+01:00',
      validUntil: '2026-02-01T00:00:00Z',
      ticketTypeIds: [type.id, type.id],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: 'FRIENDS-500',
      percentOff: null,
      amountOffCents: 500,
      maxUses: 3,
      validFrom: '2025-12-31T23:00:00.000Z',
      validUntil: '2026-02-01T00:00:00.000Z',
      ticketTypeIds: [type.id],
    });
  });

  it('409 PROMO_CODE_TAKEN for a duplicate code, case-insensitively; other events may reuse it', async () => {
    const { event } = await eventWithType(world);
    expect((await world.owner.post(promoPath(event.id), { code: 'SPRING', percentOff: 5 })).status).toBe(201);
    const before = await snapshotOrg(db, world.org.id);
    for (const code of ['spring', 'Spring', ' SPRING ']) {
      const res = await world.owner.post(promoPath(event.id), { code, amountOffCents: 100 });
      expectFieldError(res, 409, 'PROMO_CODE_TAKEN', 'code');
    }
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);
    const { event: second } = await eventWithType(world);
    expect((await world.owner.post(promoPath(second.id), { code: 'spring', percentOff: 5 })).status).toBe(
      201,
    );
  });

  it('concurrent duplicates: exactly one wins, the other is 409 PROMO_CODE_TAKEN', async () => {
    const { event } = await eventWithType(world);
    const results = await Promise.all([
      world.owner.post(promoPath(event.id), { code: 'race', percentOff: 10 }),
      world.admin.post(promoPath(event.id), { code: 'RACE', amountOffCents: 100 }),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([201, 409]);
    const rows = await db.select().from(promoCodes).where(eq(promoCodes.eventId, event.id));
    expect(rows).toHaveLength(1);
  });

  it('400 for ticketTypeIds that are not ticket types of this event, nothing stored', async () => {
    const { event, type } = await eventWithType(world);
    const { type: foreign } = await eventWithType(world);
    const before = await snapshotOrg(db, world.org.id);
    for (const ticketTypeIds of [[foreign.id], [type.id, foreign.id], [randomUUID()], ['abc']]) {
      const res = await world.owner.post(promoPath(event.id), {
        code: 'ONLYGA',
        percentOff: 10,
        ticketTypeIds,
      });
      expectFieldError(res, 400, 'VALIDATION_FAILED', 'ticketTypeIds');
    }
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);
  });

  it.each([
    {
      name: 'both percentOff and amountOffCents',
      body: { code: 'BOTH', percentOff: 10, amountOffCents: 100 },
      path: 'percentOff',
    },
    { name: 'neither percentOff nor amountOffCents', body: { code: 'NONE' }, path: 'percentOff' },
    { name: 'percentOff 0', body: { code: 'ZERO', percentOff: 0 }, path: 'percentOff' },
    { name: 'percentOff 101', body: { code: 'MORE', percentOff: 101 }, path: 'percentOff' },
    { name: 'percentOff 12.5', body: { code: 'HALF', percentOff: 12.5 }, path: 'percentOff' },
    { name: 'amountOffCents 0', body: { code: 'ZERO', amountOffCents: 0 }, path: 'amountOffCents' },
    { name: 'maxUses 0', body: { code: 'MAXZERO', percentOff: 10, maxUses: 0 }, path: 'maxUses' },
    { name: 'maxUses -1', body: { code: 'MAXNEG', percentOff: 10, maxUses: -1 }, path: 'maxUses' },
    { name: 'a code with a space', body: { code: 'SAVE 10', percentOff: 10 }, path: 'code' },
    { name: 'a one-letter code', body: { code: 'A', percentOff: 10 }, path: 'code' },
    { name: 'a missing code', body: { percentOff: 10 }, path: 'code' },
    {
      name: 'validUntil before validFrom',
      body: {
        code: 'WINDOW',
        percentOff: 10,
        validFrom: '2026-02-01T00:00:00Z',
        validUntil: '2026-01-01T00:00:00Z',
      },
      path: 'validUntil',
    },
    {
      name: 'ticketTypeIds not an array',
      body: { code: 'IDS', percentOff: 10, ticketTypeIds: 'x' },
      path: 'ticketTypeIds',
    },
    { name: 'an unknown field', body: { code: 'EXTRA', percentOff: 10, uses: 5 }, path: 'body' },
  ])('400 VALIDATION_FAILED for $name, nothing stored', async ({ body, path }) => {
    const { event } = await eventWithType(world);
    const before = await snapshotOrg(db, world.org.id);
    const res = await world.owner.post(promoPath(event.id), body);
    expectFieldError(res, 400, 'VALIDATION_FAILED', path);
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);
  });

  it('GET lists the codes of the event in creation order', async () => {
    const { event } = await eventWithType(world);
    const { event: otherEvent } = await eventWithType(world);
    await world.owner.post(promoPath(otherEvent.id), { code: 'ELSEWHERE', percentOff: 50 });
    const codes: PromoCode[] = [];
    for (const body of [
      { code: 'first', percentOff: 10 },
      { code: 'second', amountOffCents: 250, maxUses: 10 },
    ]) {
      const res = await world.owner.post(promoPath(event.id), body);
      expect(res.status).toBe(201);
      codes.push(res.body as PromoCode);
    }
    const res = await world.staff.get(promoPath(event.id));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: codes, nextCursor: null });
    expect((res.body as { items: PromoCode[] }).items.map((promo) => promo.code)).toEqual([
      'FIRST',
      'SECOND',
    ]);
  });
});

describe('reminders', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(app, db);
  });
  const remindersPath = (eventId: string) => `/api/events/${eventId}/reminders`;

  it('adds an offset (201), lists it with the defaults, and refuses a duplicate (409 REMINDER_EXISTS)', async () => {
    const { event } = await eventWithType(world);
    const res = await world.owner.post(remindersPath(event.id), { offsetMinutes: 4320 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ eventId: event.id, offsetMinutes: 4320 });
    expect(await remindersOf(event.id)).toEqual([4320, 1440, 120]);

    const list = await world.staff.get(remindersPath(event.id));
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [4320, 1440, 120].map((offsetMinutes) => ({ eventId: event.id, offsetMinutes })),
      nextCursor: null,
    });

    for (const offsetMinutes of [4320, 1440]) {
      const duplicate = await world.admin.post(remindersPath(event.id), { offsetMinutes });
      expectProblem(duplicate, 409, 'REMINDER_EXISTS');
    }
    expect(await remindersOf(event.id)).toEqual([4320, 1440, 120]);
  });

  it('concurrent duplicates: exactly one 201, the other 409 REMINDER_EXISTS', async () => {
    const { event } = await eventWithType(world);
    const results = await Promise.all([
      world.owner.post(remindersPath(event.id), { offsetMinutes: 30 }),
      world.admin.post(remindersPath(event.id), { offsetMinutes: 30 }),
    ]);
    expect(results.map((res) => res.status).sort()).toEqual([201, 409]);
    expect(await remindersOf(event.id)).toEqual([1440, 120, 30]);
  });

  it('accepts the largest offset, 60 days', async () => {
    const { event } = await eventWithType(world);
    const res = await world.owner.post(remindersPath(event.id), { offsetMinutes: 60 * 24 * 60 });
    expect(res.status).toBe(201);
  });

  it.each([
    { name: 'offset 0', body: { offsetMinutes: 0 } },
    { name: 'a negative offset', body: { offsetMinutes: -30 } },
    { name: 'a non-integer offset', body: { offsetMinutes: 1.5 } },
    { name: 'an offset as a string', body: { offsetMinutes: '60' } },
    { name: 'an offset above 60 days', body: { offsetMinutes: 60 * 24 * 60 + 1 } },
    { name: 'a missing offset', body: {} },
  ])('400 VALIDATION_FAILED for $name, nothing stored', async ({ body }) => {
    const { event } = await eventWithType(world);
    const res = await world.owner.post(remindersPath(event.id), body);
    expectFieldError(res, 400, 'VALIDATION_FAILED', 'offsetMinutes');
    expect(await remindersOf(event.id)).toEqual([1440, 120]);
  });

  it('DELETE removes an existing offset (204) and 404s a missing one', async () => {
    const { event } = await eventWithType(world);
    const removed = await world.owner.delete(`${remindersPath(event.id)}/1440`);
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    expect(await remindersOf(event.id)).toEqual([120]);

    expectProblem(await world.owner.delete(`${remindersPath(event.id)}/1440`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.delete(`${remindersPath(event.id)}/999`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.delete(`${remindersPath(event.id)}/abc`), 404, 'NOT_FOUND');
    expectProblem(await world.owner.delete(`${remindersPath(event.id)}/0`), 404, 'NOT_FOUND');
    expect(await remindersOf(event.id)).toEqual([120]);

    const list = await world.owner.get(remindersPath(event.id));
    expect(list.body).toEqual({ items: [{ eventId: event.id, offsetMinutes: 120 }], nextCursor: null });
  });

  it('a reminder removed can be added again', async () => {
    const { event } = await eventWithType(world);
    expect((await world.owner.delete(`${remindersPath(event.id)}/120`)).status).toBe(204);
    expect((await world.owner.post(remindersPath(event.id), { offsetMinutes: 120 })).status).toBe(201);
    expect(await remindersOf(event.id)).toEqual([1440, 120]);
  });
});
