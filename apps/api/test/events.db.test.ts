import { randomUUID } from 'node:crypto';
import type { Event } from '@zevents/contracts';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Response } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client';
import { eventReminders, events as eventsTable, promoCodes, ticketTypes } from '../src/db/schema';
import { slugify } from '../src/shared/slug';
import { Actor, createEvent, createWorld, eventInput, type World } from './factories';
import { buildTestApp } from './harness';

const { app, database } = buildTestApp();
const db = database.db;

const GA = { name: 'General admission', priceCents: 2500, capacity: 100 };

/** Asserts an RFC 9457 problem with the given status and stable code; returns the body. */
function expectProblem(res: Response, status: number, code: string) {
  expect({ status: res.status, code: (res.body as { code?: unknown }).code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.body as { status: number; title: string; type: string; detail: string; errors?: unknown };
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

async function eventRow(id: string) {
  const rows = await db.select().from(eventsTable).where(eq(eventsTable.id, id));
  return rows[0];
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

describe('authorization matrix (events)', () => {
  interface RouteCase {
    method: Method;
    route: string;
    write: boolean;
    status: number;
    body?: () => unknown;
    /** Builds fresh data in the world; `id` replaces the path's id (unknown uuid, "abc"). */
    target: (world: World, id?: string) => Promise<string>;
    check?: (res: Response) => void;
  }

  const freshEvent = async (world: World) => (await createEvent(db, world, { ticketTypes: [GA] })).event.id;

  const routes: RouteCase[] = [
    {
      method: 'post',
      route: '/api/organizations/{orgId}/events',
      write: true,
      status: 201,
      body: () => eventInput(),
      target: async (world, id) => `/api/organizations/${id ?? world.org.id}/events`,
      check: (res) => expect((res.body as Event).status).toBe('draft'),
    },
    {
      method: 'get',
      route: '/api/organizations/{orgId}/events',
      write: false,
      status: 200,
      target: async (world, id) => {
        await freshEvent(world);
        return `/api/organizations/${id ?? world.org.id}/events`;
      },
      check: (res) => expect((res.body as { items: Event[] }).items.length).toBeGreaterThan(0),
    },
    {
      method: 'get',
      route: '/api/events/{eventId}',
      write: false,
      status: 200,
      target: async (world, id) => `/api/events/${id ?? (await freshEvent(world))}`,
      check: (res) => expect((res.body as Event).ticketTypes).toHaveLength(1),
    },
    {
      method: 'patch',
      route: '/api/events/{eventId}',
      write: true,
      status: 200,
      body: () => ({ title: 'Renamed by the matrix' }),
      target: async (world, id) => `/api/events/${id ?? (await freshEvent(world))}`,
      check: (res) => expect((res.body as Event).title).toBe('Renamed by the matrix'),
    },
    {
      method: 'post',
      route: '/api/events/{eventId}/publish',
      write: true,
      status: 200,
      target: async (world, id) => `/api/events/${id ?? (await freshEvent(world))}/publish`,
      check: (res) => expect((res.body as Event).status).toBe('published'),
    },
    {
      method: 'post',
      route: '/api/events/{eventId}/cancel',
      write: true,
      status: 200,
      target: async (world, id) => `/api/events/${id ?? (await freshEvent(world))}/cancel`,
      check: (res) => expect((res.body as Event).status).toBe('cancelled'),
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

  type Caller = (w: World) => Actor;
  interface Case {
    label: string;
    caller: Caller;
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
    const home = c.home();
    const path = await route.target(home, c.id);
    const expected = c.expected(route);
    const before = await Promise.all([snapshotOrg(db, world.org.id), snapshotOrg(db, other.org.id)]);
    const res = await send(c.caller(world), route.method, path, route.body?.());
    if (expected.code) {
      expectProblem(res, expected.status, expected.code);
      const after = await Promise.all([snapshotOrg(db, world.org.id), snapshotOrg(db, other.org.id)]);
      expect(after).toEqual(before);
    } else {
      expect(res.status, JSON.stringify(res.body)).toBe(expected.status);
      route.check?.(res);
    }
  });

  it('a cookie-authenticated write without the CSRF header is refused and changes nothing', async () => {
    const before = await snapshotOrg(db, world.org.id);
    const res = await world.owner
      .withoutCsrf()
      .post(`/api/organizations/${world.org.id}/events`, eventInput());
    expectProblem(res, 403, 'CSRF_FAILED');
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);
  });

  it('an unknown API key is 401, not anonymous', async () => {
    const res = await new Actor(app, { Authorization: 'Bearer zev_not-a-real-key' }).get(
      `/api/organizations/${world.org.id}/events`,
    );
    expectProblem(res, 401, 'UNAUTHENTICATED');
  });
});

describe('create event', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(app, db);
  });
  const createPath = () => `/api/organizations/${world.org.id}/events`;

  it('creates a draft with the contract fields, times normalised to UTC', async () => {
    const input = eventInput({
      title: `  Launch party ${randomUUID().slice(0, 8)}  `,
      startsAt: '2031-06-01T20:00:00+02:00',
      endsAt: '2031-06-01T23:30:00+02:00',
      timezone: 'Europe/Berlin',
      currency: 'USD',
      venue: null,
    });
    const res = await world.owner.post(createPath(), input);
    expect(res.status).toBe(201);
    const event = res.body as Event;
    expect(event).toMatchObject({
      organizationId: world.org.id,
      title: input.title.trim(),
      description: 'A test event',
      venue: null,
      startsAt: '2031-06-01T18:00:00.000Z',
      endsAt: '2031-06-01T21:30:00.000Z',
      timezone: 'Europe/Berlin',
      currency: 'USD',
      status: 'draft',
      ticketTypes: [],
    });
    expect(event.slug).toBe(slugify(input.title));
    const row = await eventRow(event.id);
    expect(row?.status).toBe('draft');
    expect(row?.startsAt.toISOString()).toBe('2031-06-01T18:00:00.000Z');
  });

  it('accepts UTC as a time zone and a minimal body', async () => {
    const { description: _d, venue: _v, ...minimal } = eventInput({ timezone: 'UTC' });
    const res = await world.admin.post(createPath(), minimal);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ timezone: 'UTC', description: null, venue: null });
  });

  it('adds the default reminders 1440 and 120', async () => {
    const res = await world.owner.post(createPath(), eventInput());
    expect(res.status).toBe(201);
    const id = (res.body as Event).id;
    const rows = await db.select().from(eventReminders).where(eq(eventReminders.eventId, id));
    expect(rows.map((row) => row.offsetMinutes).sort((a, b) => b - a)).toEqual([1440, 120]);
    const list = await world.staff.get(`/api/events/${id}/reminders`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual({
      items: [
        { eventId: id, offsetMinutes: 1440 },
        { eventId: id, offsetMinutes: 120 },
      ],
      nextCursor: null,
    });
  });

  it('gives two events with the same title different slugs', async () => {
    const title = `Same Title ${randomUUID().slice(0, 8)}`;
    const first = await world.owner.post(createPath(), eventInput({ title }));
    const second = await world.owner.post(createPath(), eventInput({ title }));
    expect([first.status, second.status]).toEqual([201, 201]);
    const a = first.body as Event;
    const b = second.body as Event;
    expect(a.slug).toBe(slugify(title));
    expect(b.slug).not.toBe(a.slug);
    expect(b.slug.startsWith(`${a.slug}-`)).toBe(true);
    expect(b.title).toBe(a.title);
  });

  it('concurrent creates with the same title all succeed with distinct slugs', async () => {
    const title = `Rush ${randomUUID().slice(0, 8)}`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => world.owner.post(createPath(), eventInput({ title }))),
    );
    expect(results.map((res) => res.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(results.map((res) => (res.body as Event).slug)).size).toBe(5);
  });

  it('a title without letters or digits still gets a slug', async () => {
    const res = await world.owner.post(createPath(), eventInput({ title: '!!! ???' }));
    expect(res.status).toBe(201);
    expect((res.body as Event).slug).toMatch(/^event(-[0-9a-f]{6})?$/);
  });

  const later = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

  const invalidBodies: Array<{
    name: string;
    body: (base: Record<string, unknown>) => unknown;
    path: string;
  }> = [
    {
      name: 'endsAt before startsAt',
      body: (base) => ({ ...base, endsAt: later(base.startsAt as string, -1) }),
      path: 'endsAt',
    },
    {
      name: 'endsAt equal to startsAt',
      body: (base) => ({ ...base, endsAt: base.startsAt }),
      path: 'endsAt',
    },
    {
      name: 'an event longer than 366 days',
      body: (base) => ({ ...base, endsAt: later(base.startsAt as string, 367 * 24) }),
      path: 'endsAt',
    },
    { name: 'unknown time zone', body: (base) => ({ ...base, timezone: 'Mars/Base' }), path: 'timezone' },
    { name: 'currency "EURO"', body: (base) => ({ ...base, currency: 'EURO' }), path: 'currency' },
    { name: 'currency "XYZ"', body: (base) => ({ ...base, currency: 'XYZ' }), path: 'currency' },
    { name: 'lower-case currency', body: (base) => ({ ...base, currency: 'eur' }), path: 'currency' },
    {
      name: 'missing title',
      body: (base) => {
        const { title: _title, ...rest } = base;
        return rest;
      },
      path: 'title',
    },
    { name: 'blank title', body: (base) => ({ ...base, title: '   ' }), path: 'title' },
    {
      name: 'title over 200 characters',
      body: (base) => ({ ...base, title: 'x'.repeat(201) }),
      path: 'title',
    },
    {
      name: 'timestamp without offset',
      body: (base) => ({ ...base, startsAt: '2031-05-01T19:00:00', endsAt: '2031-05-01T22:00:00Z' }),
      path: 'startsAt',
    },
    {
      name: 'date only',
      body: (base) => ({ ...base, endsAt: '2031-05-02' }),
      path: 'endsAt',
    },
    {
      name: 'year 2200',
      body: (base) => ({ ...base, startsAt: '2200-01-01T10:00:00Z', endsAt: '2200-01-01T12:00:00Z' }),
      path: 'startsAt',
    },
    {
      name: 'year 1999',
      body: (base) => ({ ...base, startsAt: '1999-12-31T10:00:00Z' }),
      path: 'startsAt',
    },
    { name: 'title is a number', body: (base) => ({ ...base, title: 42 }), path: 'title' },
    { name: 'startsAt is a number', body: (base) => ({ ...base, startsAt: Date.now() }), path: 'startsAt' },
    { name: 'venue is an object', body: (base) => ({ ...base, venue: { name: 'Hall' } }), path: 'venue' },
    {
      name: 'description is an array',
      body: (base) => ({ ...base, description: ['a'] }),
      path: 'description',
    },
    { name: 'currency is null', body: (base) => ({ ...base, currency: null }), path: 'currency' },
  ];

  it.each(invalidBodies)(
    '400 VALIDATION_FAILED for $name (path $path), nothing stored',
    async ({ body, path }) => {
      const before = await snapshotOrg(db, world.org.id);
      const res = await world.owner.post(createPath(), body({ ...eventInput() }));
      expectFieldError(res, 400, 'VALIDATION_FAILED', path);
      expect(await snapshotOrg(db, world.org.id)).toEqual(before);
    },
  );

  it('400 VALIDATION_FAILED for an unknown field, naming it', async () => {
    const before = await snapshotOrg(db, world.org.id);
    const res = await world.owner.post(createPath(), { ...eventInput(), organizerNotes: 'x' });
    const body = expectProblem(res, 400, 'VALIDATION_FAILED');
    // Unknown keys are reported on the object itself (path "body"); the message names the key.
    expect(body.errors?.some((error) => error.message.includes('organizerNotes'))).toBe(true);
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);
  });

  it('400 VALIDATION_FAILED for a JSON array body', async () => {
    for (const payload of [[], [eventInput()]]) {
      const res = await world.owner.post(createPath(), payload);
      expectProblem(res, 400, 'VALIDATION_FAILED');
    }
  });

  it('400 MALFORMED_JSON for a broken body, nothing stored', async () => {
    const before = await snapshotOrg(db, world.org.id);
    const res = await world.owner
      .post(createPath())
      .set('Content-Type', 'application/json')
      .send('{"title": "Broken", ');
    expectProblem(res, 400, 'MALFORMED_JSON');
    const bare = await world.owner
      .post(createPath())
      .set('Content-Type', 'application/json')
      .send('"just a string"');
    expectProblem(bare, 400, 'MALFORMED_JSON');
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);
  });

  it('415 for a body that is not JSON', async () => {
    const res = await world.owner.post(createPath()).set('Content-Type', 'text/plain').send('title=Hello');
    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('413 PAYLOAD_TOO_LARGE above 100 kB, nothing stored', async () => {
    const before = await snapshotOrg(db, world.org.id);
    const res = await world.owner.post(createPath(), eventInput({ description: 'x'.repeat(110_000) }));
    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);
  });

  it('a body just under the limit but with a too-long description is a 400', async () => {
    const res = await world.owner.post(createPath(), eventInput({ description: 'x'.repeat(20_001) }));
    expectFieldError(res, 400, 'VALIDATION_FAILED', 'description');
  });
});

