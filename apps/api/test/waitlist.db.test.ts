import type { TicketType } from '@zevents/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNotifier, SEND_EMAIL } from '../src/modules/notifications';
import { createOrderTokens, expireDueHolds } from '../src/modules/orders';
import { createWaitlistService, createWaitlistTokens, MAKE_WAITLIST_OFFERS } from '../src/modules/waitlist';
import { ManualClock } from '../src/shared/clock';
import {
  buyer,
  cancel,
  expectProblem,
  expectStockInvariants,
  openSale,
  orderBody,
  pay,
  reserve,
  reserveOk,
  stockOf,
} from './checkout-helpers';
import { anonymous, createWorld, type World } from './factories';
import { buildTestApp, drainJobs, TEST_CONFIG, TEST_SECRET, testJobQueue } from './harness';

/**
 * Waiting lists. Organizers act through a system-clock app; buyers and the offer runs share a
 * ManualClock that starts long ago: expireDueHolds() sweeps the whole database, so this file's
 * sweeps (at "then + a day") can never reach holds other test files make in real time, nor theirs
 * (checkout-expiry's, weeks ago) reach this file's offers.
 */

const HOUR = 3_600_000;
const t = buildTestApp();
const clock = new ManualClock(new Date(Date.now() - 200 * 86_400_000));
const buyers = buildTestApp({ clock });
const buyerActor = anonymous(buyers.app);
const { pool } = t.database;
const orderTokens = createOrderTokens(TEST_SECRET);
const entryTokens = createWaitlistTokens(TEST_SECRET);
let world: World;
let waitlist: ReturnType<typeof createWaitlistService>;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
  waitlist = createWaitlistService({
    database: t.database,
    clock,
    notifier: createNotifier({ enqueuer: await testJobQueue() }),
    tokens: entryTokens,
    publicUrl: TEST_CONFIG.publicUrl,
  });
});

/** A published event whose only type has `capacity` tickets, all sold (paid) unless told otherwise. */
async function soldOut(capacity = 2, options: { sell?: number } = {}) {
  const { event, types } = await openSale(t, world, [
    { name: 'GA', priceCents: 1500, capacity, maxPerOrder: 4 },
    { name: 'Open', priceCents: 1000, capacity: 100 },
  ]);
  const type = types[0] as TicketType;
  const orders = [];
  for (let sold = 0; sold < (options.sell ?? capacity); sold++) {
    const order = await reserveOk(buyerActor, orderBody(event, [[type, 1]]));
    const paid = await pay(buyerActor, order);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    orders.push(order);
  }
  return { event, type, open: types[1] as TicketType, orders };
}

function join(eventId: string, body: Record<string, unknown>) {
  // On the buyers' clock: holds they made are live there.
  return buyerActor.post(`/api/public/events/${eventId}/waiting-list`, body);
}

async function joinOk(eventId: string, ticketTypeId: string, quantity = 1, label?: string) {
  const person = buyer(label);
  const res = await join(eventId, { ticketTypeId, quantity, ...person });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { ...(res.body as { id: string; position: number; status: string }), person };
}

async function entryRow(entryId: string) {
  const { rows } = await pool.query<{ status: string; offer_order_id: string | null; position: string }>(
    'SELECT status, offer_order_id, position FROM waitlist_entries WHERE id = $1',
    [entryId],
  );
  return rows[0];
}

async function emailsTo(recipient: string, kind: string) {
  const { rows } = await pool.query<{ id: string; order_id: string | null }>(
    'SELECT id, order_id FROM emails WHERE recipient = $1 AND kind = $2',
    [recipient, kind],
  );
  return rows;
}

