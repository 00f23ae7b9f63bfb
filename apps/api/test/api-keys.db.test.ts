import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { apiKeys } from '../src/db/schema';
import { insertApiKey } from '../src/modules/accounts/api-keys.repository';
import { API_KEY_PREFIX } from '../src/modules/accounts/api-keys.service';
import { silentChangeBus } from '../src/realtime/change-bus';
import { createLiveHub, type LiveHub } from '../src/realtime/live-hub';
import { generateToken, sha256 } from '../src/shared/crypto';
import { Actor, createEvent, createWorld, eventInput, type World } from './factories';
import { buildTestApp } from './harness';
import { buyTickets, expectProblem } from './insight-helpers';

/**
 * API keys stop with their creator's access (issue #10, item 8) and carry scopes: `read`, `check-in`,
 * `write` (which includes the other two).
 */

const t = buildTestApp();
const { app } = t;
const db = t.database.db;

const keysPath = (world: World) => `/api/organizations/${world.org.id}/api-keys`;
const memberPath = (world: World, actor: Actor) =>
  `/api/organizations/${world.org.id}/members/${actor.user?.id ?? ''}`;

/** A key created through the API by `creator`; returns a caller that sends it as a Bearer token. */
async function keyOf(world: World, creator: Actor, body: Record<string, unknown> = {}) {
  const res = await creator.post(keysPath(world), { name: 'integration', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const created = res.body as { id: string; key: string; scopes: string[] };
  return { ...created, actor: new Actor(app, { Authorization: `Bearer ${created.key}` }) };
}

/** A key as made before creators were recorded: `created_by` NULL, default scopes. */
async function legacyKey(world: World) {
  const key = `${API_KEY_PREFIX}${generateToken()}`;
  const row = await insertApiKey(db, {
    organizationId: world.org.id,
    name: 'old integration',
    keyHash: sha256(key),
    prefix: key.slice(0, API_KEY_PREFIX.length + 6),
    createdBy: null,
  });
  return { id: row.id, actor: new Actor(app, { Authorization: `Bearer ${key}` }) };
}

const eventsOf = (world: World) => `/api/organizations/${world.org.id}/events`;

describe('creating keys with scopes', () => {
  it('defaults to write, keeps the given scopes once each, and lists scopes and creator', async () => {
    const world = await createWorld(app, db);
    const full = await keyOf(world, world.owner);
    expect(full.scopes).toEqual(['write']);
    const door = await keyOf(world, world.admin, { name: 'Door', scopes: ['check-in', 'check-in'] });
    expect(door.scopes).toEqual(['check-in']);
    const both = await keyOf(world, world.admin, { name: 'Wall', scopes: ['check-in', 'read'] });
    expect(both.scopes).toEqual(['read', 'check-in']);
    const [row] = await db.select().from(apiKeys).where(eq(apiKeys.id, door.id));
    expect(row).toMatchObject({ scopes: ['check-in'], createdBy: world.admin.user?.id });

    const list = await world.owner.get(keysPath(world));
    expect(list.status).toBe(200);
    const owner = world.owner.user;
    const admin = world.admin.user;
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: full.id,
        scopes: ['write'],
        createdBy: { userId: owner?.id, name: owner?.name, email: owner?.email },
      }),
      expect.objectContaining({
        id: door.id,
        scopes: ['check-in'],
        createdBy: { userId: admin?.id, name: admin?.name, email: admin?.email },
      }),
      expect.objectContaining({ id: both.id, scopes: ['read', 'check-in'] }),
    ]);
  });

  it('answers 400 for invalid scopes and creates nothing', async () => {
    const world = await createWorld(app, db);
    for (const scopes of [[], ['admin'], 'read', ['READ'], [1], null, ['read', 'owner']])
      expectProblem(await world.owner.post(keysPath(world), { name: 'k', scopes }), 400, 'VALIDATION_FAILED');
    expect((await world.owner.get(keysPath(world))).body.items).toEqual([]);
  });
});