describe('get and patch event', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(app, db);
  });

  it('GET returns the organizer view with ticket types, drafts included', async () => {
    const { event, ticketTypes: types } = await createEvent(db, world, {
      ticketTypes: [GA, { name: 'VIP', priceCents: 9900, capacity: 10 }],
    });
    const res = await world.staff.get(`/api/events/${event.id}`);
    expect(res.status).toBe(200);
    const body = res.body as Event;
    expect(body).toMatchObject({ id: event.id, status: 'draft', slug: event.slug });
    expect(body.ticketTypes?.map((type) => type.id)).toEqual(types.map((type) => type.id));
    expect(body.ticketTypes?.[1]).toMatchObject({ name: 'VIP', priceCents: 9900, available: 10 });
  });

  it('PATCH changes only the given fields', async () => {
    const { event } = await createEvent(db, world);
    const res = await world.admin.patch(`/api/events/${event.id}`, {
      title: 'New title',
      description: null,
      venue: 'Another hall',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: event.id,
      title: 'New title',
      description: null,
      venue: 'Another hall',
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timezone: event.timezone,
      currency: event.currency,
      slug: event.slug,
      status: 'draft',
    });
    const row = await eventRow(event.id);
    expect(row).toMatchObject({ title: 'New title', description: null, venue: 'Another hall' });
  });

  it('PATCH merges with the stored times: endsAt before the stored startsAt is a 400, nothing changed', async () => {
    const { event } = await createEvent(db, world);
    const before = await eventRow(event.id);
    const earlier = new Date(Date.parse(event.startsAt) - 3_600_000).toISOString();
    const res = await world.owner.patch(`/api/events/${event.id}`, {
      title: 'Should not land',
      endsAt: earlier,
    });
    expectFieldError(res, 400, 'VALIDATION_FAILED', 'endsAt');
    expect(await eventRow(event.id)).toEqual(before);

    const startAfterEnd = new Date(Date.parse(event.endsAt) + 3_600_000).toISOString();
    const res2 = await world.owner.patch(`/api/events/${event.id}`, { startsAt: startAfterEnd });
    expectFieldError(res2, 400, 'VALIDATION_FAILED', 'endsAt');
    const tooLong = new Date(Date.parse(event.startsAt) + 400 * 86_400_000).toISOString();
    const res3 = await world.owner.patch(`/api/events/${event.id}`, { endsAt: tooLong });
    expectFieldError(res3, 400, 'VALIDATION_FAILED', 'endsAt');
    expect(await eventRow(event.id)).toEqual(before);
  });

  it('PATCH moving both times together is fine', async () => {
    const { event } = await createEvent(db, world);
    const res = await world.owner.patch(`/api/events/${event.id}`, {
      startsAt: '2032-02-01T10:00:00+01:00',
      endsAt: '2032-02-01T12:00:00Z',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      startsAt: '2032-02-01T09:00:00.000Z',
      endsAt: '2032-02-01T12:00:00.000Z',
    });
  });

  it.each([
    { name: 'bad time zone', body: { timezone: 'Mars/Base' }, path: 'timezone' },
    { name: 'bad currency', body: { currency: 'EURO' }, path: 'currency' },
    { name: 'null title', body: { title: null }, path: 'title' },
    { name: 'year 2200', body: { endsAt: '2200-01-01T00:00:00Z' }, path: 'endsAt' },
    { name: 'no offset', body: { startsAt: '2031-01-01T10:00:00' }, path: 'startsAt' },
  ])('PATCH 400 for $name', async ({ body, path }) => {
    const { event } = await createEvent(db, world);
    const before = await eventRow(event.id);
    const res = await world.owner.patch(`/api/events/${event.id}`, body);
    expectFieldError(res, 400, 'VALIDATION_FAILED', path);
    expect(await eventRow(event.id)).toEqual(before);
  });

  it('PATCH refuses unknown fields and a status change', async () => {
    const { event } = await createEvent(db, world);
    const before = await eventRow(event.id);
    const res = await world.owner.patch(`/api/events/${event.id}`, { status: 'published' });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(await eventRow(event.id)).toEqual(before);
  });

  it('PATCH currency once tickets are sold is 422 EVENT_NOT_EDITABLE; same currency is fine', async () => {
    const { event, ticketTypes: types } = await createEvent(db, world, { ticketTypes: [GA] });
    await db
      .update(ticketTypes)
      .set({ sold: 2 })
      .where(eq(ticketTypes.id, types[0]?.id ?? ''));
    const before = await eventRow(event.id);
    const res = await world.owner.patch(`/api/events/${event.id}`, { currency: 'USD' });
    expectFieldError(res, 422, 'EVENT_NOT_EDITABLE', 'currency');
    expect(await eventRow(event.id)).toEqual(before);
    const same = await world.owner.patch(`/api/events/${event.id}`, { currency: 'EUR', title: 'Still EUR' });
    expect(same.status).toBe(200);
  });
});