/** Refunds one paid order in full through the organizer's route: its seats come back. */
async function refund(orderId: string) {
  const res = await world.owner.post(`/api/orders/${orderId}/refund`, {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('joining', () => {
  it('refuses what it must and confirms by email', async () => {
    const { event, type, open } = await soldOut(2);
    const other = await soldOut(1);
    const person = buyer();
    expectProblem(
      await join('00000000-0000-4000-8000-000000000000', { ticketTypeId: type.id, quantity: 1, ...person }),
      404,
      'NOT_FOUND',
    );
    const draft = await openSale(t, world, [{ name: 'GA', priceCents: 100, capacity: 1 }], {
      publish: false,
    });
    expectProblem(
      await join(draft.event.id, { ticketTypeId: draft.types[0]!.id, quantity: 1, ...person }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await join(event.id, { ticketTypeId: other.type.id, quantity: 1, ...person }),
      422,
      'TICKET_TYPE_NOT_IN_EVENT',
    );
    expectProblem(
      await join(event.id, { ticketTypeId: open.id, quantity: 1, ...person }),
      409,
      'TICKETS_AVAILABLE',
    );
    expectProblem(
      await join(event.id, { ticketTypeId: type.id, quantity: 5, ...person }),
      422,
      'QUANTITY_OUT_OF_RANGE',
    );

    const res = await join(event.id, {
      ticketTypeId: type.id,
      quantity: 2,
      ...person,
      email: person.email.toUpperCase(),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      eventId: event.id,
      ticketTypeId: type.id,
      quantity: 2,
      position: 1,
      status: 'waiting',
    });
    expectProblem(
      await join(event.id, { ticketTypeId: type.id, quantity: 1, ...person }),
      409,
      'ALREADY_ON_WAITLIST',
    );
    const second = await joinOk(event.id, type.id);
    expect(second.position).toBe(2);
    expect(await emailsTo(person.email, 'waitlist_joined')).toHaveLength(1);
    await drainJobs(buyers, [SEND_EMAIL]);
    const sent = await pool.query<{ status: string; subject: string; text: string }>(
      `SELECT status, subject, text FROM emails WHERE recipient = $1 AND kind = 'waitlist_joined'`,
      [person.email],
    );
    expect(sent.rows[0]).toMatchObject({
      status: 'captured',
      subject: expect.stringContaining('waiting list'),
    });
    expect(sent.rows[0]?.text).toContain(
      `/waiting-list/${res.body.id}?token=${entryTokens.tokenFor(res.body.id)}`,
    );

    // Turned off for the type: closed.
    const off = await world.owner.patch(`/api/ticket-types/${type.id}`, { waitlistEnabled: false });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body.waitlistEnabled).toBe(false);
    expectProblem(
      await join(event.id, { ticketTypeId: type.id, quantity: 1, ...buyer() }),
      409,
      'WAITLIST_CLOSED',
    );
  });

  it('limits joins per client address (each sends an email)', async () => {
    const { event, type } = await soldOut(1);
    // Behind a proxy on loopback, with an address of its own: no other test shares its counter.
    const limited = buildTestApp({
      clock,
      config: { ...TEST_CONFIG, trustProxy: ['loopback'] },
      rateLimits: { waitlistJoinPerIp: { points: 2, durationSeconds: 60 } },
    });
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const joinFrom = (person: { name: string; email: string }) =>
      anonymous(limited.app)
        .post(`/api/public/events/${event.id}/waiting-list`, {
          ticketTypeId: type.id,
          quantity: 1,
          ...person,
        })
        .set('X-Forwarded-For', address);
    expect((await joinFrom(buyer())).status).toBe(201);
    expect((await joinFrom(buyer())).status).toBe(201);
    const refused = await joinFrom(buyer());
    expectProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('offers', () => {
  it('holds freed tickets for the first entry, keeps them from others, and the offer is paid normally', async () => {
    const { event, type, orders } = await soldOut(2);
    const first = await joinOk(event.id, type.id, 1);
    const second = await joinOk(event.id, type.id, 1);

    expect((await waitlist.makeDueOffers()).offered).toBe(0);
    await refund(orders[0]!.id);
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 1, held: 0 });

    await waitlist.makeDueOffers();
    const offered = await entryRow(first.id);
    expect(offered?.status).toBe('offered');
    expect(await entryRow(second.id)).toMatchObject({ status: 'waiting' });
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 1, held: 1 });
    const offerEmails = await emailsTo(first.person.email, 'waitlist_offer');
    expect(offerEmails).toEqual([{ id: expect.any(String), order_id: offered?.offer_order_id }]);
    await drainJobs(buyers, [SEND_EMAIL]);
    const sent = await pool.query<{ status: string; text: string }>(
      'SELECT status, text FROM emails WHERE id = $1',
      [offerEmails[0]!.id],
    );
    expect(sent.rows[0]?.status).toBe('captured');
    const orderLink = `/checkout/${offered!.offer_order_id}?token=${orderTokens.tokenFor(offered!.offer_order_id!)}`;
    expect(sent.rows[0]?.text).toContain(orderLink);
    // Nobody else can take the offered ticket.
    expectProblem(await reserve(buyerActor, orderBody(event, [[type, 1]])), 409, 'SOLD_OUT');
    // A second run offers nothing more.
    expect((await waitlist.makeDueOffers()).offered).toBe(0);

    const orderId = offered!.offer_order_id!;
    const paid = await pay(buyerActor, { id: orderId, accessToken: orderTokens.tokenFor(orderId) });
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    expect(paid.body).toMatchObject({ status: 'paid', buyer: first.person });
    await waitlist.makeDueOffers();
    expect(await entryRow(first.id)).toMatchObject({ status: 'purchased' });
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 2, held: 0 });
    await expectStockInvariants(pool, event.id);
  });

  it('an expired offer passes to the next entry; the job does the same run', async () => {
    const { event, type, orders } = await soldOut(1);
    const first = await joinOk(event.id, type.id);
    const second = await joinOk(event.id, type.id);
    await refund(orders[0]!.id);
    // The job (cron every minute; the worker loop runs the same function every few seconds).
    const queue = await testJobQueue();
    await queue.enqueue(t.database.db, MAKE_WAITLIST_OFFERS, {});
    expect(await drainJobs(buyers, [MAKE_WAITLIST_OFFERS])).toBeGreaterThanOrEqual(1);
    expect(await entryRow(first.id)).toMatchObject({ status: 'offered' });

    clock.advance(24 * HOUR + 60_000);
    await expireDueHolds(pool, clock);
    await waitlist.makeDueOffers();
    expect(await entryRow(first.id)).toMatchObject({ status: 'expired' });
    const next = await entryRow(second.id);
    expect(next?.status).toBe('offered');
    expect(await emailsTo(second.person.email, 'waitlist_offer')).toHaveLength(1);
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 0, held: 1 });
    await expectStockInvariants(pool, event.id);
  });

  it('decline and leave free the hold; the next run offers the next entry', async () => {
    const { event, type, orders } = await soldOut(1, { sell: 1 });
    const first = await joinOk(event.id, type.id);
    const second = await joinOk(event.id, type.id);
    const third = await joinOk(event.id, type.id);
    await refund(orders[0]!.id);
    await waitlist.makeDueOffers();
    expect(await entryRow(first.id)).toMatchObject({ status: 'offered' });

    const anon = world.anonymous;
    expectProblem(
      await anon.post(`/api/public/waiting-list/${first.id}/decline?token=wrong`),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await anon.post(
        `/api/public/waiting-list/${second.id}/decline?token=${entryTokens.tokenFor(second.id)}`,
      ),
      409,
      'ORDER_NOT_CANCELLABLE',
    );
    const declined = await anon.post(
      `/api/public/waiting-list/${first.id}/decline?token=${entryTokens.tokenFor(first.id)}`,
    );
    expect(declined.status, JSON.stringify(declined.body)).toBe(204);
    expect(await entryRow(first.id)).toMatchObject({ status: 'declined' });
    expect(await stockOf(pool, type.id)).toMatchObject({ held: 0 });

    await waitlist.makeDueOffers();
    expect(await entryRow(second.id)).toMatchObject({ status: 'offered' });
    // Leaving with an open offer returns its tickets too.
    const left = await anon.delete(
      `/api/public/waiting-list/${second.id}?token=${entryTokens.tokenFor(second.id)}`,
    );
    expect(left.status).toBe(204);
    expect(await entryRow(second.id)).toMatchObject({ status: 'left' });
    expect(await stockOf(pool, type.id)).toMatchObject({ held: 0 });
    await waitlist.makeDueOffers();
    expect(await entryRow(third.id)).toMatchObject({ status: 'offered' });
    await expectStockInvariants(pool, event.id);
  });

  it('a cancelled hold frees seats for the line too', async () => {
    const { event, type } = await soldOut(2, { sell: 1 });
    const hold = await reserveOk(buyerActor, orderBody(event, [[type, 1]]));
    const first = await joinOk(event.id, type.id);
    expect((await cancel(buyerActor, hold)).status).toBe(200);
    await waitlist.makeDueOffers();
    expect(await entryRow(first.id)).toMatchObject({ status: 'offered' });
  });

  it('raised capacity reaches the line; a full capacity pool offers nothing', async () => {
    const { event, type } = await soldOut(1);
    const first = await joinOk(event.id, type.id);
    const pool100 = await world.owner.post(`/api/events/${event.id}/capacity-pools`, {
      name: 'Hall',
      capacity: 1,
      ticketTypeIds: [type.id],
    });
    expect(pool100.status, JSON.stringify(pool100.body)).toBe(201);
    const raised = await world.owner.patch(`/api/ticket-types/${type.id}`, { capacity: 2 });
    expect(raised.status, JSON.stringify(raised.body)).toBe(200);
    // The type has room, its pool has none: the trigger refuses the hold, the run goes on.
    await waitlist.makeDueOffers();
    expect(await entryRow(first.id)).toMatchObject({ status: 'waiting' });
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 1, held: 0 });
    const grown = await world.owner.patch(`/api/capacity-pools/${pool100.body.id}`, { capacity: 2 });
    expect(grown.status, JSON.stringify(grown.body)).toBe(200);
    await waitlist.makeDueOffers();
    expect(await entryRow(first.id)).toMatchObject({ status: 'offered' });
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 1, held: 1 });
    await expectStockInvariants(pool, event.id);
  });

  it('strict order: a first entry that does not fit blocks those behind it', async () => {
    const { event, type, orders } = await soldOut(2);
    const big = await joinOk(event.id, type.id, 2);
    const small = await joinOk(event.id, type.id, 1);
    await refund(orders[0]!.id);
    await waitlist.makeDueOffers();
    expect(await entryRow(big.id)).toMatchObject({ status: 'waiting' });
    expect(await entryRow(small.id)).toMatchObject({ status: 'waiting' });
    await refund(orders[1]!.id);
    await waitlist.makeDueOffers();
    expect(await entryRow(big.id)).toMatchObject({ status: 'offered' });
    expect(await stockOf(pool, type.id)).toMatchObject({ sold: 0, held: 2 });
  });
});

