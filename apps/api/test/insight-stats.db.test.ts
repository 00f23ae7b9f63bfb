import type { EventStats } from '@zevents/contracts';
import { describe, expect, it } from 'vitest';
import { releaseHolds } from '../src/modules/orders/orders.repository';
import { ManualClock } from '../src/shared/clock';
import { anonymous, createEvent, createWorld } from './factories';
import { buildTestApp } from './harness';
import { buyTickets, checkIn, expectProblem, refundOrder, reserveTickets } from './insight-helpers';

// Fixed once: a run that crosses midnight UTC must not move the scripted days under the test.
const TODAY = new Date().toISOString().slice(0, 10);

/** Today's date in UTC at the given time, e.g. at('23:30') or at('09:00', 1) for tomorrow. */
function at(time: string, plusDays = 0): Date {
  return new Date(Date.parse(`${TODAY}T${time}:00.000Z`) + plusDays * 86_400_000);
}

const parisDate = (date: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', dateStyle: 'short' }).format(date);

describe('GET /api/events/{eventId}/stats', () => {
  it('is exact after a scripted mix of sales, refunds, expiries, cancellations and check-ins', async () => {
    const clock = new ManualClock(at('10:00'));
    const t = buildTestApp({ clock });
    const world = await createWorld(t.app, t.database.db);
    const { event, ticketTypes } = await createEvent(t.database.db, world, {
      input: { timezone: 'Europe/Paris' },
      ticketTypes: [
        { name: 'GA', priceCents: 2500, capacity: 100 },
        { name: 'VIP', priceCents: 10_000, capacity: 10 },
      ],
      publish: true,
    });
    const [ga, vip] = ticketTypes.map((type) => type.id) as [string, string];
    const buyer = world.anonymous;

    const empty = await world.owner.get(`/api/events/${event.id}/stats`);
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.body).toEqual({
      ticketsSold: 0,
      ticketsHeld: 0,
      capacity: 110,
      revenueCents: 0,
      refundsCents: 0,
      checkedIn: 0,
      byTicketType: [
        { ticketTypeId: ga, name: 'GA', sold: 0, held: 0, capacity: 100, revenueCents: 0 },
        { ticketTypeId: vip, name: 'VIP', sold: 0, held: 0, capacity: 10, revenueCents: 0 },
      ],
      salesByDay: [],
      byChannel: [
        { channel: 'online', orders: 0, tickets: 0, revenueCents: 0 },
        { channel: 'comp', orders: 0, tickets: 0, revenueCents: 0 },
        { channel: 'cash', orders: 0, tickets: 0, revenueCents: 0 },
      ],
    } satisfies EventStats);

    // Day D in Paris: B buys 3 GA; D buys 2 VIP and is refunded in full.
    const orderB = await buyTickets(buyer, event.id, [[ga, 3]]);
    clock.set(at('12:00'));
    const orderD = await buyTickets(buyer, event.id, [[vip, 2]]);
    await refundOrder(world.owner, orderD.id);
    // 23:30 UTC is already the next day in Paris: A buys 2 GA + 1 VIP.
    clock.set(at('23:30'));
    const orderA = await buyTickets(buyer, event.id, [
      [ga, 2],
      [vip, 1],
    ]);
    // Day D+1: E buys 2 GA and one ticket is refunded; F buys 1 GA and gets 5.00 back as a goodwill refund.
    clock.set(at('09:00', 1));
    const orderE = await buyTickets(buyer, event.id, [[ga, 2]]);
    await refundOrder(world.owner, orderE.id, { ticketIds: [orderE.tickets[0]?.id] });
    const orderF = await buyTickets(buyer, event.id, [[ga, 1]]);
    await refundOrder(world.owner, orderF.id, { amountCents: 500 });
    // C holds 1 GA and lets it expire; H holds 1 GA and cancels; G holds 4 GA and is still holding.
    clock.set(at('09:05', 1));
    const orderC = await reserveTickets(buyer, event.id, [[ga, 1]]);
    const orderH = await reserveTickets(buyer, event.id, [[ga, 1]]);
    const cancelled = await buyer.post(`/api/orders/${orderH.id}/cancel?token=${orderH.accessToken}`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    clock.set(at('09:21', 1));
    await reserveTickets(buyer, event.id, [[ga, 4]]);
    // Door: two check-ins (QR and typed code), and one more that is undone.
    expect((await checkIn(world.staff, event.id, orderA.tickets[0]?.qr ?? '')).status).toBe(200);
    expect((await checkIn(world.staff, event.id, orderB.tickets[0]?.code ?? '')).status).toBe(200);
    const mistaken = orderE.tickets[1];
    expect((await checkIn(world.staff, event.id, mistaken?.qr ?? '')).status).toBe(200);
    expect((await world.owner.delete(`/api/events/${event.id}/check-ins/${mistaken?.id}`)).status).toBe(204);

    const dayD = parisDate(at('10:00'));
    const dayD1 = parisDate(at('23:30'));
    expect(dayD1).not.toBe(dayD);
    expect(parisDate(at('09:00', 1))).toBe(dayD1);
    const expected: EventStats = {
      ticketsSold: 8,
      ticketsHeld: 4,
      capacity: 110,
      revenueCents: 7_500 + 15_000 + 2_500 + 2_000,
      refundsCents: 20_000 + 2_500 + 500,
      checkedIn: 2,
      byTicketType: [
        {
          ticketTypeId: ga,
          name: 'GA',
          sold: 7,
          held: 4,
          capacity: 100,
          revenueCents: 7_500 + 5_000 + 2_500 + 2_000,
        },
        { ticketTypeId: vip, name: 'VIP', sold: 1, held: 0, capacity: 10, revenueCents: 10_000 },
      ],
      salesByDay: [
        { date: dayD, tickets: 3, revenueCents: 7_500 },
        { date: dayD1, tickets: 5, revenueCents: 15_000 + 2_500 + 2_000 },
      ],
      // B, D (refunded in full: no ticket left), A, E and F, all through the checkout.
      byChannel: [
        { channel: 'online', orders: 5, tickets: 8, revenueCents: 7_500 + 15_000 + 2_500 + 2_000 },
        { channel: 'comp', orders: 0, tickets: 0, revenueCents: 0 },
        { channel: 'cash', orders: 0, tickets: 0, revenueCents: 0 },
      ],
    };
    const stats = await world.staff.get(`/api/events/${event.id}/stats`);
    expect(stats.status, JSON.stringify(stats.body)).toBe(200);
    expect(stats.body).toEqual(expected);

    // The sweep closing the expired hold changes nothing visible: it was already left out. (Only
    // this hold: a sweep of the whole database would close holds other test files are using.)
    const swept = await releaseHolds(t.database.pool, {
      now: clock.now(),
      limit: 10,
      orderIds: [orderC.id],
      status: 'expired',
      onlyPastDeadline: true,
    });
    expect(swept).toHaveLength(1);
    expect((await world.owner.get(`/api/events/${event.id}/stats`)).body).toEqual(expected);

    // Once G's hold runs out too, nothing is held any more.
    clock.advance(16 * 60_000);
    const later = await world.owner.get(`/api/events/${event.id}/stats`);
    expect(later.body).toMatchObject({ ticketsHeld: 0, ticketsSold: 8, revenueCents: expected.revenueCents });
    expect(later.body.byTicketType[0].held).toBe(0);

    // Figures add up to the totals, and agree with the stock counters checkout maintains.
    const body = later.body as EventStats;
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(body.byTicketType.map((type) => type.revenueCents))).toBe(body.revenueCents);
    expect(sum(body.salesByDay.map((day) => day.revenueCents))).toBe(body.revenueCents);
    expect(sum(body.salesByDay.map((day) => day.tickets))).toBe(body.ticketsSold);
    const { rows } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM tickets WHERE event_id = $1 AND status IN ('valid', 'checked_in')`,
      [event.id],
    );
    expect(rows[0]?.n).toBe(body.ticketsSold);
  });

  it('shares discounts and refunds over ticket types so they add up to the revenue', async () => {
    const clock = new ManualClock(at('08:00'));
    const t = buildTestApp({ clock });
    const world = await createWorld(t.app, t.database.db);
    const { event, ticketTypes } = await createEvent(t.database.db, world, {
      input: { timezone: 'America/New_York' },
      ticketTypes: [
        { name: 'A', priceCents: 333, capacity: 50 },
        { name: 'B', priceCents: 1_001, capacity: 50 },
        { name: 'Free', priceCents: 0, capacity: 50 },
      ],
      publish: true,
    });
    const [a, b, free] = ticketTypes.map((type) => type.id) as [string, string, string];
    const order = await buyTickets(world.anonymous, event.id, [
      [a, 3],
      [b, 2],
      [free, 1],
    ]);
    // A goodwill refund of an odd amount, then one A ticket refunded with its share.
    await refundOrder(world.owner, order.id, { amountCents: 7 });
    const aTicket = order.tickets.find((ticket) => ticket.ticketTypeId === a);
    await refundOrder(world.owner, order.id, { ticketIds: [aTicket?.id] });
    const freeOnly = await buyTickets(world.anonymous, event.id, [[free, 2]]);
    expect(freeOnly.totalCents).toBe(0);

    const res = await world.owner.get(`/api/events/${event.id}/stats`);
    expect(res.status).toBe(200);
    const stats = res.body as EventStats;
    const { rows } = await t.database.pool.query<{ kept: number; refunded: number }>(
      `SELECT sum(total_cents - refunded_cents)::int AS kept, sum(refunded_cents)::int AS refunded
       FROM orders WHERE event_id = $1`,
      [event.id],
    );
    expect(stats.revenueCents).toBe(rows[0]?.kept);
    expect(stats.refundsCents).toBe(rows[0]?.refunded);
    expect(stats.byTicketType.reduce((sum, type) => sum + type.revenueCents, 0)).toBe(stats.revenueCents);
    expect(stats.byTicketType.find((type) => type.ticketTypeId === free)).toMatchObject({
      sold: 3,
      revenueCents: 0,
    });
    expect(stats.byTicketType.find((type) => type.ticketTypeId === a)?.sold).toBe(2);
    expect(stats.ticketsSold).toBe(2 + 2 + 1 + 2);
  });

  it('is for the event organizers and staff only', async () => {
    const t = buildTestApp();
    const world = await createWorld(t.app, t.database.db);
    const { event } = await createEvent(t.database.db, world, {
      ticketTypes: [{ name: 'GA', priceCents: 1_000, capacity: 5 }],
    });
    for (const member of [world.owner, world.admin, world.staff])
      expect((await member.get(`/api/events/${event.id}/stats`)).status).toBe(200);
    expectProblem(await world.outsider.get(`/api/events/${event.id}/stats`), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.get(`/api/events/${event.id}/stats`), 401, 'UNAUTHENTICATED');
    expectProblem(await world.owner.get('/api/events/not-an-id/stats'), 404, 'NOT_FOUND');
    expectProblem(
      await world.owner.get('/api/events/00000000-0000-4000-8000-000000000000/stats'),
      404,
      'NOT_FOUND',
    );
  });
});

describe('the OpenAPI document', () => {
  it('publishes the dashboard and door endpoints from their schemas', async () => {
    const t = buildTestApp();
    const res = await anonymous(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = res.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    const operations: Array<[string, string, number]> = [
      ['get', '/api/events/{eventId}/stats', 200],
      ['post', '/api/events/{eventId}/check-ins', 200],
      ['delete', '/api/events/{eventId}/check-ins/{ticketId}', 204],
      ['get', '/api/events/{eventId}/attendees', 200],
      ['get', '/api/events/{eventId}/attendees.csv', 200],
      ['get', '/api/events/{eventId}/orders', 200],
      ['get', '/api/events/{eventId}/orders.csv', 200],
    ];
    for (const [method, path, status] of operations) {
      const operation = paths[path]?.[method] as {
        responses: Record<string, { content?: Record<string, unknown> }>;
      };
      expect(operation, `${method} ${path}`).toBeDefined();
      expect(Object.keys(operation.responses)).toContain(String(status));
    }
    const csv = paths['/api/events/{eventId}/attendees.csv']?.get as {
      responses: Record<string, { content: Record<string, unknown> }>;
      parameters: Array<{ name: string; in: string }>;
    };
    expect(Object.keys(csv.responses['200']?.content ?? {})).toEqual(['text/csv']);
    expect(
      csv.parameters
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['dateId', 'q', 'status']);
    const list = paths['/api/events/{eventId}/orders']?.get as {
      parameters: Array<{ name: string; in: string }>;
    };
    expect(
      list.parameters
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['cursor', 'limit', 'q', 'status']);
    const schemas = Object.keys(res.body.components.schemas as Record<string, unknown>);
    for (const id of [
      'EventStats',
      'CheckInBody',
      'CheckInResult',
      'Attendee',
      'AttendeeList',
      'EventOrderList',
    ])
      expect(schemas).toContain(id);
    const checkIn = paths['/api/events/{eventId}/check-ins']?.post as { responses: Record<string, unknown> };
    expect(Object.keys(checkIn.responses)).toEqual(
      expect.arrayContaining(['200', '404', '409', '410', '422']),
    );
  });
});