describe('publish and cancel', () => {
  let world: World;
  beforeAll(async () => {
    world = await createWorld(app, db);
  });

  it('422 NO_TICKET_TYPES without a ticket type, then 200 once it has one, and again', async () => {
    const { event } = await createEvent(db, world);
    const refused = await world.owner.post(`/api/events/${event.id}/publish`);
    expectProblem(refused, 422, 'NO_TICKET_TYPES');
    expect((await eventRow(event.id))?.status).toBe('draft');

    const type = await world.owner.post(`/api/events/${event.id}/ticket-types`, GA);
    expect(type.status).toBe(201);
    const published = await world.owner.post(`/api/events/${event.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id: event.id, status: 'published' });
    expect((published.body as Event).ticketTypes).toHaveLength(1);
    expect((await eventRow(event.id))?.status).toBe('published');

    const again = await world.admin.post(`/api/events/${event.id}/publish`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'published' });
  });

  it('a published event can still be edited', async () => {
    const { event } = await createEvent(db, world, { ticketTypes: [GA], publish: true });
    const res = await world.owner.patch(`/api/events/${event.id}`, { venue: 'Moved' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'published', venue: 'Moved' });
  });

  it('cancel answers 200 cancelled, for drafts and published events, and is repeatable', async () => {
    const draft = (await createEvent(db, world)).event;
    const published = (await createEvent(db, world, { ticketTypes: [GA], publish: true })).event;
    for (const event of [draft, published]) {
      const res = await world.owner.post(`/api/events/${event.id}/cancel`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: event.id, status: 'cancelled' });
      expect((await eventRow(event.id))?.status).toBe('cancelled');
      const again = await world.admin.post(`/api/events/${event.id}/cancel`);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ status: 'cancelled' });
    }
  });

  it('a cancelled event cannot be published or edited: 422 EVENT_CANCELLED, nothing changed', async () => {
    const { event, ticketTypes: types } = await createEvent(db, world, { ticketTypes: [GA], publish: true });
    expect((await world.owner.post(`/api/events/${event.id}/cancel`)).status).toBe(200);
    const before = await snapshotOrg(db, world.org.id);

    expectProblem(await world.owner.post(`/api/events/${event.id}/publish`), 422, 'EVENT_CANCELLED');
    expectProblem(
      await world.owner.patch(`/api/events/${event.id}`, { title: 'Back' }),
      422,
      'EVENT_CANCELLED',
    );
    expectProblem(await world.owner.post(`/api/events/${event.id}/ticket-types`, GA), 422, 'EVENT_CANCELLED');
    expectProblem(
      await world.owner.patch(`/api/ticket-types/${types[0]?.id ?? ''}`, { capacity: 5 }),
      422,
      'EVENT_CANCELLED',
    );
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/promo-codes`, { code: 'LATE', percentOff: 5 }),
      422,
      'EVENT_CANCELLED',
    );
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/reminders`, { offsetMinutes: 60 }),
      422,
      'EVENT_CANCELLED',
    );
    expect(await snapshotOrg(db, world.org.id)).toEqual(before);

    const read = await world.staff.get(`/api/events/${event.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ status: 'cancelled' });
  });
});

