import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Actor, createActor, createEvent, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

const { app, database } = buildTestApp();
const db = database.db;

const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Cursors no list ever issued: every list must refuse them before its query runs. */
const MALFORMED = [
  ['garbage', 'garbage!!'],
  ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
  ['JSON without the keys', json({ a: 1 })],
  ['a non-uuid id', json({ k: '2030-01-01T00:00:00.000Z', id: 'zzz' })],
  ['an SQL-ish id', json({ k: '2030-01-01T00:00:00.000Z', id: "' OR '1'='1" })],
] as const;

/** Malformed for lists sorted by time; February 31st used to pass the checks and fail in SQL (a 500). */
const MALFORMED_TIMESTAMPS = [
  ['a word as the date', json({ k: 'yesterday', id: randomUUID() })],
  ['February 31st', json({ k: '2030-02-31T00:00:00.000000Z', id: randomUUID() })],
  ['year 0000', json({ k: '0000-01-01T00:00:00Z', id: randomUUID() })],
] as const;

function expectCursorProblem(res: Response): void {
  expect({ status: res.status, body: res.body as unknown }).toMatchObject({
    status: 400,
    body: { status: 400, code: 'VALIDATION_FAILED', errors: [{ path: 'cursor' }] },
  });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}

let world: World;
let buyer: Actor;
let eventId: string;
let ticketTypeId: string;

beforeAll(async () => {
  world = await createWorld(app, db);
  buyer = await createActor(app, db);
  const { event, ticketTypes } = await createEvent(db, world, {
    ticketTypes: [{ name: 'GA', priceCents: 1000, capacity: 50 }],
    publish: true,
  });
  eventId = event.id;
  ticketTypeId = ticketTypes[0]?.id ?? '';
});

/** Every keyset-paged list, with a caller allowed to read it and the kind of key it sorts by. */
const LISTS: ReadonlyArray<{ name: string; path: () => string; as: () => Actor; sortsByTime: boolean }> = [
  {
    name: 'organization events',
    path: () => `/api/organizations/${world.org.id}/events`,
    as: () => world.owner,
    sortsByTime: true,
  },
  {
    name: 'public catalogue',
    path: () => '/api/public/events',
    as: () => world.anonymous,
    sortsByTime: true,
  },
  {
    name: 'event attendees',
    path: () => `/api/events/${eventId}/attendees`,
    as: () => world.staff,
    sortsByTime: false,
  },
  {
    name: 'event orders',
    path: () => `/api/events/${eventId}/orders`,
    as: () => world.owner,
    sortsByTime: true,
  },
  {
    name: 'audit log',
    path: () => `/api/organizations/${world.org.id}/audit-log`,
    as: () => world.owner,
    sortsByTime: true,
  },
  { name: 'my orders', path: () => '/api/me/orders', as: () => buyer, sortsByTime: true },
];

describe.each(LISTS)('$name', ({ path, as, sortsByTime }) => {
  const cases = sortsByTime ? [...MALFORMED, ...MALFORMED_TIMESTAMPS] : MALFORMED;

  it.each(cases)('answers a cursor that is %s with a 400 problem', async (_name, cursor) => {
    expectCursorProblem(await as().get(`${path()}?limit=2&cursor=${encodeURIComponent(cursor)}`));
  });

  it('treats an empty cursor as the first page', async () => {
    expect((await as().get(`${path()}?limit=2&cursor=`)).status).toBe(200);
  });
});

describe('attendees', () => {
  it('refuse a name key PostgreSQL text cannot hold (NUL)', async () => {
    const cursor = json({ k: 'Ada\u0000', id: randomUUID() });
    expectCursorProblem(await world.staff.get(`/api/events/${eventId}/attendees?cursor=${cursor}`));
  });
});

describe('my orders', () => {
  it('pages newest first through nextCursor, without gaps or repeats', async () => {
    const placed: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await buyer.post('/api/orders', {
        eventId,
        items: [{ ticketTypeId, quantity: 1 }],
        buyer: { name: 'Cursor Buyer', email: buyer.user?.email },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      placed.push((res.body as { id: string }).id);
    }
    const page1 = await buyer.get('/api/me/orders?limit=2');
    expect(page1.status).toBe(200);
    const next = (page1.body as { nextCursor: string | null }).nextCursor;
    expect(next).not.toBeNull();
    const page2 = await buyer.get(`/api/me/orders?limit=2&cursor=${encodeURIComponent(next ?? '')}`);
    expect(page2.status).toBe(200);
    expect(page2.body).toMatchObject({ nextCursor: null });
    const orders = [...page1.body.items, ...page2.body.items] as Array<{ id: string; createdAt: string }>;
    // Two orders placed within one millisecond come in id order, so compare as sets plus the time order.
    expect(orders.map((order) => order.id).sort()).toEqual([...placed].sort());
    const times = orders.map((order) => order.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});
