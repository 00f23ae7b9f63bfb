import { describe, expect, it } from 'vitest';
import { createEvent, createWorld } from './factories';
import { buildTestApp } from './harness';

describe('checkout smoke', () => {
  it('reserves, pays with the test card, issues tickets and a PDF', async () => {
    const { app, database } = buildTestApp();
    const world = await createWorld(app, database.db);
    const { event, ticketTypes } = await createEvent(database.db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 2500, capacity: 5 }],
      publish: true,
    });
    const reserve = await world.anonymous
      .post('/api/orders', {
        eventId: event.id,
        items: [{ ticketTypeId: ticketTypes[0]?.id, quantity: 2 }],
        buyer: { name: 'Ada Buyer', email: 'ada@example.test' },
      })
      .set('Idempotency-Key', 'smoke-1');
    expect(reserve.status, JSON.stringify(reserve.body)).toBe(201);
    expect(reserve.body.status).toBe('reserved');
    const token = reserve.body.accessToken as string;
    const replay = await world.anonymous
      .post('/api/orders', {
        eventId: event.id,
        items: [{ ticketTypeId: ticketTypes[0]?.id, quantity: 2 }],
        buyer: { name: 'Ada Buyer', email: 'ada@example.test' },
      })
      .set('Idempotency-Key', 'smoke-1');
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(reserve.body.id);

    const declined = await world.anonymous.post(`/api/orders/${reserve.body.id}/pay?token=${token}`, {
      card: '4000000000000002',
    });
    expect(declined.status, JSON.stringify(declined.body)).toBe(402);
    const paid = await world.anonymous.post(`/api/orders/${reserve.body.id}/pay?token=${token}`, {
      card: '4242424242424242',
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body.status).toBe('paid');
    expect(paid.body.tickets).toHaveLength(2);
    const pdf = await world.anonymous.get(
      `/api/orders/${reserve.body.id}/tickets/${paid.body.tickets[0].id}.pdf?token=${token}`,
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');

    const soldOut = await world.anonymous.post('/api/orders', {
      eventId: event.id,
      items: [{ ticketTypeId: ticketTypes[0]?.id, quantity: 4 }],
      buyer: { name: 'Bob', email: 'bob@example.test' },
    });
    expect(soldOut.status, JSON.stringify(soldOut.body)).toBe(409);
    expect(soldOut.body.remaining).toEqual([{ ticketTypeId: ticketTypes[0]?.id, available: 3 }]);

    const refund = await world.owner.post(`/api/orders/${reserve.body.id}/refund`, {});
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    expect(refund.body.status).toBe('refunded');
    const after = await world.owner.get(`/api/events/${event.id}`);
    expect(after.body.ticketTypes[0].sold).toBe(0);
  });
});
