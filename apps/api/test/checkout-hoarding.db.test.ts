import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { releaseHolds } from '../src/modules/orders/orders.repository';
import { ManualClock } from '../src/shared/clock';
import {
  buyer,
  buyOk,
  cancel,
  countOrders,
  expectProblem,
  expectStockInvariants,
  openSale,
  orderBody,
  reserve,
  reserveOk,
} from './checkout-helpers';
import { anonymous, createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * Hold hoarding (OWASP API6): one buyer email may hold or own at most the event's
 * `maxTicketsPerBuyer` tickets, and one client address may open at most HOLDS_PER_IP_PER_MINUTE new
 * holds a minute. Both are checked by the reserve statement itself, so parallel requests never
 * get past them together.
 */
const clock = new ManualClock();
const t = buildTestApp({ clock });
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const key = (label: string) => `${label}-${Math.random().toString(36).slice(2)}`;

/** The per-buyer counter must always equal a recount from the orders and tickets themselves. */
async function expectBuyerCountsMatch(eventId: string): Promise<void> {
  const { rows } = await pool.query<{ email: string; counted: number; actual: number }>(
    `SELECT b.email, b.tickets AS counted,
       (SELECT coalesce(sum(oi.quantity), 0) FROM orders o JOIN order_items oi ON oi.order_id = o.id
         WHERE o.event_id = b.event_id AND lower(o.buyer_email) = b.email AND o.status = 'reserved')::int
       + (SELECT count(*) FROM tickets tk JOIN orders o ON o.id = tk.order_id
         WHERE tk.event_id = b.event_id AND lower(o.buyer_email) = b.email AND tk.status <> 'void'
           AND o.status IN ('paid', 'partially_refunded'))::int AS actual
     FROM buyer_ticket_counts b WHERE b.event_id = $1`,
    [eventId],
  );
  for (const row of rows) expect(row.counted, `tickets counted for ${row.email}`).toBe(row.actual);
}

describe('maxTicketsPerBuyer', () => {
  it('defaults to 10, is shown on the event and can be changed by the organizer', async () => {
    const { event } = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 100 }]);
    expect(event.maxTicketsPerBuyer).toBe(10);
    const patched = await world.owner.patch(`/api/events/${event.id}`, { maxTicketsPerBuyer: 4 });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body.maxTicketsPerBuyer).toBe(4);
    for (const bad of [0, -1, 1.5, '10', 100_001]) {
      const res = await world.owner.patch(`/api/events/${event.id}`, { maxTicketsPerBuyer: bad });
      expectProblem(res, 400, 'VALIDATION_FAILED');
    }
    const created = await world.owner.post(`/api/organizations/${world.org.id}/events`, {
      title: 'Limited',
      startsAt: '2031-05-01T18:00:00Z',
      endsAt: '2031-05-01T22:00:00Z',
      timezone: 'Europe/Paris',
      currency: 'EUR',
      maxTicketsPerBuyer: 2,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.maxTicketsPerBuyer).toBe(2);
  });

  it('15 parallel orders of 10 with one email: exactly one wins, the others get 422 BUYER_LIMIT_REACHED', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 1000, capacity: 1000, maxPerOrder: 10 },
    ]);
    const hoarder = buyer('hoarder');
    const answers = await Promise.all(
      Array.from({ length: 15 }, () =>
        reserve(anonymous(t.app), orderBody(event, [[types[0]!, 10]], { buyer: hoarder })),
      ),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    for (const res of answers.filter((r) => r.status !== 201)) {
      expectProblem(res, 422, 'BUYER_LIMIT_REACHED');
      expect(res.body).toMatchObject({ maxTicketsPerBuyer: 10, ticketsLeftForBuyer: 0 });
    }
    expect(await countOrders(pool, event.id)).toBe(1);
    await expectStockInvariants(pool, event.id);
    await expectBuyerCountsMatch(event.id);
  });

  it('counts live holds and paid tickets of one email, whatever its letter case', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 1000, capacity: 100, maxPerOrder: 10 },
      { name: 'VIP', priceCents: 5000, capacity: 100, maxPerOrder: 10 },
    ]);
    const [ga, vip] = [types[0]!, types[1]!];
    const label = key('case');
    await buyOk(
      world.anonymous,
      orderBody(event, [[ga, 4]], { buyer: { name: 'Ada', email: `Ada-${label}@Example.test` } }),
    );
    await reserveOk(
      world.anonymous,
      orderBody(event, [[vip, 3]], { buyer: { name: 'Ada', email: `ada-${label}@example.TEST` } }),
    );
    // 4 paid + 3 held = 7: 4 more is one too many, on any type, in any case.
    const tooMany = await reserve(
      world.anonymous,
      orderBody(
        event,
        [
          [ga, 2],
          [vip, 2],
        ],
        { buyer: { name: 'Ada', email: `ADA-${label}@EXAMPLE.TEST` } },
      ),
    );
    expectProblem(tooMany, 422, 'BUYER_LIMIT_REACHED');
    expect(tooMany.body.ticketsLeftForBuyer).toBe(3);
    expect(tooMany.body.detail).toMatch(/at most 10 tickets/);
    await reserveOk(
      world.anonymous,
      orderBody(event, [[ga, 3]], { buyer: { name: 'Ada', email: `ada-${label}@example.test` } }),
    );
    // Another buyer is not affected.
    await reserveOk(world.anonymous, orderBody(event, [[ga, 10]]));
    await expectBuyerCountsMatch(event.id);
  });

  it('gives tickets back to the buyer when a hold is cancelled or expires, or a ticket is refunded', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 1000, capacity: 100, maxPerOrder: 10 },
    ]);
    const ga = types[0]!;
    const me = buyer('returns');
    const held = await reserveOk(world.anonymous, orderBody(event, [[ga, 10]], { buyer: me }));
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[ga, 1]], { buyer: me })),
      422,
      'BUYER_LIMIT_REACHED',
    );
    expect((await cancel(world.anonymous, held)).status).toBe(200);
    const expiring = await reserveOk(world.anonymous, orderBody(event, [[ga, 10]], { buyer: me }));
    expect(expiring.status).toBe('reserved');
    // Past the hold's deadline the hold no longer counts, even before any sweep released it.
    clock.advance(16 * 60_000);
    const paid = await buyOk(world.anonymous, orderBody(event, [[ga, 10]], { buyer: me }));
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[ga, 1]], { buyer: me })),
      422,
      'BUYER_LIMIT_REACHED',
    );
    // Refunding two tickets voids them: two more may be bought.
    const ticketIds = (paid.tickets ?? []).slice(0, 2).map((ticket) => ticket.id);
    const refund = await world.owner.post(`/api/orders/${paid.id}/refund`, { ticketIds });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    await reserveOk(world.anonymous, orderBody(event, [[ga, 2]], { buyer: me }));
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[ga, 1]], { buyer: me })),
      422,
      'BUYER_LIMIT_REACHED',
    );
    await expectStockInvariants(pool, event.id);
    await expectBuyerCountsMatch(event.id);
  });

  it('is never the stored answer of an Idempotency-Key: the same request runs again once tickets are back', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 1000, capacity: 100, maxPerOrder: 10 },
    ]);
    const me = buyer('retry');
    const first = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 8]], { buyer: me }));
    const body = orderBody(event, [[types[0]!, 5]], { buyer: me });
    const k = key('limit');
    expectProblem(await reserve(world.anonymous, body, k), 422, 'BUYER_LIMIT_REACHED');
    expect((await cancel(world.anonymous, first)).status).toBe(200);
    const retried = await reserve(world.anonymous, body, k);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    const replayed = await reserve(world.anonymous, body, k);
    expect(replayed.body.id).toBe(retried.body.id);
  });

  it('a count that drifted low (older code during a rolling deploy) never fails the release of a hold', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 1000, capacity: 100 }]);
    const me = buyer('drifted');
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 3]], { buyer: me }));
    await pool.query('UPDATE buyer_ticket_counts SET tickets = 1 WHERE event_id = $1 AND email = $2', [
      event.id,
      me.email,
    ]);
    const released = await releaseHolds(pool, {
      now: new Date(clock.now().getTime() + 16 * 60_000),
      limit: 10,
      orderIds: [order.id],
      status: 'expired',
      onlyPastDeadline: true,
    });
    expect(released.map((row) => row.id)).toEqual([order.id]);
    const { rows } = await pool.query<{ tickets: number }>(
      'SELECT tickets FROM buyer_ticket_counts WHERE event_id = $1 AND email = $2',
      [event.id, me.email],
    );
    expect(rows[0]?.tickets).toBe(0);
  });

  it('a lowered limit refuses new tickets and keeps the ones already held', async () => {
    const { event, types } = await openSale(t, world, [
      { name: 'GA', priceCents: 1000, capacity: 100, maxPerOrder: 10 },
    ]);
    const me = buyer('lowered');
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 6]], { buyer: me }));
    expect((await world.owner.patch(`/api/events/${event.id}`, { maxTicketsPerBuyer: 5 })).status).toBe(200);
    expectProblem(
      await reserve(world.anonymous, orderBody(event, [[types[0]!, 1]], { buyer: me })),
      422,
      'BUYER_LIMIT_REACHED',
    );
    const paid = await world.anonymous.post(`/api/orders/${order.id}/pay?token=${order.accessToken}`, {
      card: '4242424242424242',
    });
    expect(paid.status).toBe(200);
  });
});

