import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiveServerMessage, type QueueStatus, type WaitingRoomSettings } from '@zevents/contracts';
import pino from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { silentChangeBus } from '../src/realtime/change-bus';
import { createLiveHub } from '../src/realtime/live-hub';
import { ManualClock } from '../src/shared/clock';
import { buyer, expectProblem, openSale, orderBody } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp } from './harness';
import { recordStatements } from './support/statement-log';

// The app's clock is moved by hand: the opening, the admission rate and pass expiry are all times.
const start = new Date();
start.setUTCSeconds(0, 0);
const clock = new ManualClock(start);
const t = buildTestApp({ clock });
// Settings read on every request, for the test that turns the room on and off between two reserves.
const uncached = buildTestApp({ clock, waitingRoomSettingsTtlMs: 0 });
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const ROOM: WaitingRoomSettings = {
  enabled: true,
  opensMinutesBefore: 30,
  admitPerMinute: 600,
  passMinutes: 5,
};

/** A published event whose only ticket type goes on sale `opensInMinutes` after the clock, with a room. */
async function roomSale(room: Partial<WaitingRoomSettings> = {}, opensInMinutes = 10) {
  const salesOpenAt = new Date(clock.now().getTime() + opensInMinutes * 60_000);
  const { event, types } = await openSale(t, world, [
    { name: 'GA', priceCents: 1000, capacity: 100_000, salesStartAt: salesOpenAt.toISOString() },
  ]);
  const res = await world.owner.patch(`/api/events/${event.id}`, { waitingRoom: { ...ROOM, ...room } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.waitingRoom).toEqual({ ...ROOM, ...room });
  return { event, type: types[0]!, salesOpenAt };
}

interface Visitor {
  cookie: string;
  status: QueueStatus;
}

const cookieOf = (res: request.Response): string => {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = header
    ?.map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('zevents_wr='));
  if (!cookie) throw new Error('no browser cookie set');
  return cookie;
};

async function join(eventId: string, cookie?: string): Promise<Visitor> {
  const req = request(t.app).post(`/api/public/events/${eventId}/queue`);
  const res = await (cookie ? req.set('Cookie', cookie) : req);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { cookie: cookie ?? cookieOf(res), status: res.body as QueueStatus };
}

/** `count` new browsers, `concurrency` at a time. */
async function joinMany(eventId: string, count: number, concurrency = 25): Promise<Visitor[]> {
  const visitors: Visitor[] = [];
  for (let i = 0; i < count; i += concurrency)
    visitors.push(
      ...(await Promise.all(Array.from({ length: Math.min(concurrency, count - i) }, () => join(eventId)))),
    );
  return visitors;
}

const poll = (eventId: string, visitor: Visitor) =>
  request(t.app)
    .get(`/api/public/events/${eventId}/queue/${visitor.status.queueToken}`)
    .set('Cookie', visitor.cookie);

async function pollOk(eventId: string, visitor: Visitor): Promise<QueueStatus> {
  const res = await poll(eventId, visitor);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as QueueStatus;
}

async function pollAll(eventId: string, visitors: Visitor[], concurrency = 25): Promise<QueueStatus[]> {
  const out: QueueStatus[] = [];
  for (let i = 0; i < visitors.length; i += concurrency)
    out.push(...(await Promise.all(visitors.slice(i, i + concurrency).map((v) => pollOk(eventId, v)))));
  return out;
}