describe('the organizer', () => {
  it('lists, moves, removes and offers manually', async () => {
    const { event, type, orders } = await soldOut(2);
    const a = await joinOk(event.id, type.id);
    const b = await joinOk(event.id, type.id);
    const c = await joinOk(event.id, type.id);

    expectProblem(await world.outsider.get(`/api/events/${event.id}/waiting-list`), 404, 'NOT_FOUND');
    expectProblem(await world.outsider.patch(`/api/waiting-list/${a.id}`, { position: 1 }), 404, 'NOT_FOUND');
    expectProblem(await world.staff.patch(`/api/waiting-list/${a.id}`, { position: 1 }), 403, 'FORBIDDEN');

    const list = await world.staff.get(`/api/events/${event.id}/waiting-list`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    expect(list.body.items.map((item: { id: string; position: number }) => [item.id, item.position])).toEqual(
      [
        [a.id, 1],
        [b.id, 2],
        [c.id, 3],
      ],
    );
    expect(list.body.items[0]).toMatchObject({
      ticketTypeName: 'GA',
      email: a.person.email,
      status: 'waiting',
    });
    expect(list.body.counts).toEqual({ waiting: 3, offered: 0, purchased: 0, expired: 0 });

    const moved = await world.owner.patch(`/api/waiting-list/${c.id}`, { position: 1 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.position).toBe(1);
    const after = await world.owner.get(`/api/events/${event.id}/waiting-list`);
    expect(after.body.items.map((item: { id: string }) => item.id)).toEqual([c.id, a.id, b.id]);

    expect((await world.owner.delete(`/api/waiting-list/${a.id}`)).status).toBe(204);
    expect(await entryRow(a.id)).toMatchObject({ status: 'removed' });

    expectProblem(await world.owner.post(`/api/waiting-list/${b.id}/offer`), 409, 'SOLD_OUT');
    await refund(orders[0]!.id);
    const offer = await world.owner.post(`/api/waiting-list/${b.id}/offer`);
    expect(offer.status, JSON.stringify(offer.body)).toBe(201);
    expect(offer.body).toMatchObject({ id: b.id, status: 'offered', offerOrderId: expect.any(String) });
    // Removing an entry with an open offer returns its tickets.
    expect(await stockOf(pool, type.id)).toMatchObject({ held: 1 });
    expect((await world.owner.delete(`/api/waiting-list/${b.id}`)).status).toBe(204);
    expect(await stockOf(pool, type.id)).toMatchObject({ held: 0 });
    const counts = await world.owner.get(`/api/events/${event.id}/waiting-list`);
    expect(counts.body.counts).toEqual({ waiting: 1, offered: 0, purchased: 0, expired: 0 });
  });

  it('sets the offer hours per event', async () => {
    const { event, type, orders } = await soldOut(1);
    const res = await world.owner.patch(`/api/events/${event.id}`, { waitlistOfferHours: 2 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.waitlistOfferHours).toBe(2);
    const entry = await joinOk(event.id, type.id);
    await refund(orders[0]!.id);
    await waitlist.makeDueOffers();
    const { rows } = await pool.query<{ offer_expires_at: Date }>(
      'SELECT offer_expires_at FROM waitlist_entries WHERE id = $1',
      [entry.id],
    );
    expect(rows[0]?.offer_expires_at.getTime()).toBe(clock.now().getTime() + 2 * HOUR);
  });
});

describe('exactly once, never oversold', () => {
  it('concurrent runs offer each entry once', async () => {
    const { event, type, orders } = await soldOut(4);
    const entries = [];
    for (let i = 0; i < 6; i++) entries.push(await joinOk(event.id, type.id));
    for (const order of orders) await refund(order.id);
    await Promise.all([waitlist.makeDueOffers(), waitlist.makeDueOffers(), waitlist.makeDueOffers()]);
    const statuses = await Promise.all(entries.map(async (entry) => (await entryRow(entry.id))?.status));
    expect(statuses).toEqual(['offered', 'offered', 'offered', 'offered', 'waiting', 'waiting']);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE event_id = $1 AND status = 'reserved'`,
      [event.id],
    );
    expect(rows[0]?.n).toBe(4);
    for (const entry of entries.slice(0, 4))
      expect(await emailsTo(entry.person.email, 'waitlist_offer')).toHaveLength(1);
    await expectStockInvariants(pool, event.id);
  });

  it('50 concurrent reserves and the offer run never oversell', async () => {
    const { event, type, orders } = await soldOut(20, { sell: 20 });
    for (let i = 0; i < 10; i++) await joinOk(event.id, type.id);
    await Promise.all(orders.slice(0, 10).map((order) => refund(order.id)));
    const results = await Promise.all([
      ...Array.from({ length: 50 }, () => reserve(buyerActor, orderBody(event, [[type, 1]]))),
      waitlist.makeDueOffers(),
      waitlist.makeDueOffers(),
    ]);
    const reserved = results.filter((res) => 'status' in res && res.status === 201).length;
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM waitlist_entries WHERE ticket_type_id = $1 AND status = 'offered'`,
      [type.id],
    );
    const stock = await stockOf(pool, type.id);
    expect(stock.sold + stock.held).toBeLessThanOrEqual(stock.capacity);
    expect(reserved + (rows[0]?.n ?? 0)).toBe(10);
    await expectStockInvariants(pool, event.id);
  });
});
