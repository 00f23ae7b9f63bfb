import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CapacityPool } from '@zevents/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../src/db/client';
import { expectStockInvariants, openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';
import { buyTickets, expectProblem, reserveTickets } from './insight-helpers';

/** Shared capacity: CRUD, and the flash sale on two ticket types that share one pool. */

let database: Database;
let t: TestApp;
let server: Server;
let base: string;
let world: World;

beforeAll(async () => {
  database = createDatabase(inject('databaseUrl'), 10);
  // Counting exact answers of 500 requests in one process: no 503 for a long wait on the pool.
  database.pool.options.connectionTimeoutMillis = 30_000;
  t = buildTestApp({ database, maxWaitingForDb: 100_000 });
  server = t.app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  world = await createWorld(t.app, database.db);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await database.close();
});

async function hall(capacities: [number, number] = [100, 100]) {
  const sale = await openSale(t, world, [
    { name: 'Early bird', priceCents: 1000, capacity: capacities[0] },
    { name: 'Regular', priceCents: 2000, capacity: capacities[1] },
    { name: 'Standing', priceCents: 500, capacity: 50 },
  ]);
  const [early, regular, standing] = sale.types;
  if (!early || !regular || !standing) throw new Error('no ticket types');
  return { event: sale.event, early, regular, standing };
}

async function createPool(eventId: string, body: Record<string, unknown>): Promise<CapacityPool> {
  const res = await world.owner.post(`/api/events/${eventId}/capacity-pools`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as CapacityPool;
}

describe('capacity pools', () => {
  it('creates, lists, changes and deletes a pool; refuses what does not fit', async () => {
    const { event, early, regular, standing } = await hall();
    const pool = await createPool(event.id, {
      name: 'Hall 500',
      capacity: 150,
      ticketTypeIds: [early.id, regular.id],
    });
    expect(pool).toMatchObject({
      eventId: event.id,
      name: 'Hall 500',
      capacity: 150,
      sold: 0,
      held: 0,
      available: 150,
    });
    expect([...pool.ticketTypeIds].sort()).toEqual([early.id, regular.id].sort());
    const list = await world.staff.get(`/api/events/${event.id}/capacity-pools`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: CapacityPool) => item.id)).toEqual([pool.id]);

    const other = await hall();
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/capacity-pools`, {
        name: 'Mixed',
        capacity: 10,
        ticketTypeIds: [early.id, other.early.id],
      }),
      422,
      'TICKET_TYPE_NOT_IN_EVENT',
    );
    for (const body of [
      { name: '', capacity: 10, ticketTypeIds: [early.id] },
      { name: 'x', capacity: -1, ticketTypeIds: [early.id] },
      { name: 'x', capacity: 10, ticketTypeIds: [] },
      { name: 'x', capacity: 1.5, ticketTypeIds: [early.id] },
      { name: 'x', capacity: 10, ticketTypeIds: ['nope'] },
    ])
      expectProblem(
        await world.owner.post(`/api/events/${event.id}/capacity-pools`, body),
        400,
        'VALIDATION_FAILED',
      );
    expectProblem(
      await world.staff.post(`/api/events/${event.id}/capacity-pools`, {
        name: 'x',
        capacity: 1,
        ticketTypeIds: [early.id],
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await world.outsider.get(`/api/events/${event.id}/capacity-pools`), 404, 'NOT_FOUND');
    expectProblem(
      await world.outsider.patch(`/api/capacity-pools/${pool.id}`, { capacity: 1 }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await world.owner.patch('/api/capacity-pools/00000000-0000-4000-8000-000000000000', { capacity: 1 }),
      404,
      'NOT_FOUND',
    );

    // Three tickets sold: the pool cannot drop below them.
    await buyTickets(world.anonymous, event.id, [[early.id, 3]]);
    expectProblem(
      await world.owner.patch(`/api/capacity-pools/${pool.id}`, { capacity: 2 }),
      422,
      'CAPACITY_BELOW_SOLD',
    );
    const changed = await world.owner.patch(`/api/capacity-pools/${pool.id}`, {
      name: 'Main hall',
      capacity: 3,
      ticketTypeIds: [early.id, regular.id, standing.id],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ name: 'Main hall', capacity: 3, sold: 3, held: 0, available: 0 });
    // Full: every type in it shows nothing left, and a reserve of any of them is sold out.
    const page = await world.anonymous.get(`/api/public/events/${event.id}`);
    expect(page.body.ticketTypes.map((type: { available: number }) => type.available)).toEqual([0, 0, 0]);
    const refused = await world.anonymous.post('/api/orders', {
      eventId: event.id,
      items: [{ ticketTypeId: standing.id, quantity: 1 }],
      buyer: { name: 'Late', email: 'late@example.test' },
    });
    expectProblem(refused, 409, 'SOLD_OUT');
    // Standing has 50 of its own, but its pool has none left: that is what the answer says.
    expect(refused.body.remaining).toEqual([{ ticketTypeId: standing.id, available: 0 }]);
    // The box office cannot pass it either.
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/orders`, {
        items: [{ ticketTypeId: regular.id, quantity: 1 }],
        buyer: { name: 'Door', email: 'door@example.test' },
        paymentMethod: 'cash',
        sendEmail: false,
      }),
      409,
      'SOLD_OUT',
    );
    expect((await world.owner.delete(`/api/capacity-pools/${pool.id}`)).status).toBe(204);
    // Without the pool each type has its own room again.
    await reserveTickets(world.anonymous, event.id, [[standing.id, 1]]);
    expect((await world.owner.get(`/api/events/${event.id}/capacity-pools`)).body.items).toEqual([]);
  });

  it('the reserve batch decides pools in memory: a batch larger than the room is answered order by order', async () => {
    const { event, early, regular } = await hall([10, 10]);
    await createPool(event.id, { name: 'Two seats', capacity: 2, ticketTypeIds: [early.id, regular.id] });
    const now = new Date();
    const request = (typeId: string, i: number) => ({
      eventId: event.id,
      typeIds: [typeId],
      quantities: [1],
      buyerName: `Batch ${i}`,
      buyerEmail: `batch-${i}-${event.id}@example.test`,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + 900_000).toISOString(),
      orderId: randomUUID(),
      answer: {},
    });
    // One call, three orders for two seats: no exception (which would fail all three), two accepted.
    const result = await database.pool.query<{ out_index: number; out_answer: unknown; out_facts: unknown }>(
      'SELECT out_index, out_answer, out_facts FROM zevents_reserve_batch($1::jsonb) ORDER BY out_index',
      [JSON.stringify([request(early.id, 1), request(regular.id, 2), request(early.id, 3)])],
    );
    expect(result.rows.map((row) => row.out_answer !== null)).toEqual([true, true, false]);
    expect(result.rows[2]?.out_facts).not.toBeNull();
  });

  it('500 concurrent buyers on two ticket types sharing a pool of 100 get exactly 100 tickets', async () => {
    const { event, early, regular } = await hall([100, 100]);
    const pool = await createPool(event.id, {
      name: 'Hall 100',
      capacity: 100,
      ticketTypeIds: [early.id, regular.id],
    });
    const answers = await Promise.all(
      Array.from({ length: 500 }, async (_, i) => {
        const res = await fetch(`${base}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            eventId: event.id,
            items: [{ ticketTypeId: i % 2 === 0 ? early.id : regular.id, quantity: 1 }],
            buyer: { name: `Buyer ${i}`, email: `pool-${i}-${event.id}@example.test` },
          }),
        });
        return { status: res.status, body: (await res.json()) as { code?: string } };
      }),
    );
    const counts: Record<string, number> = {};
    for (const answer of answers) {
      const key = `${answer.status}${answer.body.code ? ` ${answer.body.code}` : ''}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts).toEqual({ '201': 100, '409 SOLD_OUT': 400 });
    const { rows } = await database.db.execute<{ held: number; orders: number }>(sql`
      SELECT (SELECT sum(held)::int FROM ticket_types WHERE id IN (${early.id}::uuid, ${regular.id}::uuid)) AS held,
             (SELECT count(*)::int FROM orders WHERE event_id = ${event.id}::uuid) AS orders`);
    expect(rows[0]).toEqual({ held: 100, orders: 100 });
    await expectStockInvariants(database.pool, event.id);
    const after = (await world.owner.get(`/api/events/${event.id}/capacity-pools`)).body
      .items[0] as CapacityPool;
    expect(after).toMatchObject({ id: pool.id, held: 100, sold: 0, available: 0 });
  });
});
