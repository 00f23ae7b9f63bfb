import pg from 'pg';
import { inject } from 'vitest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createDatabase } from '../src/db/client';
import { ManualClock } from '../src/shared/clock';
import { Actor, createEvent, createWorld } from './factories';
import { buildTestApp } from './harness';
import { buyTickets, checkIn, expectProblem } from './insight-helpers';

/**
 * The door's hot path with the API-key cache on (API_KEY_CACHE_SECONDS=5): a warm scanner key costs
 * one statement per check-in, and a revoked key stops at once in the revoking process, within the
 * cache's lifetime in any other.
 */
const CACHE_SECONDS = 5;

async function doorWithKey() {
  const database = createDatabase(inject('databaseUrl'), 2);
  afterAll(() => database.close());
  const clock = new ManualClock();
  const t = buildTestApp({ database, clock, apiKeyCacheSeconds: CACHE_SECONDS });
  const world = await createWorld(t.app, database.db);
  const { event, ticketTypes } = await createEvent(database.db, world, {
    ticketTypes: [{ name: 'GA', priceCents: 0, capacity: 50 }],
    publish: true,
  });
  const order = await buyTickets(world.anonymous, event.id, [[ticketTypes[0]?.id ?? '', 4]]);
  const created = await world.admin.post(`/api/organizations/${world.org.id}/api-keys`, {
    name: 'door',
    scopes: ['check-in'],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const body = created.body as { id: string; key: string };
  const scanner = new Actor(t.app, { Authorization: `Bearer ${body.key}` });
  return { t, database, clock, world, event, order, scanner, keyId: body.id };
}

describe('check-in with a cached API key', () => {
  it('runs one query per check-in once the key and the event are known', async () => {
    const { event, order, scanner } = await doorWithKey();
    const [first, second, third] = order.tickets;
    expect((await checkIn(scanner, event.id, first?.qr ?? '')).status).toBe(200);
    // Every statement on any connection (the door's batch runs on a connection of its own).
    const spy = vi.spyOn(pg.Client.prototype, 'query');
    const byQr = await checkIn(scanner, event.id, second?.qr ?? '');
    const byCode = await checkIn(scanner, event.id, third?.code ?? '');
    const calls = spy.mock.calls.length;
    spy.mockRestore();
    expect(byQr.status, JSON.stringify(byQr.body)).toBe(200);
    expect(byCode.status, JSON.stringify(byCode.body)).toBe(200);
    expect(calls).toBe(2);
    // Refusals are unchanged: a second scan is 409 with the first time.
    const again = await checkIn(scanner, event.id, second?.qr ?? '');
    expectProblem(again, 409, 'ALREADY_CHECKED_IN');
    expect(again.body.checkedInAt).toBe(byQr.body.checkedInAt);
  });

  it('reads a path UUID in capitals as the same event (a QR of this event is not WRONG_EVENT)', async () => {
    const { event, order, scanner } = await doorWithKey();
    const res = await checkIn(scanner, event.id.toUpperCase(), order.tickets[0]?.qr ?? '');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it("still answers 404 for another organization's event, from memory or not", async () => {
    const { t, world, event, order, scanner } = await doorWithKey();
    const sibling = await createEvent(t.database.db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 0, capacity: 5 }],
      publish: true,
    });
    expect((await checkIn(scanner, event.id, order.tickets[0]?.qr ?? '')).status).toBe(200);
    // Its own second event: a QR of the first is WRONG_EVENT there.
    expectProblem(await checkIn(scanner, sibling.event.id, order.tickets[1]?.qr ?? ''), 422, 'WRONG_EVENT');
    const outsiders = await createWorld(t.app, t.database.db);
    const theirs = await createEvent(t.database.db, outsiders, {
      ticketTypes: [{ name: 'GA', priceCents: 0, capacity: 5 }],
      publish: true,
    });
    for (let i = 0; i < 2; i++)
      expectProblem(await checkIn(scanner, theirs.event.id, order.tickets[2]?.code ?? ''), 404, 'NOT_FOUND');
  });

  it('stops a key revoked through the API on its very next call', async () => {
    const { world, event, order, scanner, keyId } = await doorWithKey();
    expect((await checkIn(scanner, event.id, order.tickets[0]?.qr ?? '')).status).toBe(200);
    const revoked = await world.admin.delete(`/api/organizations/${world.org.id}/api-keys/${keyId}`);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(204);
    expectProblem(await checkIn(scanner, event.id, order.tickets[1]?.qr ?? ''), 401, 'UNAUTHENTICATED');
  });

  it('stops a key revoked by another process within the cache lifetime', async () => {
    const { t, clock, event, order, scanner, keyId } = await doorWithKey();
    expect((await checkIn(scanner, event.id, order.tickets[0]?.qr ?? '')).status).toBe(200);
    // Another API process revokes it: this one has no way to know but the cache's expiry.
    await t.database.pool.query('UPDATE api_keys SET revoked_at = now() WHERE id = $1', [keyId]);
    clock.advance(CACHE_SECONDS * 1000 - 100);
    expect((await checkIn(scanner, event.id, order.tickets[1]?.qr ?? '')).status).toBe(200);
    clock.advance(100);
    expectProblem(await checkIn(scanner, event.id, order.tickets[2]?.qr ?? ''), 401, 'UNAUTHENTICATED');
  });
});