describe('list events', () => {
  let world: World;
  let created: Event[];
  const listPath = () => `/api/organizations/${world.org.id}/events`;

  beforeAll(async () => {
    world = await createWorld(app, db);
    created = [];
    for (let i = 0; i < 5; i++) {
      const res = await world.owner.post(listPath(), eventInput({ title: `Listed ${i}` }));
      expect(res.status).toBe(201);
      created.push(res.body as Event);
    }
    // Another organization's events never show up.
    await createEvent(db, {
      ...world,
      org: { ...world.org, id: world.outsiderOrg.id },
      owner: world.outsider,
    });
  });

  it('lists all five, newest first, with the default limit', async () => {
    const res = await world.staff.get(listPath());
    expect(res.status).toBe(200);
    const body = res.body as { items: Event[]; nextCursor: string | null };
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((event) => event.id)).toEqual(created.map((event) => event.id).reverse());
    expect(body.items[0]).toMatchObject({ organizationId: world.org.id, ticketTypes: [] });
  });

  it('pages through with limit=2 and nextCursor, without duplicates or gaps', async () => {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const query: string = cursor ? `?limit=2&cursor=${encodeURIComponent(cursor)}` : '?limit=2';
      const res = await world.owner.get(`${listPath()}${query}`);
      expect(res.status).toBe(200);
      const body = res.body as { items: Event[]; nextCursor: string | null };
      pageSizes.push(body.items.length);
      seen.push(...body.items.map((event) => event.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(pageSizes).toEqual([2, 2, 1]);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(created.map((event) => event.id).reverse());
  });

  it('a page exactly as long as the rest ends with nextCursor null', async () => {
    const res = await world.owner.get(`${listPath()}?limit=5`);
    expect(res.status).toBe(200);
    expect((res.body as { items: Event[] }).items).toHaveLength(5);
    expect(res.body).toMatchObject({ nextCursor: null });
  });

  it.each(['0', '201', '-1', '2.5', 'abc'])('limit=%s is 400 VALIDATION_FAILED', async (limit) => {
    const res = await world.owner.get(`${listPath()}?limit=${limit}`);
    expectFieldError(res, 400, 'VALIDATION_FAILED', 'limit');
  });

  it('limit=200 is accepted', async () => {
    const res = await world.owner.get(`${listPath()}?limit=200`);
    expect(res.status).toBe(200);
  });

  it.each([
    ['garbage', 'garbage!!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['JSON without the keys', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
    ['a bad date', Buffer.from(JSON.stringify({ k: 'not-a-date', id: randomUUID() })).toString('base64url')],
    [
      'year 0000',
      Buffer.from(JSON.stringify({ k: '0000-01-01T00:00:00Z', id: randomUUID() })).toString('base64url'),
    ],
    [
      'a bad id',
      Buffer.from(JSON.stringify({ k: new Date().toISOString(), id: 'zzz' })).toString('base64url'),
    ],
  ])('a cursor that is %s is 400 VALIDATION_FAILED', async (_name, cursor) => {
    const res = await world.owner.get(`${listPath()}?limit=2&cursor=${encodeURIComponent(cursor)}`);
    expectFieldError(res, 400, 'VALIDATION_FAILED', 'cursor');
  });

  it('does not skip events created within the same millisecond (microsecond timestamps)', async () => {
    const w = await createWorld(app, db);
    const base = eventInput();
    const stamps = [
      '2030-01-01T00:00:00.123900Z',
      '2030-01-01T00:00:00.123600Z',
      '2030-01-01T00:00:00.123300Z',
      '2030-01-01T00:00:00.122000Z',
    ];
    const inserted: string[] = [];
    for (const [i, stamp] of stamps.entries()) {
      const rows = await db
        .insert(eventsTable)
        .values({
          organizationId: w.org.id,
          slug: `micro-${randomUUID()}`,
          title: `Micro ${i}`,
          startsAt: new Date(base.startsAt),
          endsAt: new Date(base.endsAt),
          timezone: base.timezone,
          currency: base.currency,
          createdAt: sql`${stamp}::timestamptz`,
        })
        .returning({ id: eventsTable.id });
      inserted.push(rows[0]?.id ?? '');
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const query: string = cursor ? `?limit=1&cursor=${encodeURIComponent(cursor)}` : '?limit=1';
      const res = await w.owner.get(`/api/organizations/${w.org.id}/events${query}`);
      expect(res.status).toBe(200);
      const body = res.body as { items: Event[]; nextCursor: string | null };
      seen.push(...body.items.map((event) => event.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(inserted);
  });
});
