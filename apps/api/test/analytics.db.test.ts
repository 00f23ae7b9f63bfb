import type { EventAnalytics, TrackingLink } from '@zevents/contracts';
import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyticsService, createForgetSaltsJob } from '../src/modules/analytics';
import { systemClock } from '../src/shared/clock';
import { openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_CONFIG, testDatabase } from './harness';
import { buyerNamed, checkIn, expectProblem, PAYING_CARD } from './insight-helpers';

/** First-party analytics: beacons, unique visitors, sources, tracking links and the funnel. */

const database = testDatabase();
// Beacons wait for the test's own flush (the timer would flush an hour later).
// Every batch it had to drop (none may be).
const dropped: string[] = [];
const analytics = createAnalyticsService({
  db: database.db,
  clock: systemClock,
  publicUrl: TEST_CONFIG.publicUrl,
  flushMs: 3_600_000,
  logger: pino({ level: 'warn' }, { write: (line: string) => void dropped.push(line) }),
});
const t = buildTestApp({ database, analytics });
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, database.db);
});
afterAll(() => analytics.stop());

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const visitor = (n: number) => `${BROWSER} visitor/${n}`;

/** A beacon as navigator.sendBeacon sends it: text/plain JSON, no CSRF header, maybe a session cookie. */
function beacon(eventId: string, body: unknown, userAgent = visitor(1), cookie?: string) {
  const req = request(t.app)
    .post(`/api/public/events/${eventId}/views`)
    .set('Content-Type', 'text/plain;charset=UTF-8')
    .set('User-Agent', userAgent);
  if (cookie) req.set('Cookie', cookie);
  return req.send(typeof body === 'string' ? body : JSON.stringify(body));
}

