import { describe, expect, it } from 'vitest';
import { createEvent, createWorld } from './factories';
import { buildTestApp } from './harness';

describe('smoke', () => {
  it('serves health and an organizer can read their event', async () => {
    const { app, database } = buildTestApp();
    const world = await createWorld(app, database.db);
    const { event } = await createEvent(database.db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 1000, capacity: 10 }],
      publish: true,
    });
    const res = await world.owner.get(`/api/events/${event.id}`);
    expect(res.status).toBe(200);
    expect(res.body.ticketTypes).toHaveLength(1);
    const outsider = await world.outsider.get(`/api/events/${event.id}`);
    expect(outsider.status).toBe(404);
  });
});
