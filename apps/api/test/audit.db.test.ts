import { describe, expect, it } from 'vitest';
import { createEvent, createUser, createWorld } from './factories';
import { buildTestApp } from './harness';

interface Entry {
  action: string;
  targetId: string;
  actorUserId: string | null;
}

describe('audit log', () => {
  it('records publish, edit, refund, member invited and cancel, newest first, for owners and admins only', async () => {
    const { app, database } = buildTestApp();
    const world = await createWorld(app, database.db);
    const { event, ticketTypes } = await createEvent(database.db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 1000, capacity: 10 }],
    });
    expect((await world.admin.post(`/api/events/${event.id}/publish`)).status).toBe(200);
    expect((await world.owner.patch(`/api/events/${event.id}`, { venue: 'New hall' })).status).toBe(200);
    const reserve = await world.anonymous.post('/api/orders', {
      eventId: event.id,
      items: [{ ticketTypeId: ticketTypes[0]?.id, quantity: 1 }],
      buyer: { name: 'Audit Buyer', email: 'audit@example.test' },
    });
    const order = reserve.body as { id: string; accessToken: string };
    await world.anonymous.post(`/api/orders/${order.id}/pay?token=${order.accessToken}`, {
      card: '4242424242424242',
    });
    expect((await world.owner.post(`/api/orders/${order.id}/refund`, {})).status).toBe(200);
    const newcomer = await createUser(database.db);
    expect(
      (
        await world.owner.post(`/api/organizations/${world.org.id}/members`, {
          email: newcomer.email,
          role: 'staff',
        })
      ).status,
    ).toBe(201);
    expect((await world.owner.post(`/api/events/${event.id}/cancel`)).status).toBe(200);

    const page1 = await world.admin.get(`/api/organizations/${world.org.id}/audit-log?limit=3`);
    expect(page1.status).toBe(200);
    const page2 = await world.admin.get(
      `/api/organizations/${world.org.id}/audit-log?limit=3&cursor=${page1.body.nextCursor as string}`,
    );
    const entries = [...(page1.body.items as Entry[]), ...(page2.body.items as Entry[])];
    expect(entries.map((e) => e.action)).toEqual([
      'event.cancel',
      'invitation.create',
      'order.refund',
      'event.update',
      'event.publish',
    ]);
    expect(entries.find((e) => e.action === 'event.publish')?.actorUserId).toBe(world.admin.user?.id);
    expect(entries.find((e) => e.action === 'order.refund')?.targetId).toBe(order.id);

    expect((await world.staff.get(`/api/organizations/${world.org.id}/audit-log`)).status).toBe(403);
    expect((await world.outsider.get(`/api/organizations/${world.org.id}/audit-log`)).status).toBe(404);
    expect((await world.anonymous.get(`/api/organizations/${world.org.id}/audit-log`)).status).toBe(401);
  });
});
