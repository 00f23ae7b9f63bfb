import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventDate, PublicEvent } from '@zevents/contracts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDatabase, type Database } from '../src/db/client';
import { expectStockInvariants, openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';
import { insertDueReminderEmails } from '../src/modules/notifications/outbox.repository';
import { buyerNamed, checkIn, expectProblem, PAYING_CARD, refundOrder } from './insight-helpers';

/** Dates and time slots: each date sells its own stock, with every invariant of a single sale. */

let database: Database;
let t: TestApp;
let server: Server;
let base: string;
let world: World;

beforeAll(async () => {
  database = createDatabase(inject('databaseUrl'), 10);
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

const DAY = 86_400_000;
const night = (n: number) => {
  const start = new Date(Date.now() + (10 + n) * DAY);
  start.setUTCHours(19, 30, 0, 0);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3 * 3_600_000).toISOString() };
};

async function play(capacities: [number, number] = [10, 5]) {
  const sale = await openSale(t, world, [
    { name: 'Stalls', priceCents: 4000, capacity: capacities[0] },
    { name: 'Balcony', priceCents: 2500, capacity: capacities[1] },
  ]);
  const [stalls, balcony] = sale.types;
  if (!stalls || !balcony) throw new Error('no ticket types');
  return { event: sale.event, stalls, balcony };
}

async function addDate(eventId: string, body: Record<string, unknown>): Promise<EventDate> {
  const res = await world.owner.post(`/api/events/${eventId}/dates`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as EventDate;
}

function order(eventId: string, items: Array<[string, number]>, extra: Record<string, unknown> = {}) {
  return world.anonymous.post('/api/orders', {
    eventId,
    items: items.map(([ticketTypeId, quantity]) => ({ ticketTypeId, quantity })),
    buyer: buyerNamed(),
    ...extra,
  });
}

async function payOrder(created: { id: string; accessToken: string }) {
  const res = await world.anonymous.post(`/api/orders/${created.id}/pay?token=${created.accessToken}`, {
    card: PAYING_CARD,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    id: string;
    dateId: string | null;
    tickets: Array<{ id: string; dateId: string | null; ticketTypeId: string; code: string }>;
  };
}

async function stockOn(eventId: string, dateId: string) {
  const res = await world.owner.get(`/api/events/${eventId}/dates`);
  expect(res.status).toBe(200);
  const date = (res.body.items as EventDate[]).find((item) => item.id === dateId);
  if (!date) throw new Error(`no date ${dateId}`);
  return Object.fromEntries(date.ticketTypes.map((type) => [type.name, type]));
}

describe('event dates', () => {
  it('creates dates with their own stock; the public page and the reserve follow them', async () => {
    const { event, stalls, balcony } = await play();
    const first = await addDate(event.id, night(1));
    expect(first.ticketTypes.map((type) => [type.name, type.capacity, type.available])).toEqual([
      ['Stalls', 10, 10],
      ['Balcony', 5, 5],
    ]);
    // An event with one date sells exactly as before: no dateId needed, the order carries the date.
    const only = await order(event.id, [[stalls.id, 1]]);
    expect(only.status, JSON.stringify(only.body)).toBe(201);
    expect(only.body.dateId).toBe(first.id);

    const second = await addDate(event.id, {
      ...night(2),
      capacities: [{ ticketTypeId: balcony.id, capacity: 2 }],
    });
    expect(second.ticketTypes.map((type) => [type.name, type.capacity, type.available])).toEqual([
      ['Stalls', 10, 10],
      ['Balcony', 2, 2],
    ]);
    const listed = await world.staff.get(`/api/events/${event.id}/dates`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((date: EventDate) => date.id)).toEqual([first.id, second.id]);
    // The event runs from the first date's start to the last one's end.
    const organizerView = await world.owner.get(`/api/events/${event.id}`);
    expect(organizerView.body.startsAt).toBe(first.startsAt);
    expect(organizerView.body.endsAt).toBe(second.endsAt);

    const page = (await world.anonymous.get(`/api/public/events/${event.id}`)).body as PublicEvent;
    expect(page.dates).toEqual([
      {
        id: first.id,
        startsAt: first.startsAt,
        endsAt: first.endsAt,
        ticketTypes: [
          { id: stalls.id, available: 9 },
          { id: balcony.id, available: 5 },
        ],
      },
      {
        id: second.id,
        startsAt: second.startsAt,
        endsAt: second.endsAt,
        ticketTypes: [
          { id: stalls.id, available: 10 },
          { id: balcony.id, available: 2 },
        ],
      },
    ]);
    // Over every date still to come.
    expect(page.ticketTypes.map((type) => type.available)).toEqual([19, 7]);

    // Several dates: the order names one.
    expectProblem(await order(event.id, [[stalls.id, 1]]), 422, 'DATE_REQUIRED');
    expectProblem(
      await order(event.id, [[stalls.id, 1]], { dateId: '00000000-0000-4000-8000-000000000000' }),
      422,
      'DATE_NOT_IN_EVENT',
    );
    expectProblem(await order(event.id, [[stalls.id, 1]], { dateId: 'night-two' }), 400, 'VALIDATION_FAILED');
    const other = await play();
    const otherDate = await addDate(other.event.id, night(3));
    expectProblem(
      await order(event.id, [[stalls.id, 1]], { dateId: otherDate.id }),
      422,
      'DATE_NOT_IN_EVENT',
    );

    // The second night's balcony: 2 seats of its own, whatever the first night has.
    const held = await order(event.id, [[balcony.id, 2]], { dateId: second.id });
    expect(held.status, JSON.stringify(held.body)).toBe(201);
    expect(held.body).toMatchObject({
      dateId: second.id,
      items: [{ ticketTypeId: balcony.id, ticketTypeName: 'Balcony', quantity: 2, unitPriceCents: 2500 }],
      totalCents: 5000,
    });
    const soldOut = await order(event.id, [[balcony.id, 1]], { dateId: second.id });
    expectProblem(soldOut, 409, 'SOLD_OUT');
    expect(soldOut.body.remaining).toEqual([{ ticketTypeId: balcony.id, available: 0 }]);
    expect((await order(event.id, [[balcony.id, 1]], { dateId: first.id })).status).toBe(201);

    const paid = await payOrder(held.body);
    expect(paid.dateId).toBe(second.id);
    expect(paid.tickets.map((ticket) => ticket.dateId)).toEqual([second.id, second.id]);
    expect((await stockOn(event.id, second.id)).Balcony).toMatchObject({ sold: 2, held: 0, available: 0 });
    expect((await stockOn(event.id, first.id)).Balcony).toMatchObject({ sold: 0, held: 1, available: 4 });

    // A refund gives the seat back to the night it was for.
    await refundOrder(world.owner, held.body.id, { ticketIds: [paid.tickets[0]?.id] });
    expect((await stockOn(event.id, second.id)).Balcony).toMatchObject({ sold: 1, available: 1 });
    await expectStockInvariants(database.pool, event.id);
  });

  it('gives a cancelled hold back to its own date', async () => {
    const { event, stalls } = await play();
    await addDate(event.id, night(1));
    const second = await addDate(event.id, night(2));
    const held = await order(event.id, [[stalls.id, 3]], { dateId: second.id });
    expect(held.status).toBe(201);
    expect((await stockOn(event.id, second.id)).Stalls).toMatchObject({ held: 3, available: 7 });
    const cancelled = await world.anonymous.post(
      `/api/orders/${held.body.id}/cancel?token=${held.body.accessToken}`,
    );
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect((await stockOn(event.id, second.id)).Stalls).toMatchObject({ held: 0, available: 10 });
    await expectStockInvariants(database.pool, event.id);
  });

  it('300 concurrent buyers on one night of 20 seats: exactly 20 sold there, the other night untouched', async () => {
    const { event, stalls } = await play([20, 5]);
    const first = await addDate(event.id, night(1));
    const second = await addDate(event.id, night(2));
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        fetch(`${base}/api/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `night-${event.id}-${i}` },
          body: JSON.stringify({
            eventId: event.id,
            dateId: second.id,
            items: [{ ticketTypeId: stalls.id, quantity: 1 }],
            buyer: { name: `Buyer ${i}`, email: `night-${i}@example.test` },
          }),
        }).then((res) => res.status),
      ),
    );
    expect(answers.filter((status) => status === 201)).toHaveLength(20);
    expect(answers.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    expect((await stockOn(event.id, second.id)).Stalls).toMatchObject({ held: 20, available: 0 });
    expect((await stockOn(event.id, first.id)).Stalls).toMatchObject({ held: 0, available: 20 });
    await expectStockInvariants(database.pool, event.id);
  });

  it('an event that already sold keeps those orders on its own date; the new date is the second', async () => {
    const { event, stalls } = await play();
    const early = await order(event.id, [[stalls.id, 2]]);
    expect(early.status).toBe(201);
    const added = await addDate(event.id, night(30));
    const dates = (await world.owner.get(`/api/events/${event.id}/dates`)).body.items as EventDate[];
    expect(dates).toHaveLength(2);
    const original = dates.find((date) => date.id !== added.id);
    expect(original?.startsAt).toBe(event.startsAt);
    expect(original?.ticketTypes[0]).toMatchObject({ name: 'Stalls', held: 2 });
    expect(added.ticketTypes[0]).toMatchObject({ name: 'Stalls', held: 0, available: 10 });
    const view = await world.owner.get(`/api/orders/${early.body.id}`);
    expect(view.body.dateId).toBe(original?.id);
  });

  it('changes and deletes dates; refuses what would lose orders or oversell', async () => {
    const { event, stalls, balcony } = await play();
    const first = await addDate(event.id, night(1));
    const second = await addDate(event.id, night(2));
    const third = await addDate(event.id, night(3));
    const held = await order(event.id, [[stalls.id, 4]], { dateId: third.id });
    expect(held.status).toBe(201);

    expectProblem(
      await world.owner.patch(`/api/event-dates/${third.id}`, {
        capacities: [{ ticketTypeId: stalls.id, capacity: 3 }],
      }),
      422,
      'CAPACITY_BELOW_SOLD',
    );
    const moved = await world.owner.patch(`/api/event-dates/${third.id}`, {
      ...night(4),
      capacities: [{ ticketTypeId: stalls.id, capacity: 4 }],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.startsAt).toBe(night(4).startsAt);
    expect(moved.body.ticketTypes[0]).toMatchObject({ capacity: 4, held: 4, available: 0 });
    expectProblem(
      await world.owner.patch(`/api/event-dates/${third.id}`, { endsAt: night(0).startsAt }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/dates`, {
        ...night(5),
        capacities: [{ ticketTypeId: '00000000-0000-4000-8000-000000000000', capacity: 1 }],
      }),
      422,
      'TICKET_TYPE_NOT_IN_EVENT',
    );
    for (const body of [
      {},
      { startsAt: 'tomorrow', endsAt: night(1).endsAt },
      { startsAt: night(1).endsAt, endsAt: night(1).startsAt },
      { ...night(1), capacities: [{ ticketTypeId: stalls.id, capacity: -1 }] },
      { ...night(1), extra: true },
    ])
      expectProblem(await world.owner.post(`/api/events/${event.id}/dates`, body), 400, 'VALIDATION_FAILED');
    expectProblem(await world.staff.post(`/api/events/${event.id}/dates`, night(6)), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.get(`/api/events/${event.id}/dates`), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.delete(`/api/event-dates/${second.id}`), 404, 'NOT_FOUND');

    expectProblem(await world.owner.delete(`/api/event-dates/${third.id}`), 409, 'DATE_HAS_ORDERS');
    expect((await world.owner.delete(`/api/event-dates/${second.id}`)).status).toBe(204);

    // The first date holds the ticket types' own stock: without orders it may go, and the next
    // date takes that stock over with what it has sold and held.
    const balconyHeld = await order(event.id, [[balcony.id, 1]], { dateId: third.id });
    expect(balconyHeld.status).toBe(201);
    expect((await world.owner.delete(`/api/event-dates/${first.id}`)).status).toBe(204);
    const left = (await world.owner.get(`/api/events/${event.id}/dates`)).body.items as EventDate[];
    expect(left.map((date) => date.id)).toEqual([third.id]);
    expect(left[0]?.ticketTypes.map((type) => [type.name, type.capacity, type.held])).toEqual([
      ['Stalls', 4, 4],
      ['Balcony', 5, 1],
    ]);
    // One date left: orders need no dateId again, and the holds of that night still pay.
    expectProblem(await order(event.id, [[stalls.id, 1]]), 409, 'SOLD_OUT');
    const paid = await payOrder(held.body);
    expect(paid.dateId).toBe(third.id);
    await expectStockInvariants(database.pool, event.id);
  });

  it('refuses a date that is over, and keeps capacity pools to events of one date', async () => {
    const { event, stalls, balcony } = await play();
    const pool = await world.owner.post(`/api/events/${event.id}/capacity-pools`, {
      name: 'Hall',
      capacity: 12,
      ticketTypeIds: [stalls.id, balcony.id],
    });
    expect(pool.status).toBe(201);
    await addDate(event.id, night(1));
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/dates`, night(2)),
      409,
      'DATES_WITH_CAPACITY_POOLS',
    );

    const plain = await play();
    await addDate(plain.event.id, night(1));
    await addDate(plain.event.id, night(2));
    expectProblem(
      await world.owner.post(`/api/events/${plain.event.id}/capacity-pools`, {
        name: 'Hall',
        capacity: 12,
        ticketTypeIds: [plain.stalls.id],
      }),
      409,
      'DATES_WITH_CAPACITY_POOLS',
    );

    // A date already over sells nothing (the event itself still runs).
    const past = await addDate(plain.event.id, {
      startsAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      endsAt: new Date(Date.now() - 3_600_000).toISOString(),
    });
    expectProblem(
      await order(plain.event.id, [[plain.stalls.id, 1]], { dateId: past.id }),
      422,
      'EVENT_NOT_ON_SALE',
    );
    const page = (await world.anonymous.get(`/api/public/events/${plain.event.id}`)).body as PublicEvent;
    expect(page.dates.map((date) => date.id)).not.toContain(past.id);
  });

  it('box office and new ticket types work per date', async () => {
    const { event, stalls } = await play();
    await addDate(event.id, night(1));
    const second = await addDate(event.id, night(2));
    const extra = await world.owner.post(`/api/events/${event.id}/ticket-types`, {
      name: 'Box',
      priceCents: 9000,
      capacity: 2,
    });
    expect(extra.status, JSON.stringify(extra.body)).toBe(201);
    expect((await stockOn(event.id, second.id)).Box).toMatchObject({ capacity: 2, available: 2 });
    const view = (await world.owner.get(`/api/events/${event.id}`)).body;
    expect(view.ticketTypes.map((type: { name: string }) => type.name)).toEqual(['Stalls', 'Balcony', 'Box']);

    const boxOffice = (body: Record<string, unknown>) =>
      world.owner.post(`/api/events/${event.id}/orders`, {
        items: [{ ticketTypeId: stalls.id, quantity: 10 }],
        buyer: buyerNamed(),
        paymentMethod: 'cash',
        sendEmail: false,
        ...body,
      });
    expectProblem(await boxOffice({}), 422, 'DATE_REQUIRED');
    const sold = await boxOffice({ dateId: second.id });
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    expect(sold.body).toMatchObject({ dateId: second.id, totalCents: 40_000 });
    expect(sold.body.tickets.every((ticket: { dateId: string }) => ticket.dateId === second.id)).toBe(true);
    expect((await stockOn(event.id, second.id)).Stalls).toMatchObject({ sold: 10, available: 0 });
    expectProblem(await boxOffice({ dateId: second.id }), 409, 'SOLD_OUT');
    await expectStockInvariants(database.pool, event.id);
  });

  it('per date: stats, attendees and their CSV, the door, reminders and waiting lists', async () => {
    const { event, stalls, balcony } = await play([10, 1]);
    // Far from any other test's events: the reminder scan below reads the whole table.
    const year = 2093 + Math.floor(Math.random() * 5);
    const at = (day: number) => {
      const start = new Date(
        Date.UTC(year, 0, 1 + day + Math.floor(Math.random() * 300), 19, Math.floor(Math.random() * 60)),
      );
      return {
        startsAt: start.toISOString(),
        endsAt: new Date(start.getTime() + 2 * 3_600_000).toISOString(),
      };
    };
    const first = await addDate(event.id, at(0));
    const second = await addDate(event.id, {
      ...at(0),
      startsAt: new Date(Date.parse(first.startsAt) + 7 * DAY).toISOString(),
      endsAt: new Date(Date.parse(first.endsAt) + 7 * DAY).toISOString(),
    });
    // Every event reminds 24 hours and 2 hours before (the default offsets).
    const ada = await payOrder((await order(event.id, [[stalls.id, 1]], { dateId: first.id })).body);
    const bob = await payOrder(
      (
        await order(
          event.id,
          [
            [stalls.id, 2],
            [balcony.id, 1],
          ],
          { dateId: second.id },
        )
      ).body,
    );

    const all = await world.staff.get(`/api/events/${event.id}/stats`);
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ ticketsSold: 4, capacity: 22, revenueCents: 4000 + 8000 + 2500 });
    expect(
      all.body.byTicketType.map((type: { name: string; sold: number; capacity: number }) => [
        type.name,
        type.sold,
        type.capacity,
      ]),
    ).toEqual([
      ['Stalls', 3, 20],
      ['Balcony', 1, 2],
    ]);
    const onSecond = await world.staff.get(`/api/events/${event.id}/stats?dateId=${second.id}`);
    expect(onSecond.status).toBe(200);
    expect(onSecond.body).toMatchObject({ ticketsSold: 3, capacity: 11, revenueCents: 10_500 });
    expectProblem(
      await world.staff.get(`/api/events/${event.id}/stats?dateId=00000000-0000-4000-8000-000000000000`),
      422,
      'DATE_NOT_IN_EVENT',
    );

    const listed = await world.staff.get(`/api/events/${event.id}/attendees?dateId=${second.id}`);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(3);
    expect(listed.body.items.every((item: { dateId: string }) => item.dateId === second.id)).toBe(true);
    const csv = await world.owner.get(`/api/events/${event.id}/attendees.csv?dateId=${first.id}`);
    expect(csv.status).toBe(200);
    const [header, ...rows] = csv.text.trim().split(/\r?\n/);
    expect(header?.split(',')).toContain('date');
    expect(rows).toHaveLength(1);

    // The door of the first night refuses the second night's ticket, and admits its own.
    const bobCode = bob.tickets.find((ticket) => ticket.ticketTypeId === stalls.id)?.code ?? '';
    const adaCode = ada.tickets[0]?.code ?? '';
    expectProblem(await checkIn(world.staff, event.id, bobCode, { dateId: first.id }), 422, 'WRONG_DATE');
    expect((await checkIn(world.staff, event.id, adaCode, { dateId: first.id })).status).toBe(200);
    expect((await checkIn(world.staff, event.id, bobCode)).status).toBe(200);
    expect((await world.staff.get(`/api/events/${event.id}/stats?dateId=${first.id}`)).body.checkedIn).toBe(
      1,
    );

    // Reminders are due before the start of each order's own date.
    const dueBefore = async (dateStart: string) => {
      await insertDueReminderEmails(database.db, new Date(Date.parse(dateStart) - 23 * 3_600_000), 10_000);
      const { rows: recorded } = await database.pool.query<{ order_id: string }>(
        `SELECT order_id FROM emails WHERE event_id = $1 AND kind = 'reminder' ORDER BY order_id`,
        [event.id],
      );
      return recorded.map((row) => row.order_id);
    };
    expect(await dueBefore(first.startsAt)).toEqual([ada.id]);
    expect(await dueBefore(second.startsAt)).toEqual([ada.id, bob.id].sort());

    // A waiting line per date: the second night's balcony is sold out, the first night's is not.
    const join = (body: Record<string, unknown>) =>
      world.anonymous.post(`/api/public/events/${event.id}/waiting-list`, {
        ticketTypeId: balcony.id,
        quantity: 1,
        name: 'Wanda',
        email: 'wanda@example.test',
        ...body,
      });
    expectProblem(await join({}), 422, 'DATE_REQUIRED');
    expectProblem(await join({ dateId: first.id }), 409, 'TICKETS_AVAILABLE');
    const joined = await join({ dateId: second.id });
    expect(joined.status, JSON.stringify(joined.body)).toBe(201);
    expect(joined.body).toMatchObject({ dateId: second.id, position: 1 });
    const balconySeat = bob.tickets.find((ticket) => ticket.ticketTypeId === balcony.id);
    await refundOrder(world.owner, bob.id, { ticketIds: [balconySeat?.id] });
    expect((await stockOn(event.id, second.id)).Balcony).toMatchObject({ sold: 0, available: 1 });
    const offered = await world.owner.post(`/api/waiting-list/${joined.body.id}/offer`);
    expect(offered.status, JSON.stringify(offered.body)).toBe(201);
    expect(offered.body).toMatchObject({ status: 'offered', dateId: second.id });
    const hold = await world.owner.get(`/api/orders/${offered.body.offerOrderId}`);
    expect(hold.body).toMatchObject({
      dateId: second.id,
      items: [{ ticketTypeId: balcony.id, quantity: 1 }],
    });
    expect((await stockOn(event.id, second.id)).Balcony).toMatchObject({ held: 1, available: 0 });
    expect((await stockOn(event.id, first.id)).Balcony).toMatchObject({ held: 0, sold: 0, available: 1 });
    await expectStockInvariants(database.pool, event.id);
  });
});
