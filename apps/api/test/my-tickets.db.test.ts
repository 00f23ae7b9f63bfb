import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { markEmailVerified } from '../src/modules/accounts';
import { openSale } from './checkout-helpers';
import { createActor, createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';
import { buyTickets } from './insight-helpers';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = buildTestApp();
  world = await createWorld(t.app, t.database.db);
});

describe('GET /api/me/orders ("My tickets")', () => {
  it('lists the guest orders confirmed to the verified email, never the orders of tickets passed on to it', async () => {
    const email = `guest-${randomUUID().slice(0, 8)}@example.test`;
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 1500, capacity: 20 }]);
    const type = types[0];
    if (!type) throw new Error('no ticket type');
    const guestOrder = await buyTickets(world.anonymous, event.id, [[type.id, 1]], { name: 'Guest', email });
    const someoneElse = await buyTickets(world.anonymous, event.id, [[type.id, 2]], {
      name: 'Friend',
      email: `friend-${randomUUID().slice(0, 8)}@example.test`,
    });
    const passed = someoneElse.tickets[0];
    expect(
      (await world.owner.post(`/api/tickets/${passed?.id}/transfer`, { name: 'Guest', email })).status,
    ).toBe(200);

    const unverified = await createActor(t.app, t.database.db, { email, isVerified: false });
    expect((await unverified.get('/api/me/orders')).body.items).toEqual([]);
    // Verified later (the same person, the same address): now the orders are theirs to see.
    await markEmailVerified(t.database.db, unverified.user?.id ?? '', email, new Date());
    const mine = await unverified.get('/api/me/orders');
    expect(mine.status).toBe(200);
    // The friend's order holds their other tickets: the holder of one has only that ticket's own link.
    expect(mine.body.items.map((order: { id: string }) => order.id)).toEqual([guestOrder.id]);
  });
});