describe('a key stops with its creator', () => {
  it("a removed admin's key answers 401 at once; the owner's key keeps working", async () => {
    const world = await createWorld(app, db);
    const adminKey = await keyOf(world, world.admin);
    const ownerKey = await keyOf(world, world.owner);
    expect((await adminKey.actor.get(eventsOf(world))).status).toBe(200);

    expect((await world.owner.delete(memberPath(world, world.admin))).status).toBe(204);
    // The very next call, no cache in between: not its orders, not a promo code, nothing.
    expectProblem(await adminKey.actor.get(eventsOf(world)), 401, 'UNAUTHENTICATED');
    expectProblem(await adminKey.actor.post(eventsOf(world), eventInput()), 401, 'UNAUTHENTICATED');
    expect((await ownerKey.actor.get(eventsOf(world))).status).toBe(200);
    // The key stays listed (so it can be revoked), with its creator's name.
    const listed = (await world.owner.get(keysPath(world))).body.items as Array<{ id: string }>;
    expect(listed.map((key) => key.id)).toEqual([adminKey.id, ownerKey.id]);
  });

  it("a key goes with its creator's account: deleting the account never leaves a creator-less admin key", async () => {
    const world = await createWorld(app, db);
    const adminKey = await keyOf(world, world.admin);
    expect((await adminKey.actor.get(eventsOf(world))).status).toBe(200);
    await t.database.pool.query('DELETE FROM users WHERE id = $1', [world.admin.user?.id]);
    expectProblem(await adminKey.actor.get(eventsOf(world)), 401, 'UNAUTHENTICATED');
    const rows = await db.select().from(apiKeys).where(eq(apiKeys.id, adminKey.id));
    expect(rows).toEqual([]);
  });

  it('a creator demoted to staff makes the key 401; made admin again, it works again', async () => {
    const world = await createWorld(app, db);
    const adminKey = await keyOf(world, world.admin);
    const demoted = await world.owner.patch(memberPath(world, world.admin), { role: 'staff' });
    expect(demoted.status, JSON.stringify(demoted.body)).toBe(200);
    expectProblem(await adminKey.actor.get(eventsOf(world)), 401, 'UNAUTHENTICATED');
    expect((await world.owner.patch(memberPath(world, world.admin), { role: 'admin' })).status).toBe(200);
    expect((await adminKey.actor.get(eventsOf(world))).status).toBe(200);
  });

  it('an owner demoted to admin keeps a working key, with admin powers only', async () => {
    const world = await createWorld(app, db);
    const ownerKey = await keyOf(world, world.owner);
    expect((await world.owner.patch(memberPath(world, world.admin), { role: 'owner' })).status).toBe(200);
    expect((await world.admin.patch(memberPath(world, world.owner), { role: 'admin' })).status).toBe(200);

    const created = await ownerKey.actor.post(eventsOf(world), eventInput());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    // Admin powers never include the team: members stay out of a key's reach.
    expectProblem(
      await ownerKey.actor.patch(memberPath(world, world.staff), { role: 'admin' }),
      403,
      'FORBIDDEN',
    );
  });

  it('a key made before creators were recorded keeps working and lists "creator unknown" (null)', async () => {
    const world = await createWorld(app, db);
    const legacy = await legacyKey(world);
    expect((await legacy.actor.get(eventsOf(world))).status).toBe(200);
    expect((await legacy.actor.post(eventsOf(world), eventInput())).status).toBe(201);
    const list = await world.admin.get(keysPath(world));
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: legacy.id, scopes: ['write'], createdBy: null }),
    ]);
    // Until revoked.
    expect((await world.admin.delete(`${keysPath(world)}/${legacy.id}`)).status).toBe(204);
    expectProblem(await legacy.actor.get(eventsOf(world)), 401, 'UNAUTHENTICATED');
  });
});