async function report(eventId: string, query = ''): Promise<EventAnalytics> {
  const res = await world.staff.get(`/api/events/${eventId}/analytics${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as EventAnalytics;
}

async function sale() {
  const { event, types } = await openSale(t, world, [
    { name: 'GA', priceCents: 2000, capacity: 100 },
    { name: 'VIP', priceCents: 9000, capacity: 10 },
  ]);
  const [ga, vip] = types;
  if (!ga || !vip) throw new Error('no ticket types');
  return { event, ga, vip };
}

describe('beacons', () => {
  it('accepts sendBeacon bodies without a CSRF token, refuses bad ones, and ignores bots', async () => {
    const { event } = await sale();
    const cookie = world.owner.headers.Cookie;
    expect((await beacon(event.id, { path: `/events/${event.slug}` }, visitor(1), cookie)).status).toBe(204);
    const json = await request(t.app)
      .post(`/api/public/events/${event.id}/views`)
      .set('User-Agent', visitor(2))
      .send({ step: 'view' });
    expect(json.status).toBe(204);
    expectProblem(await beacon(event.id, '{"path": '), 400, 'MALFORMED_JSON');
    expectProblem(await beacon(event.id, { step: 'paid' }), 400, 'VALIDATION_FAILED');
    expectProblem(await beacon('00000000-0000-4000-8000-000000000000', {}), 404, 'NOT_FOUND');
    expectProblem(await beacon('not-an-id', {}), 404, 'NOT_FOUND');
    expect((await beacon(event.id, {}, 'Googlebot/2.1 (+http://www.google.com/bot.html)')).status).toBe(204);
    await analytics.flush();
    const { rows } = await database.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM page_views WHERE event_id = $1',
      [event.id],
    );
    expect(rows[0]?.n).toBe(2);
  });

  it('forgets the salts of past days, so stored hashes can no longer be tied to anyone', async () => {
    const { event } = await sale();
    expect((await beacon(event.id, {})).status).toBe(204);
    await analytics.flush();
    await database.pool.query(
      `INSERT INTO analytics_salts (day, salt) VALUES ('2020-01-01', '\\x00') ON CONFLICT DO NOTHING`,
    );
    await createForgetSaltsJob({ db: database.db, clock: systemClock }).handle({});
    const { rows } = await database.pool.query<{ day: string }>(
      `SELECT day::text FROM analytics_salts ORDER BY day`,
    );
    expect(rows.map((row) => row.day)).not.toContain('2020-01-01');
    expect(rows.map((row) => row.day)).toContain(new Date().toISOString().slice(0, 10));
  });

  it('keeps a batch the database refused for the next flush, and drops it only after the last attempt', async () => {
    const { event } = await sale();
    // The database refuses the next `refusals` statements run through execute (recording is one).
    let refusals = 0;
    const flaky = new Proxy(database.db, {
      get(target, key, receiver) {
        if (key === 'execute' && refusals > 0)
          return () => {
            refusals -= 1;
            return Promise.reject(new Error('timeout exceeded when trying to connect'));
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const logged: string[] = [];
    const retrying = createAnalyticsService({
      db: flaky,
      clock: systemClock,
      publicUrl: TEST_CONFIG.publicUrl,
      flushMs: 3_600_000,
      flushAttempts: 3,
      logger: pino({ level: 'warn' }, { write: (line: string) => void logged.push(line) }),
    });
    const client = (n: number) => ({ address: '203.0.113.9', userAgent: visitor(n) });
    const views = async () =>
      (
        await database.pool.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM page_views WHERE event_id = $1',
          [event.id],
        )
      ).rows[0]?.n;
    try {
      await retrying.recordBeacon(event.id, { step: 'view' }, client(1));
      refusals = 1;
      await retrying.flush();
      expect(await views()).toBe(0);
      expect(logged.join('')).toContain('analytics beacons kept for the next flush');
      // A beacon that arrives meanwhile joins the kept one; both are recorded once, together.
      await retrying.recordBeacon(event.id, { step: 'view' }, client(2));
      await retrying.flush();
      expect(await views()).toBe(2);
      await retrying.flush();
      expect(await views()).toBe(2);

      // Refused three times in a row: dropped, said so, and the next beacon starts afresh.
      await retrying.recordBeacon(event.id, { step: 'view' }, client(3));
      refusals = 3;
      for (let i = 0; i < 3; i++) await retrying.flush();
      expect(logged.join('')).toContain('analytics beacons dropped');
      await retrying.recordBeacon(event.id, { step: 'view' }, client(4));
      refusals = 1;
      await retrying.flush();
      await retrying.flush();
      expect(await views()).toBe(3);
    } finally {
      retrying.stop();
    }
  });

  it('counts views and unique visitors by source, and recomputes from the raw rows', async () => {
    const { event } = await sale();
    const linkRes = await world.owner.post(`/api/events/${event.id}/tracking-links`, {
      name: 'Spring newsletter',
    });
    expect(linkRes.status, JSON.stringify(linkRes.body)).toBe(201);
    const link = linkRes.body as TrackingLink;
    expect(link).toMatchObject({
      code: 'spring-newsletter',
      url: expect.stringContaining(`?ref=spring-newsletter`),
    });
    expectProblem(
      await world.owner.post(`/api/events/${event.id}/tracking-links`, {
        name: 'Again',
        code: 'Spring-Newsletter',
      }),
      400,
      'VALIDATION_FAILED',
    );

    // Visitor 1 three times through the link, visitor 2 from a campaign, 3 from another site, 4 from
    // the site itself (direct), 5 with nothing.
    for (let i = 0; i < 3; i++) await beacon(event.id, { ref: link.code }, visitor(1));
    await beacon(
      event.id,
      { utm: { source: 'Newsletter', medium: 'email', campaign: 'spring' } },
      visitor(2),
    );
    await beacon(event.id, { referrer: 'https://www.example.org/blog/post?x=1' }, visitor(3));
    await beacon(event.id, { referrer: `${TEST_CONFIG.publicUrl}/` }, visitor(4));
    await beacon(event.id, {}, visitor(5));
    await beacon(event.id, { step: 'select' }, visitor(1));
    await analytics.flush();

    const figures = await report(event.id);
    expect(figures.funnel[0]).toEqual({ step: 'views', count: 5, conversion: null });
    expect(figures.funnel[1]).toMatchObject({ step: 'selections', count: 1, conversion: 0.2 });
    const bySource = Object.fromEntries(figures.sources.map((s) => [`${s.kind}:${s.source}`, s]));
    expect(bySource['tracking_link:spring-newsletter']).toMatchObject({
      name: 'Spring newsletter',
      views: 3,
      visitors: 1,
    });
    expect(bySource['campaign:newsletter / email / spring']).toMatchObject({
      name: 'spring',
      views: 1,
      visitors: 1,
    });
    expect(bySource['referrer:example.org']).toMatchObject({ views: 1, visitors: 1 });
    expect(bySource['direct:direct']).toMatchObject({ views: 2, visitors: 2 });

    // The rollups agree with the raw rows.
    const raw = await database.pool.query<{ views: number; visitors: number }>(
      `SELECT count(*)::int AS views, count(DISTINCT visitor)::int AS visitors
       FROM page_views WHERE event_id = $1 AND step = 'view'`,
      [event.id],
    );
    expect(figures.series.reduce((sum, bucket) => sum + bucket.views, 0)).toBe(raw.rows[0]?.views);
    expect(figures.series.reduce((sum, bucket) => sum + bucket.visitors, 0)).toBe(raw.rows[0]?.visitors);
    // No address or user agent is stored anywhere: only 16-byte hashes.
    const stored = await database.pool.query<{ len: number }>(
      `SELECT DISTINCT octet_length(visitor) AS len FROM page_views WHERE event_id = $1`,
      [event.id],
    );
    expect(stored.rows).toEqual([{ len: 16 }]);
  });
});

describe('the funnel and sales by source', () => {
  it('ties a sale to the link its buyer came through, counts abandonment, promo codes and the door', async () => {
    const { event, ga, vip } = await sale();
    const link = (
      await world.owner.post(`/api/events/${event.id}/tracking-links`, { name: 'Poster', code: 'poster' })
    ).body as TrackingLink;
    const promo = await world.owner.post(`/api/events/${event.id}/promo-codes`, {
      code: 'TENOFF',
      percentOff: 10,
    });
    expect(promo.status, JSON.stringify(promo.body)).toBe(201);

    // The buyer lands through the poster's link, picks tickets, holds, fills in details and pays.
    await beacon(event.id, { ref: 'poster' }, visitor(7));
    await beacon(event.id, { step: 'select' }, visitor(7));
    await analytics.flush();
    const hold = await world.anonymous.post('/api/orders', {
      eventId: event.id,
      items: [{ ticketTypeId: ga.id, quantity: 2 }],
      buyer: buyerNamed(),
      promoCode: 'TENOFF',
    });
    expect(hold.status, JSON.stringify(hold.body)).toBe(201);
    // Paid before its checkout beacon is recorded (a quick buyer): the sale still goes to the poster.
    await beacon(event.id, { step: 'details', orderId: hold.body.id }, visitor(7));
    const paid = await world.anonymous.post(
      `/api/orders/${hold.body.id}/pay?token=${hold.body.accessToken}`,
      {
        card: PAYING_CARD,
      },
    );
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    await analytics.flush();

    // Someone else holds VIP seats and walks away.
    const walked = await world.anonymous.post('/api/orders', {
      eventId: event.id,
      items: [{ ticketTypeId: vip.id, quantity: 3 }],
      buyer: buyerNamed(),
    });
    expect(walked.status).toBe(201);
    expect(
      (await world.anonymous.post(`/api/orders/${walked.body.id}/cancel?token=${walked.body.accessToken}`))
        .status,
    ).toBe(200);

    const code = (paid.body.tickets as Array<{ code: string }>)[0]?.code ?? '';
    expect((await checkIn(world.staff, event.id, code)).status).toBe(200);

    const figures = await report(
      event.id,
      '?interval=hour&from=' + encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString()),
    );
    expect(figures.funnel.map((step) => [step.step, step.count])).toEqual([
      ['views', 1],
      ['selections', 1],
      ['holds', 2],
      ['details', 1],
      ['paid', 1],
    ]);
    expect(figures.funnel[4]?.conversion).toBe(1);
    const poster = figures.sources.find((s) => s.kind === 'tracking_link');
    expect(poster).toMatchObject({
      source: 'poster',
      name: 'Poster',
      visitors: 1,
      orders: 1,
      tickets: 2,
      revenueCents: 3600,
      conversion: 1,
    });
    expect(figures.abandonment).toEqual({
      orders: 1,
      tickets: 3,
      amountCents: 27_000,
      byTicketType: [{ ticketTypeId: vip.id, name: 'VIP', tickets: 3, amountCents: 27_000 }],
    });
    expect(figures.promoCodes).toEqual([
      expect.objectContaining({
        code: 'TENOFF',
        holds: 1,
        orders: 1,
        discountCents: 400,
        revenueCents: 3600,
        conversion: 1,
      }),
    ]);
    expect(figures.series.reduce((sum, bucket) => sum + bucket.revenueCents, 0)).toBe(3600);
    expect(figures.door).toMatchObject({ checkedIn: 1, tickets: 2, peakPerMinute: 0.2 });
    expect(figures.door.arrivals.map((bin) => bin.count)).toEqual([1]);
    expect(figures.velocity).toMatchObject({ ticketsPerDay: 2 / 7, remaining: 108 });
    expect(figures.velocity.projectedSellOutAt).not.toBeNull();

    const links = await world.staff.get(`/api/events/${event.id}/tracking-links`);
    expect(links.status).toBe(200);
    expect(links.body.items.find((item: TrackingLink) => item.id === link.id)?.performance).toMatchObject({
      visitors: 1,
      orders: 1,
      revenueCents: 3600,
    });
  });

  it('keeps its sales rollup equal to the orders themselves: box office, refunds, late items', async () => {
    const { event, ga, vip } = await sale();
    const boxOffice = await world.owner.post(`/api/events/${event.id}/orders`, {
      items: [
        { ticketTypeId: ga.id, quantity: 2 },
        { ticketTypeId: vip.id, quantity: 1 },
      ],
      buyer: buyerNamed(),
      paymentMethod: 'cash',
      sendEmail: false,
    });
    expect(boxOffice.status, JSON.stringify(boxOffice.body)).toBe(201);
    const online = await world.anonymous.post('/api/orders', {
      eventId: event.id,
      items: [{ ticketTypeId: ga.id, quantity: 3 }],
      buyer: buyerNamed(),
    });
    const paid = await world.anonymous.post(
      `/api/orders/${online.body.id}/pay?token=${online.body.accessToken}`,
      {
        card: PAYING_CARD,
      },
    );
    expect(paid.status).toBe(200);
    const refund = await world.owner.post(`/api/orders/${online.body.id}/refund`, { amountCents: 1500 });
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);

    const rollup = await database.pool.query<{ orders: number; tickets: number; revenue: string }>(
      `SELECT sum(orders)::int AS orders, sum(tickets)::int AS tickets, sum(revenue_cents)::text AS revenue
       FROM analytics_sales_hourly WHERE event_id = $1`,
      [event.id],
    );
    const recomputed = await database.pool.query<{ orders: number; tickets: number; revenue: string }>(
      `SELECT count(*)::int AS orders,
              sum((SELECT sum(quantity) FROM order_items i WHERE i.order_id = o.id))::int AS tickets,
              sum(total_cents - refunded_cents)::text AS revenue
       FROM orders o WHERE event_id = $1 AND status IN ('paid', 'partially_refunded', 'refunded')`,
      [event.id],
    );
    expect(rollup.rows[0]).toEqual(recomputed.rows[0]);
    expect(recomputed.rows[0]).toEqual({
      orders: 2,
      tickets: 6,
      revenue: String(2 * 2000 + 9000 + 3 * 2000 - 1500),
    });
    // The funnel's paid step counts buyers' own orders; the series every sale.
    const figures = await report(event.id);
    expect(figures.funnel[4]).toMatchObject({ step: 'paid', count: 1 });
    expect(figures.series.reduce((sum, bucket) => sum + bucket.orders, 0)).toBe(2);
  });

  it('shows every event of the organization side by side, and its revenue over time', async () => {
    const first = await sale();
    const second = await sale();
    await beacon(first.event.id, {}, visitor(41));
    await beacon(first.event.id, {}, visitor(42));
    await analytics.flush();
    const hold = await world.anonymous.post('/api/orders', {
      eventId: first.event.id,
      items: [{ ticketTypeId: first.vip.id, quantity: 2 }],
      buyer: buyerNamed(),
    });
    expect(
      (
        await world.anonymous.post(`/api/orders/${hold.body.id}/pay?token=${hold.body.accessToken}`, {
          card: PAYING_CARD,
        })
      ).status,
    ).toBe(200);
    const res = await world.staff.get(`/api/organizations/${world.org.id}/analytics?timezone=Europe/Paris`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const byId = new Map(res.body.events.map((event: { eventId: string }) => [event.eventId, event]));
    expect(byId.get(first.event.id)).toMatchObject({
      sold: 2,
      capacity: 110,
      visitors: 2,
      orders: 1,
      tickets: 2,
      revenueCents: 18_000,
      conversion: 0.5,
    });
    expect(byId.get(second.event.id)).toMatchObject({ sold: 0, orders: 0, revenueCents: 0, conversion: 0 });
    expect(res.body.timezone).toBe('Europe/Paris');
    const eur = res.body.series.filter((row: { currency: string }) => row.currency === first.event.currency);
    expect(
      eur.reduce((sum: number, row: { revenueCents: number }) => sum + row.revenueCents, 0),
    ).toBeGreaterThanOrEqual(18_000);
    expectProblem(await world.outsider.get(`/api/organizations/${world.org.id}/analytics`), 404, 'NOT_FOUND');
    expectProblem(
      await world.staff.get(`/api/organizations/${world.org.id}/analytics?timezone=Mars/Olympus`),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('records checkout beacons while their orders are being paid, without a deadlock or a lost batch', async () => {
    const { event, ga } = await sale();
    const holds = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await beacon(event.id, { ref: 'poster' }, visitor(100 + i));
        const res = await world.anonymous.post('/api/orders', {
          eventId: event.id,
          items: [{ ticketTypeId: ga.id, quantity: 1 }],
          buyer: buyerNamed(),
        });
        expect(res.status).toBe(201);
        return res.body as { id: string; accessToken: string };
      }),
    );
    await analytics.flush();
    let flushing = true;
    const flusher = (async () => {
      // A pause each round: an empty flush settles without I/O and would starve everything else.
      while (flushing) {
        await analytics.flush();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await Promise.all(
      holds.map(async (hold, i) => {
        await beacon(event.id, { step: 'details', orderId: hold.id }, visitor(100 + i));
        const paid = await world.anonymous.post(`/api/orders/${hold.id}/pay?token=${hold.accessToken}`, {
          card: PAYING_CARD,
        });
        expect(paid.status).toBe(200);
      }),
    );
    flushing = false;
    await flusher;
    await analytics.flush();
    expect(dropped).toEqual([]);
    const bySource = await database.pool.query<{ source: string; orders: number }>(
      `SELECT source, sum(orders)::int AS orders FROM analytics_sales_hourly WHERE event_id = $1 GROUP BY source`,
      [event.id],
    );
    expect(bySource.rows.filter((row) => row.orders !== 0)).toEqual([{ source: 'ref:poster', orders: 20 }]);
  });

  it('compares the pace with earlier events of the organization at the same time before their start', async () => {
    const earlier = await sale();
    const hold = await world.anonymous.post('/api/orders', {
      eventId: earlier.event.id,
      items: [{ ticketTypeId: earlier.ga.id, quantity: 2 }],
      buyer: buyerNamed(),
    });
    expect(
      (
        await world.anonymous.post(`/api/orders/${hold.body.id}/pay?token=${hold.body.accessToken}`, {
          card: PAYING_CARD,
        })
      ).status,
    ).toBe(200);
    // It took place a year ago: its sales came (now) long after the same point before its start.
    await database.pool.query(
      `UPDATE events SET starts_at = now() - interval '365 days', ends_at = now() - interval '364 days' WHERE id = $1`,
      [earlier.event.id],
    );
    const current = await sale();
    const atPoint = async () =>
      (await report(current.event.id)).velocity.earlierEvents.find(
        (event) => event.eventId === earlier.event.id,
      );
    expect(await atPoint()).toMatchObject({ ticketsAtSamePoint: 0, ticketsFinal: 2 });
    // Had it sold them 400 days ago, they were sold by the same point.
    await database.pool.query(
      `UPDATE analytics_sales_hourly SET hour = hour - interval '400 days' WHERE event_id = $1`,
      [earlier.event.id],
    );
    expect(await atPoint()).toMatchObject({ ticketsAtSamePoint: 2, ticketsFinal: 2 });
    expect((await report(current.event.id)).velocity.ticketsSoFar).toBe(0);
  });

  it('refuses what it must', async () => {
    const { event } = await sale();
    expectProblem(await world.outsider.get(`/api/events/${event.id}/analytics`), 404, 'NOT_FOUND');
    expectProblem(
      await world.staff.post(`/api/events/${event.id}/tracking-links`, { name: 'x' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await world.staff.get(
        `/api/events/${event.id}/analytics?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z`,
      ),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.staff.get(
        `/api/events/${event.id}/analytics?interval=hour&from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
      ),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.staff.get(`/api/events/${event.id}/analytics?interval=week`),
      400,
      'VALIDATION_FAILED',
    );
    for (const body of [{}, { name: '' }, { name: 'x', code: 'has space' }, { name: 'x', extra: 1 }])
      expectProblem(
        await world.owner.post(`/api/events/${event.id}/tracking-links`, body),
        400,
        'VALIDATION_FAILED',
      );
    expectProblem(
      await world.owner.delete(`/api/events/${event.id}/tracking-links/00000000-0000-4000-8000-000000000000`),
      404,
      'NOT_FOUND',
    );
  });
});