describe('HOLDS_PER_IP_PER_MINUTE', () => {
  const limitClock = new ManualClock();
  const limited = buildTestApp({ clock: limitClock, holdsPerIpPerMinute: 3 });
  // As TRUST_PROXY=loopback does: the load balancer on this machine names the client.
  limited.app.set('trust proxy', ['loopback']);
  const untrusting = buildTestApp({ clock: limitClock, holdsPerIpPerMinute: 3 });
  let sellerWorld: World;

  beforeAll(async () => {
    sellerWorld = await createWorld(limited.app, limited.database.db);
  });

  const randomAddress = () => `203.0.113.${randomInt(1, 255)}-${randomInt(1e9)}`.split('-')[0]!;
  const distinctAddresses = (n: number) => {
    const seen = new Set<string>();
    while (seen.size < n)
      seen.add(`2001:db8:${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}::1`);
    return [...seen];
  };
  const from = (address: string, body: unknown, idempotencyKey?: string) => {
    const req = anonymous(limited.app).post('/api/orders', body).set('X-Forwarded-For', address);
    return idempotencyKey ? req.set('Idempotency-Key', idempotencyKey) : req;
  };

  it('answers 429 RATE_LIMITED with Retry-After past the limit, per client address, until the minute is over', async () => {
    const { event, types } = await openSale(limited, sellerWorld, [
      { name: 'GA', priceCents: 1000, capacity: 100 },
    ]);
    const [address, neighbour] = distinctAddresses(2) as [string, string];
    for (let i = 0; i < 3; i++)
      expect((await from(address, orderBody(event, [[types[0]!, 1]]))).status).toBe(201);
    const refused = await from(address, orderBody(event, [[types[0]!, 1]]));
    expectProblem(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect((await from(neighbour, orderBody(event, [[types[0]!, 1]]))).status).toBe(201);
    limitClock.advance(61_000);
    expect((await from(address, orderBody(event, [[types[0]!, 1]]))).status).toBe(201);
    expect(await countOrders(limited.database.pool, event.id)).toBe(5);
    await expectStockInvariants(limited.database.pool, event.id);
  });

  it('counts only new holds: refused reserves do not use the allowance', async () => {
    const { event, types } = await openSale(limited, sellerWorld, [
      { name: 'GA', priceCents: 1000, capacity: 2 },
    ]);
    const [address] = distinctAddresses(1) as [string];
    expectProblem(await from(address, orderBody(event, [[types[0]!, 3]])), 409, 'SOLD_OUT');
    expectProblem(await from(address, orderBody(event, [[types[0]!, 3]])), 409, 'SOLD_OUT');
    expect((await from(address, orderBody(event, [[types[0]!, 1]]))).status).toBe(201);
    expect((await from(address, orderBody(event, [[types[0]!, 1]]))).status).toBe(201);
  });

  it('is never the stored answer of an Idempotency-Key', async () => {
    const { event, types } = await openSale(limited, sellerWorld, [
      { name: 'GA', priceCents: 1000, capacity: 100 },
    ]);
    const [address] = distinctAddresses(1) as [string];
    for (let i = 0; i < 3; i++)
      expect((await from(address, orderBody(event, [[types[0]!, 1]]))).status).toBe(201);
    const body = orderBody(event, [[types[0]!, 1]]);
    const k = key('ip');
    expectProblem(await from(address, body, k), 429, 'RATE_LIMITED');
    limitClock.advance(61_000);
    const retried = await from(address, body, k);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
  });

  it('counts an IPv6 client by its /64', async () => {
    const { event, types } = await openSale(limited, sellerWorld, [
      { name: 'GA', priceCents: 1000, capacity: 100 },
    ]);
    const prefix = `2001:db8:${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}`;
    for (const host of ['1', '2', 'abcd:1'])
      expect((await from(`${prefix}::${host}`, orderBody(event, [[types[0]!, 1]]))).status).toBe(201);
    expectProblem(
      await from(`${prefix}:ffff:ffff:ffff:ffff`, orderBody(event, [[types[0]!, 1]])),
      429,
      'RATE_LIMITED',
    );
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY names the proxy', async () => {
    const { event, types } = await openSale(limited, sellerWorld, [
      { name: 'GA', priceCents: 1000, capacity: 100 },
    ]);
    // Past any window an earlier run left for this machine's own address.
    limitClock.advance(10 * 60_000);
    // Every request comes from this machine's socket address, whatever the header claims.
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(
        await anonymous(untrusting.app)
          .post('/api/orders', orderBody(event, [[types[0]!, 1]]))
          .set('X-Forwarded-For', randomAddress()),
      );
    expect(answers.slice(0, 3).map((res) => res.status)).toEqual([201, 201, 201]);
    expectProblem(answers[3]!, 429, 'RATE_LIMITED');
    limitClock.advance(61_000);
  });
});