describe('scopes', () => {
  /** An event with a paid order of three tickets, and what each key may try on it. */
  async function setup() {
    const world = await createWorld(app, db);
    const { event, ticketTypes } = await createEvent(db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 2_000, capacity: 50 }],
      publish: true,
    });
    const order = await buyTickets(world.anonymous, event.id, [[ticketTypes[0]?.id ?? '', 3]]);
    return { world, event, order };
  }

  type Setup = Awaited<ReturnType<typeof setup>>;

  const reads = (s: Setup) => ({
    'GET org events': (a: Actor) => a.get(eventsOf(s.world)),
    'GET event': (a: Actor) => a.get(`/api/events/${s.event.id}`),
    'GET attendees': (a: Actor) => a.get(`/api/events/${s.event.id}/attendees?q=Buyer`),
    'GET orders': (a: Actor) => a.get(`/api/events/${s.event.id}/orders`),
    'GET orders.csv': (a: Actor) => a.get(`/api/events/${s.event.id}/orders.csv`),
    'GET attendees.csv': (a: Actor) => a.get(`/api/events/${s.event.id}/attendees.csv`),
    'GET stats': (a: Actor) => a.get(`/api/events/${s.event.id}/stats`),
    'GET promo codes': (a: Actor) => a.get(`/api/events/${s.event.id}/promo-codes`),
    'GET order': (a: Actor) => a.get(`/api/orders/${s.order.id}`),
  });
  const DOOR_READS = ['GET org events', 'GET event', 'GET attendees'];

  const writes = (s: Setup) => ({
    'POST event': (a: Actor) => a.post(eventsOf(s.world), eventInput()),
    'PATCH event': (a: Actor) => a.patch(`/api/events/${s.event.id}`, { venue: 'Elsewhere' }),
    'POST promo code': (a: Actor) =>
      a.post(`/api/events/${s.event.id}/promo-codes`, { code: `FREE${generateToken(4)}`, percentOff: 100 }),
    'POST refund': (a: Actor) => a.post(`/api/orders/${s.order.id}/refund`, { amountCents: 100 }),
  });

  async function checkInAndUndo(s: Setup, actor: Actor, ticket = 0) {
    const qr = s.order.tickets[ticket]?.qr ?? '';
    const ticketId = s.order.tickets[ticket]?.id ?? '';
    return {
      checkIn: await actor.post(`/api/events/${s.event.id}/check-ins`, { code: qr }),
      undo: await actor.delete(`/api/events/${s.event.id}/check-ins/${ticketId}`),
    };
  }

  it('a read key reads everything (CSV included) but writes nothing: 403 INSUFFICIENT_SCOPE', async () => {
    const s = await setup();
    const key = await keyOf(s.world, s.world.owner, { scopes: ['read'] });
    for (const [label, call] of Object.entries(reads(s)))
      expect((await call(key.actor)).status, label).toBe(200);
    for (const [label, call] of Object.entries(writes(s))) {
      const res = await call(key.actor);
      expect(res.status, label).toBe(403);
      expectProblem(res, 403, 'INSUFFICIENT_SCOPE');
    }
    const door = await checkInAndUndo(s, key.actor);
    expectProblem(door.checkIn, 403, 'INSUFFICIENT_SCOPE');
    expectProblem(door.undo, 403, 'INSUFFICIENT_SCOPE');
    // Nothing changed: the venue and the order are as they were.
    expect((await key.actor.get(`/api/events/${s.event.id}`)).body.venue).toBe(s.event.venue);
    expect((await key.actor.get(`/api/orders/${s.order.id}`)).body.status).toBe('paid');
  });

  it('a check-in key checks in, undoes, and reads what the door needs; nothing else', async () => {
    const s = await setup();
    const key = await keyOf(s.world, s.world.admin, { scopes: ['check-in'] });
    const door = await checkInAndUndo(s, key.actor);
    expect(door.checkIn.status, JSON.stringify(door.checkIn.body)).toBe(200);
    expect(door.undo.status, JSON.stringify(door.undo.body)).toBe(204);
    for (const [label, call] of Object.entries(reads(s))) {
      const res = await call(key.actor);
      if (DOOR_READS.includes(label)) expect(res.status, label).toBe(200);
      else expectProblem(res, 403, 'INSUFFICIENT_SCOPE');
    }
    for (const call of Object.values(writes(s)))
      expectProblem(await call(key.actor), 403, 'INSUFFICIENT_SCOPE');
    // A scope refusal comes before any lookup, so it tells nothing about other organizations.
    expectProblem(
      await key.actor.post(`/api/organizations/${s.world.outsiderOrg.id}/events`, eventInput()),
      403,
      'INSUFFICIENT_SCOPE',
    );
  });

  it('a key with read and check-in does both; a write key does everything', async () => {
    const s = await setup();
    const both = await keyOf(s.world, s.world.owner, { scopes: ['read', 'check-in'] });
    for (const call of Object.values(reads(s))) expect((await call(both.actor)).status).toBe(200);
    expect((await checkInAndUndo(s, both.actor, 0)).checkIn.status).toBe(200);
    expectProblem(await writes(s)['PATCH event'](both.actor), 403, 'INSUFFICIENT_SCOPE');

    const full = await keyOf(s.world, s.world.owner);
    const door = await checkInAndUndo(s, full.actor, 1);
    expect([door.checkIn.status, door.undo.status]).toEqual([200, 204]);
    for (const [label, call] of Object.entries(reads(s)))
      expect((await call(full.actor)).status, label).toBe(200);
    for (const [label, call] of Object.entries(writes(s)))
      expect((await call(full.actor)).status, label).toBeLessThan(300);
  });

  it('sessions are not scoped: staff still check in and read', async () => {
    const s = await setup();
    const door = await s.world.staff.post(`/api/events/${s.event.id}/check-ins`, {
      code: s.order.tickets[2]?.qr,
    });
    expect(door.status, JSON.stringify(door.body)).toBe(200);
    expect((await s.world.staff.get(`/api/events/${s.event.id}/orders`)).status).toBe(200);
  });

  it('the OpenAPI document names the scopes each operation accepts', async () => {
    const document = t.openApiDocument() as {
      paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>;
    };
    const security = (path: string, method: string) => document.paths[path]?.[method]?.security;
    expect(security('/api/events/{eventId}/check-ins', 'post')).toEqual([
      { session: [] },
      { apiKey: ['check-in'] },
    ]);
    expect(security('/api/events/{eventId}/attendees', 'get')).toEqual([
      { session: [] },
      { apiKey: ['read'] },
      { apiKey: ['check-in'] },
    ]);
    expect(security('/api/events/{eventId}/orders.csv', 'get')).toEqual([
      { session: [] },
      { apiKey: ['read'] },
    ]);
    expect(security('/api/events/{eventId}', 'patch')).toEqual([{ session: [] }, { apiKey: ['write'] }]);
  });
});

