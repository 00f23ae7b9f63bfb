import { beforeAll, describe, expect, it } from 'vitest';
import { createTestProvider } from '../src/modules/payments/test-provider';
import type { PaymentProvider } from '../src/modules/payments/payment-provider';
import { ManualClock } from '../src/shared/clock';
import { crashAt, type FaultInjector, type FaultPoint } from '../src/shared/faults';
import {
  buyOk,
  expectProblem,
  expectStockInvariants,
  GOOD_CARD,
  openSale,
  orderBody,
  paymentsOf,
  refundsOf,
  reserve,
  reserveOk,
  ticketsOf,
} from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp } from './harness';

/**
 * A request that dies mid-flight (its process killed) must never block its Idempotency-Key
 * forever, and whatever it half-did must be complete or undone when the retry runs. A named
 * fault-injection point stands for the crash: the injector throws where the process would die, and
 * nothing after it runs (no stored answer, no released key, no more heartbeats).
 */
const clock = new ManualClock();
/** The fault armed for the next request; each test arms its own. */
let armed: FaultInjector | undefined;
const faults: FaultInjector = { hit: (point: FaultPoint) => armed?.hit(point) };

/** A test provider whose charges can be held open, like a slow card network. */
let gate: Promise<void> | undefined;
let chargesStarted = 0;
const inner = createTestProvider();
const slowProvider: PaymentProvider = {
  ...inner,
  async startPayment(request) {
    chargesStarted += 1;
    if (gate) await gate;
    return inner.startPayment(request);
  },
};

const t = buildTestApp({ clock, faults, paymentProvider: slowProvider, idempotencyHeartbeatMs: 20 });
const { pool } = t.database;
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