/** Spearman's rank correlation of arrival order and place (places are ranks already). */
function rankCorrelation(places: number[]): number {
  const n = places.length;
  const d2 = places.reduce((sum, place, i) => sum + (place - (i + 1)) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

describe('a fair waiting room with thousands of visitors', () => {
  it('draws random places for everyone before the opening, queues later arrivals in order, admits at the rate', async () => {
    clock.set(start);
    const { event, salesOpenAt } = await roomSale({ admitPerMinute: 600 });
    clock.set(new Date(salesOpenAt.getTime() - 5 * 60_000));
    const early = await joinMany(event.id, 2000);
    // Before the draw: no place yet, a provisional position and the wait until the opening at least.
    for (const visitor of early.slice(0, 50)) {
      expect(visitor.status).toMatchObject({ admitted: false, place: null });
      expect(visitor.status.estimatedWaitSeconds).toBeGreaterThanOrEqual(300);
    }
    expect(await t.liveSources.waitingRoom?.(event.id)).toMatchObject({
      queueLength: 2000,
      admitted: 0,
      isDrawPending: true,
    });

    clock.set(salesOpenAt);
    const late: Visitor[] = [];
    for (let i = 0; i < 300; i++) late.push(await join(event.id));

    const earlyPlaces = (await pollAll(event.id, early)).map((status) => status.place ?? 0);
    expect([...earlyPlaces].sort((a, b) => a - b)).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    // Random, not by arrival: no correlation, and the first 200 arrivals are spread over the whole line.
    expect(Math.abs(rankCorrelation(earlyPlaces))).toBeLessThan(0.1);
    const firstArrivals = earlyPlaces.slice(0, 200);
    const meanOfFirst = firstArrivals.reduce((a, b) => a + b, 0) / firstArrivals.length;
    expect(meanOfFirst).toBeGreaterThan(700);
    expect(meanOfFirst).toBeLessThan(1300);
    // Later arrivals: first come, first served, right behind the draw.
    expect(late.map((v) => v.status.place)).toEqual(Array.from({ length: 300 }, (_, i) => 2001 + i));

    // 600 per minute is 10 per second: at the opening place 1 is in; 10 s later places 1-101.
    clock.set(new Date(salesOpenAt.getTime() + 10_000));
    const after10s = await pollAll(event.id, [...early, ...late]);
    const admitted = after10s.filter((status) => status.admitted);
    expect(admitted.map((status) => status.place).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
      Array.from({ length: 101 }, (_, i) => i + 1),
    );
    for (const status of after10s.filter((s) => !s.admitted)) {
      expect(status.position).toBe((status.place ?? 0) - 101);
      expect(status.estimatedWaitSeconds).toBe(Math.ceil(((status.place ?? 0) - 1) / 10 - 10));
    }
    expect(await t.liveSources.waitingRoom?.(event.id)).toMatchObject({
      queueLength: 2300 - 101,
      admitted: 101,
      admittedThrough: 101,
      admitPerMinute: 600,
      isDrawPending: false,
    });
  }, 120_000);

  it('lets a burst after a quiet spell in at the rate, not all at once', async () => {
    clock.set(start);
    const { event, salesOpenAt } = await roomSale({ admitPerMinute: 60 }, 1);
    clock.set(new Date(salesOpenAt.getTime() + 10 * 60_000));
    const burst = await joinMany(event.id, 20, 20);
    const admittedAtOnce = burst.filter((v) => v.status.admitted);
    expect(admittedAtOnce).toHaveLength(1);
    const positions = burst.filter((v) => !v.status.admitted).map((v) => v.status.position);
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    clock.advance(5_000);
    expect((await pollAll(event.id, burst)).filter((s) => s.admitted)).toHaveLength(6);
  });

  it('answers a placed visitor’s later polls without the database, by the clock, with the pass fixed once', async () => {
    clock.set(start);
    const { event, salesOpenAt } = await roomSale({ admitPerMinute: 60, passMinutes: 5 }, 1);
    clock.set(new Date(salesOpenAt.getTime() + 60_000));
    const [first, second] = await joinMany(event.id, 2, 1);
    if (!first || !second) throw new Error('two visitors');
    expect(await pollOk(event.id, second)).toMatchObject({ admitted: false, position: 1 });

    const log = recordStatements(t.database.pool);
    try {
      // Waiting: the position falls with the clock alone.
      clock.advance(1_000);
      expect(await pollOk(event.id, second)).toMatchObject({ admitted: true, position: 0 });
      const admitted = await pollOk(event.id, second);
      clock.advance(30_000);
      const later = await pollOk(event.id, second);
      // The pass expiry was written once, when first admitted, and is the same on every later poll.
      expect(later.passExpiresAt).toBe(admitted.passExpiresAt);
      expect(log.statements.filter((text) => /waiting_room_visitors/.test(text))).toHaveLength(1);
      // Another browser with the token is still refused, from memory too.
      expectProblem(await poll(event.id, { ...second, cookie: first.cookie }), 404, 'NOT_FOUND');
    } finally {
      log.stop();
    }
  });
});

describe('the pass', () => {
  async function admittedVisitor() {
    clock.set(start);
    const sale = await roomSale({ passMinutes: 5 }, 1);
    clock.set(sale.salesOpenAt);
    const visitor = await join(sale.event.id);
    expect(visitor.status).toMatchObject({ admitted: true, position: 0, estimatedWaitSeconds: 0 });
    expect(visitor.status.pass).toEqual(expect.any(String));
    return { ...sale, visitor, pass: visitor.status.pass ?? '' };
  }

  const reserveWith = (eventId: string, typeId: string, headers: Record<string, string>) =>
    request(t.app)
      .post('/api/orders')
      .set(headers)
      .send(orderBody({ id: eventId }, [[typeId, 1]], { buyer: buyer() }));

  it('lets the browser it was issued to reserve; refuses no pass, a forged one, another browser, another event, an expired one', async () => {
    const { event, type, visitor, pass } = await admittedVisitor();
    const ok = await reserveWith(event.id, type.id, { 'Waiting-Room-Pass': pass, Cookie: visitor.cookie });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    // The same pass again from the same browser (another ticket type, a retry): still good until it expires.
    expect(
      (await reserveWith(event.id, type.id, { 'Waiting-Room-Pass': pass, Cookie: visitor.cookie })).status,
    ).toBe(201);

    expectProblem(
      await reserveWith(event.id, type.id, { Cookie: visitor.cookie }),
      403,
      'WAITING_ROOM_PASS_REQUIRED',
    );
    const [token, expiry, mac] = pass.split('.');
    const forgedMac = `${token}.${expiry}.${(mac ?? '').replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}`;
    const laterExpiry = `${token}.${(parseInt(expiry ?? '0', 36) + 3_600_000).toString(36)}.${mac}`;
    for (const forged of [forgedMac, laterExpiry, 'garbage', `${pass}.x`, ''])
      expectProblem(
        await reserveWith(event.id, type.id, { 'Waiting-Room-Pass': forged, Cookie: visitor.cookie }),
        403,
        'WAITING_ROOM_PASS_REQUIRED',
      );
    // Copied into another browser (its own cookie, or none): refused.
    const other = await join(event.id);
    expectProblem(
      await reserveWith(event.id, type.id, { 'Waiting-Room-Pass': pass, Cookie: other.cookie }),
      403,
      'WAITING_ROOM_PASS_REQUIRED',
    );
    expectProblem(
      await reserveWith(event.id, type.id, { 'Waiting-Room-Pass': pass }),
      403,
      'WAITING_ROOM_PASS_REQUIRED',
    );
    // Another event with a room: this pass is not for it.
    const second = await roomSale({}, 0);
    expectProblem(
      await reserveWith(second.event.id, second.type.id, {
        'Waiting-Room-Pass': pass,
        Cookie: visitor.cookie,
      }),
      403,
      'WAITING_ROOM_PASS_REQUIRED',
    );
    // The queue token in the pass cannot be read back from another browser either.
    expectProblem(await poll(event.id, { ...visitor, cookie: other.cookie }), 404, 'NOT_FOUND');
    // Past passMinutes: refused; asking again gives the same (expired) pass, and joining again queues at the back.
    expect((await pollOk(event.id, visitor)).pass).toBe(pass);
    clock.advance(5 * 60_000 + 1);
    expectProblem(
      await reserveWith(event.id, type.id, { 'Waiting-Room-Pass': pass, Cookie: visitor.cookie }),
      403,
      'WAITING_ROOM_PASS_REQUIRED',
    );
    const again = await join(event.id, visitor.cookie);
    expect(again.status.queueToken).not.toBe(visitor.status.queueToken);
  });

  it('is not needed when the room is off, and is needed as soon as it is on', async () => {
    clock.set(start);
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 0, capacity: 10 }]);
    const reserveFree = () =>
      request(uncached.app)
        .post('/api/orders')
        .send(orderBody(event, [[types[0]!.id, 1]], { buyer: buyer() }));
    expect((await reserveFree()).status).toBe(201);
    await world.owner.patch(`/api/events/${event.id}`, { waitingRoom: { ...ROOM, enabled: true } });
    expectProblem(await reserveFree(), 403, 'WAITING_ROOM_PASS_REQUIRED');
    await world.owner.patch(`/api/events/${event.id}`, { waitingRoom: { ...ROOM, enabled: false } });
    expect((await reserveFree()).status).toBe(201);
  });
});