describe('the live dashboard follows the same rules', () => {
  const REAUTHORIZE_MS = 150;
  let server: http.Server;
  let hub: LiveHub;
  let baseUrl: string;

  beforeAll(async () => {
    server = http.createServer(app);
    hub = createLiveHub({
      bus: silentChangeBus,
      sources: t.liveSources,
      logger: pino({ level: 'silent' }),
      reauthorizeMs: REAUTHORIZE_MS,
    });
    hub.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    hub?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens the dashboard socket: resolves once figures arrive, or with the refusal's HTTP status. */
  function watch(eventId: string, key: string) {
    const socket = new WebSocket(`${baseUrl}/api/events/${eventId}/live`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    const opened = new Promise<'open' | number>((resolve, reject) => {
      socket.once('message', () => resolve('open'));
      socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.once('error', reject);
    });
    return { socket, closed, opened };
  }

  const outcomeWithin = (closed: Promise<number>, ms: number) =>
    Promise.race([closed, new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), ms))]);

  it("closes a key's socket once its creator is removed, and refuses a key without read", async () => {
    const world = await createWorld(app, db);
    const { event } = await createEvent(db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 1_000, capacity: 10 }],
      publish: true,
    });
    const adminKey = await keyOf(world, world.admin, { scopes: ['read'] });
    const live = watch(event.id, adminKey.key);
    expect(await live.opened).toBe('open');
    expect(await outcomeWithin(live.closed, 3 * REAUTHORIZE_MS)).toBe('open');
    expect((await world.owner.delete(memberPath(world, world.admin))).status).toBe(204);
    expect(await outcomeWithin(live.closed, 20 * REAUTHORIZE_MS)).toBe(4403);

    const doorKey = await keyOf(world, world.owner, { scopes: ['check-in'] });
    const refused = watch(event.id, doorKey.key);
    expect(await refused.opened).toBe(404);
    refused.socket.terminate();
  });
});