const key = (label: string) => `${label}-${Math.random().toString(36).slice(2)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function payWithKey(order: { id: string; accessToken?: string }, idempotencyKey: string) {
  return world.anonymous
    .post(`/api/orders/${order.id}/pay?token=${order.accessToken ?? ''}`, { card: GOOD_CARD })
    .set('Idempotency-Key', idempotencyKey);
}

async function storedBodies(scopePrefix: string) {
  const { rows } = await pool.query<{ body: unknown }>(
    'SELECT response_body AS body FROM idempotency_keys WHERE scope LIKE $1',
    [`${scopePrefix}%`],
  );
  return rows.map((row) => row.body);
}

describe('a request that died mid-flight', () => {
  it('pay: the retry gets 409 while the claim is fresh, takes it over after 30 s without heartbeat, and the order is paid once', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    const k = key('pay-crash');
    armed = crashAt('orders.pay.after-charge');
    const crashed = await payWithKey(order, k);
    expect(crashed.status).toBe(500);
    armed = undefined;

    const tooSoon = await payWithKey(order, k);
    expectProblem(tooSoon, 409, 'REQUEST_IN_PROGRESS');
    expect(tooSoon.headers['retry-after']).toBeDefined();

    clock.advance(31_000);
    const retried = await payWithKey(order, k);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.status).toBe('paid');
    expect(retried.body.accessToken).toBe(order.accessToken);
    expect(retried.body.tickets).toHaveLength(2);
    // The retry found the crashed request's payment: one charge, two tickets, nothing doubled.
    expect((await paymentsOf(pool, order.id)).filter((p) => p.status === 'succeeded')).toHaveLength(1);
    expect(await ticketsOf(pool, order.id)).toHaveLength(2);
    const replay = await payWithKey(order, k);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(retried.body);
    await expectStockInvariants(pool, event.id);
  });

  it('pay: a slow request renews its claim, so a retry during it is 409, never a second charge', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const order = await reserveOk(world.anonymous, orderBody(event, [[types[0]!, 1]]));
    const k = key('slow');
    let open: () => void = () => undefined;
    gate = new Promise<void>((resolve) => (open = resolve));
    const before = chargesStarted;
    const slow = payWithKey(order, k).then((res) => res);
    while (chargesStarted === before) await sleep(5);
    // Far past the abandonment window by the clock, but the heartbeat keeps renewing the claim.
    clock.advance(45_000);
    await sleep(100);
    expectProblem(await payWithKey(order, k), 409, 'REQUEST_IN_PROGRESS');
    open();
    gate = undefined;
    const first = await slow;
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(chargesStarted - before).toBe(1);
    const replay = await payWithKey(order, k);
    expect(replay.body).toEqual(first.body);
  });

  it('a free order: the retry of its reserve completes the payment the crashed request never made', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'Free', priceCents: 0, capacity: 10 }]);
    const body = orderBody(event, [[types[0]!, 2]]);
    const k = key('free-crash');
    armed = crashAt('orders.reserve.before-free-payment');
    expect((await reserve(world.anonymous, body, k)).status).toBe(500);
    armed = undefined;
    const retried = await reserve(world.anonymous, body, k);
    expect(retried.status, JSON.stringify(retried.body)).toBe(201);
    expect(retried.body.status).toBe('paid');
    expect(retried.body.tickets).toHaveLength(2);
    expect(retried.body.accessToken).toEqual(expect.any(String));
    const replay = await reserve(world.anonymous, body, k);
    expect(replay.body.id).toBe(retried.body.id);
    expect(await ticketsOf(pool, retried.body.id)).toHaveLength(2);
    await expectStockInvariants(pool, event.id);
  });

  it('refund: a crash after the commit never refunds twice; the retry answers at once from the order', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const paid = await buyOk(world.anonymous, orderBody(event, [[types[0]!, 2]]));
    const k = key('refund-crash');
    const refund = () =>
      world.owner.post(`/api/orders/${paid.id}/refund`, { amountCents: 1000 }).set('Idempotency-Key', k);
    armed = crashAt('orders.refund.after-commit');
    expect((await refund()).status).toBe(500);
    armed = undefined;
    const retried = await refund();
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ status: 'partially_refunded', refundedCents: 1000 });
    expect(await refundsOf(pool, paid.id)).toHaveLength(1);
    const audit = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'order.refund' AND target_id = $1",
      [paid.id],
    );
    expect(audit.rows[0]?.n).toBe(1);
  });
});

describe('what a key stores', () => {
  it('never keeps an order access token in clear, and gives it back on replay', async () => {
    const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const body = orderBody(event, [[types[0]!, 1]]);
    const k = key('token');
    const first = await reserve(world.anonymous, body, k);
    expect(first.status).toBe(201);
    expect(first.body.accessToken).toEqual(expect.any(String));
    const paid = await payWithKey(first.body as { id: string; accessToken: string }, key('token-pay'));
    expect(paid.status).toBe(200);
    for (const stored of [...(await storedBodies('orders.create:')), ...(await storedBodies('orders.pay:'))])
      expect(JSON.stringify(stored)).not.toContain('accessToken');
    const replay = await reserve(world.anonymous, body, k);
    expect(replay.body).toEqual(first.body);
  });
});

describe('a request taken over while it was still alive (its heartbeats missed)', () => {
  /** A provider whose refunds wait at a gate the test opens. */
  let refundGate: Promise<void> | undefined;
  let refundsStarted = 0;
  const gatedRefunds: PaymentProvider = {
    ...inner,
    async refund(request) {
      refundsStarted += 1;
      if (refundGate) await refundGate;
      return inner.refund(request);
    },
  };
  const takeoverClock = new ManualClock();
  // Heartbeats far apart: the first request looks dead to the clock while it is still working.
  const slow = buildTestApp({
    clock: takeoverClock,
    paymentProvider: gatedRefunds,
    idempotencyHeartbeatMs: 10 * 60_000,
  });
  let slowWorld: World;

  beforeAll(async () => {
    slowWorld = await createWorld(slow.app, slow.database.db);
  });

  it('refund: the second run waits, finds the key answered and moves no money', async () => {
    const { event, types } = await openSale(slow, slowWorld, [
      { name: 'GA', priceCents: 2500, capacity: 10 },
    ]);
    const paid = await buyOk(slowWorld.anonymous, orderBody(event, [[types[0]!, 2]]));
    const k = key('refund-takeover');
    const refund = () =>
      slowWorld.owner.post(`/api/orders/${paid.id}/refund`, { amountCents: 1000 }).set('Idempotency-Key', k);
    let open: () => void = () => undefined;
    refundGate = new Promise<void>((resolve) => (open = resolve));
    const before = refundsStarted;
    const first = refund().then((res) => res);
    while (refundsStarted === before) await sleep(5);
    takeoverClock.advance(31_000);
    // Takes the key over (the first run's claim looks abandoned) and waits for the order's lock.
    const second = refund().then((res) => res);
    await sleep(200);
    open();
    refundGate = undefined;
    const [a, b] = await Promise.all([first, second]);
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(b.body).toMatchObject({ status: 'partially_refunded', refundedCents: 1000 });
    expect(refundsStarted - before).toBe(1);
    expect(await refundsOf(slow.database.pool, paid.id)).toHaveLength(1);
  });
  it('refund: of two runs of one key racing for the order, the one that comes second moves no money', async () => {
    const { event, types } = await openSale(slow, slowWorld, [
      { name: 'GA', priceCents: 2500, capacity: 10 },
    ]);
    const paid = await buyOk(slowWorld.anonymous, orderBody(event, [[types[0]!, 2]]));
    const k = key('refund-race');
    const refund = () =>
      slowWorld.owner.post(`/api/orders/${paid.id}/refund`, { amountCents: 700 }).set('Idempotency-Key', k);
    // Hold the order's row so both runs queue for it before either can look at the key.
    const holder = await slow.database.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [paid.id]);
      const before = refundsStarted;
      const first = refund().then((res) => res);
      await sleep(200);
      takeoverClock.advance(31_000);
      const second = refund().then((res) => res);
      await sleep(200);
      await holder.query('COMMIT');
      const [a, b] = await Promise.all([first, second]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toMatchObject({ refundedCents: 700 });
      expect(b.body).toMatchObject({ refundedCents: 700 });
      expect(refundsStarted - before).toBe(1);
      expect(await refundsOf(slow.database.pool, paid.id)).toHaveLength(1);
    } finally {
      holder.release();
    }
  });
});