describe('queue answers for bad and unusual requests', () => {
  it('404 for unknown, malformed, draft and foreign tokens; 409 when the room is off or not open yet', async () => {
    clock.set(start);
    const { event, salesOpenAt } = await roomSale({ opensMinutesBefore: 30 }, 60);
    // More than 30 minutes before the sales: not open yet, and the answer says when.
    const early = await request(t.app).post(`/api/public/events/${event.id}/queue`);
    expectProblem(early, 409, 'WAITING_ROOM_NOT_OPEN');
    expect(early.body.opensAt).toBe(new Date(salesOpenAt.getTime() - 30 * 60_000).toISOString());

    clock.set(new Date(salesOpenAt.getTime() - 10 * 60_000));
    const visitor = await join(event.id);
    // The same browser again: its spot back, not a new draw.
    expect((await join(event.id, visitor.cookie)).status.queueToken).toBe(visitor.status.queueToken);

    const other = await roomSale({}, 0);
    const base = `/api/public/events/${event.id}/queue`;
    for (const path of [
      `${base}/${'A'.repeat(22)}`,
      `${base}/short`,
      `${base}/${'A'.repeat(21)}%00`,
      `/api/public/events/${other.event.id}/queue/${visitor.status.queueToken}`,
      `/api/public/events/not-a-uuid/queue/${visitor.status.queueToken}`,
      `/api/public/events/00000000-0000-4000-8000-000000000000/queue/${visitor.status.queueToken}`,
    ])
      expectProblem(await request(t.app).get(path).set('Cookie', visitor.cookie), 404, 'NOT_FOUND');
    expectProblem(await request(t.app).get(`${base}/${visitor.status.queueToken}`), 404, 'NOT_FOUND');
    expectProblem(await request(t.app).post('/api/public/events/not-a-uuid/queue'), 404, 'NOT_FOUND');
    expectProblem(
      await request(t.app).post('/api/public/events/00000000-0000-4000-8000-000000000000/queue'),
      404,
      'NOT_FOUND',
    );
    const draft = await openSale(t, world, [{ name: 'GA', priceCents: 0, capacity: 1 }], { publish: false });
    await world.owner.patch(`/api/events/${draft.event.id}`, { waitingRoom: ROOM });
    expectProblem(await request(t.app).post(`/api/public/events/${draft.event.id}/queue`), 404, 'NOT_FOUND');

    const plain = await openSale(t, world, [{ name: 'GA', priceCents: 0, capacity: 1 }]);
    expectProblem(
      await request(t.app).post(`/api/public/events/${plain.event.id}/queue`),
      409,
      'WAITING_ROOM_DISABLED',
    );
    // A garbage browser cookie is replaced, never trusted.
    const res = await request(t.app).post(`${base}`).set('Cookie', 'zevents_wr=%00%01garbage');
    expect(res.status).toBe(201);
    expect(cookieOf(res)).toMatch(/^zevents_wr=[A-Za-z0-9_-]{43}$/);
  });

  it('validates the settings: 400 for out-of-range or unknown fields; null removes the room; the public event shows it', async () => {
    clock.set(start);
    const { event, salesOpenAt } = await roomSale({ opensMinutesBefore: 15 }, 60);
    const pub = await request(t.app).get(`/api/public/events/${event.id}`);
    expect(pub.body.waitingRoom).toEqual({
      opensAt: new Date(salesOpenAt.getTime() - 15 * 60_000).toISOString(),
      salesOpenAt: salesOpenAt.toISOString(),
      admitPerMinute: ROOM.admitPerMinute,
      passMinutes: ROOM.passMinutes,
    });
    for (const waitingRoom of [
      { ...ROOM, admitPerMinute: 0 },
      { ...ROOM, passMinutes: 0 },
      { ...ROOM, opensMinutesBefore: -1 },
      { ...ROOM, admitPerMinute: 1.5 },
      { ...ROOM, extra: true },
      { enabled: true },
      'on',
    ])
      expectProblem(
        await world.owner.patch(`/api/events/${event.id}`, { waitingRoom }),
        400,
        'VALIDATION_FAILED',
      );
    const removed = await world.owner.patch(`/api/events/${event.id}`, { waitingRoom: null });
    expect(removed.body.waitingRoom).toBeNull();
    expect((await request(t.app).get(`/api/public/events/${event.id}`)).body.waitingRoom).toBeNull();
  });
});

describe('live queue figures', () => {
  it('pushes the room figures to visitors and dashboards about every interval; a visitor works out its position', async () => {
    clock.set(start);
    const { event, salesOpenAt } = await roomSale({ admitPerMinute: 60 }, 1);
    clock.set(salesOpenAt);
    const visitors = await joinMany(event.id, 5, 5);
    const server = http.createServer(t.app);
    const hub = createLiveHub({
      bus: silentChangeBus,
      sources: t.liveSources,
      logger: pino({ level: 'silent' }),
      queueIntervalMs: 50,
    });
    hub.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const nextQueueFrame = (url: string, headers: Record<string, string> = {}) =>
        new Promise<LiveServerMessage>((resolve, reject) => {
          const socket = new WebSocket(url, { headers });
          socket.on('message', (data) => {
            const message = LiveServerMessage.parse(JSON.parse(String(data)));
            if (message.type === 'queue') {
              socket.close();
              resolve(message);
            }
          });
          socket.once('error', reject);
        });
      const visitorFrame = await nextQueueFrame(`${base}/api/public/events/${event.id}/live`);
      expect(visitorFrame).toMatchObject({ type: 'queue', admittedThrough: 1, queueLength: 4, admitted: 1 });
      const last = visitors.map((v) => v.status.place ?? 0).sort((a, b) => b - a)[0] ?? 0;
      expect(visitorFrame.type === 'queue' && last - visitorFrame.admittedThrough).toBe(4);
      clock.advance(2_000);
      const dashboardFrame = await nextQueueFrame(`${base}/api/events/${event.id}/live`, world.owner.headers);
      expect(dashboardFrame).toMatchObject({
        type: 'queue',
        admittedThrough: 3,
        queueLength: 2,
        admitPerMinute: 60,
      });
    } finally {
      hub.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
