import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REFUND_CANCELLED_ORDER } from '../src/modules/orders/orders.jobs';
import type { PaymentProvider } from '../src/modules/payments/payment-provider';
import { createTestProvider } from '../src/modules/payments/test-provider';
import { systemClock } from '../src/shared/clock';
import { buyOk, openSale, orderBody, orderRow, refundsOf, reserveOk } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, drainJobs, TEST_SECRET, testJobQueue, type TestApp } from './harness';
import { eventually, newQueueSchema, startWorker, type Worker } from './support/notifications';

/**
 * Cancelling an event answers at once and refunds in the background: one job per paid order, queued
 * in the cancelling transaction, each refunding its order once (however often it runs) and retried
 * with backoff when the provider fails.
 */

const t = buildTestApp();
let world: World;

beforeAll(async () => {
  world = await createWorld(t.app, t.database.db);
});

/** The test provider, counting refund calls and failing the first `failures` of them. */
function countingProvider(failures = 0): PaymentProvider & { refunds: string[] } {
  const real = createTestProvider();
  const refunds: string[] = [];
  let failed = 0;
  return {
    ...real,
    refunds,
    async refund(request) {
      if (failed < failures) {
        failed++;
        throw new Error('provider unavailable');
      }
      refunds.push(request.idempotencyKey);
      return real.refund(request);
    },
  };
}

async function paidSale(app: TestApp, on: World, paidOrders: number) {
  const sale = await openSale(app, on, [{ name: 'GA', priceCents: 1500, capacity: 50 }]);
  const orders = [];
  for (let n = 0; n < paidOrders; n++)
    orders.push(await buyOk(on.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]])));
  return { event: sale.event, orders };
}

describe('POST /api/events/{id}/cancel', () => {
  it('answers at once with refundsPending = the paid orders; draining the jobs brings it to 0', async () => {
    const { event, orders } = await paidSale(t, world, 3);
    const res = await world.owner.post(`/api/events/${event.id}/cancel`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', refundsPending: 3, refundsDone: 0 });
    for (const order of orders) expect((await orderRow(t.database.pool, order.id))?.status).toBe('paid');
    expect((await world.owner.get(`/api/events/${event.id}`)).body).toMatchObject({ refundsPending: 3 });

    expect(await drainJobs(t, [REFUND_CANCELLED_ORDER])).toBe(3);
    const read = await world.owner.get(`/api/events/${event.id}`);
    expect(read.body).toMatchObject({ status: 'cancelled', refundsPending: 0, refundsDone: 3 });
    for (const order of orders) {
      expect((await orderRow(t.database.pool, order.id))?.status).toBe('refunded');
      expect(await refundsOf(t.database.pool, order.id)).toEqual([
        { amount_cents: 1500, reason: 'event_cancelled' },
      ]);
    }
    // Each buyer is told, once.
    const { rows } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM emails WHERE event_id = $1 AND kind = 'event_cancelled'`,
      [event.id],
    );
    expect(rows[0]?.n).toBe(3);
    // Other events say nothing is pending.
    const other = await openSale(t, world, [{ name: 'GA', priceCents: 1500, capacity: 5 }]);
    expect((await world.owner.get(`/api/events/${other.event.id}`)).body.refundsPending).toBe(0);
  });

  it('a refund job run twice refunds once', async () => {
    const { event, orders } = await paidSale(t, world, 1);
    const provider = countingProvider();
    expect((await world.owner.post(`/api/events/${event.id}/cancel`)).status).toBe(200);
    // A second job for the same order (a repeated cancel, or pg-boss handing a job out again after a
    // worker died before completing it): both run, one refunds.
    const queue = await testJobQueue();
    await queue.enqueue(t.database.db, REFUND_CANCELLED_ORDER, { orderId: orders[0]!.id });
    expect(await drainJobs(t, [REFUND_CANCELLED_ORDER], { paymentProvider: provider })).toBe(2);
    // And once more, long after.
    await queue.enqueue(t.database.db, REFUND_CANCELLED_ORDER, { orderId: orders[0]!.id });
    expect(await drainJobs(t, [REFUND_CANCELLED_ORDER], { paymentProvider: provider })).toBe(1);

    expect(provider.refunds).toHaveLength(1);
    expect(await refundsOf(t.database.pool, orders[0]!.id)).toHaveLength(1);
    expect((await orderRow(t.database.pool, orders[0]!.id))?.status).toBe('refunded');
  });
});

describe('a payment applied while the event is being cancelled', () => {
  it('is seen by the cancellation: the cancel waits for it and queues its refund', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1500, capacity: 5 }]);
    const hold = await reserveOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]]));
    // The payment's transaction: it holds the order's lock and read the event before the cancel
    // committed (here, it turns the order paid and has not committed yet).
    const payment = await t.database.pool.connect();
    try {
      await payment.query('BEGIN');
      await payment.query('SELECT id FROM orders WHERE id = $1 FOR UPDATE', [hold.id]);
      await payment.query(`UPDATE orders SET status = 'paid', paid_at = now() WHERE id = $1`, [hold.id]);
      const cancelling = world.owner.post(`/api/events/${sale.event.id}/cancel`).then((res) => res);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await payment.query('COMMIT');
      const res = await cancelling;
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    } finally {
      payment.release();
    }
    const queue = await testJobQueue();
    const jobs = await queue.boss.fetch<{ orderId: string }>(REFUND_CANCELLED_ORDER.name, { batchSize: 100 });
    expect(jobs.map((job) => job.data.orderId)).toContain(hold.id);
    for (const job of jobs) await queue.boss.fail(REFUND_CANCELLED_ORDER.name, job.id);
  });
});

describe('a failing provider', () => {
  let worker: Worker;
  let app: TestApp;
  let other: World;
  const provider = countingProvider(2);

  beforeAll(async () => {
    worker = await startWorker({
      url: inject('databaseUrl'),
      schema: newQueueSchema(),
      database: t.database,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      smtpUrl: undefined,
      appSecret: TEST_SECRET,
      retry: { retryLimit: 3, retryDelaySeconds: 1 },
      paymentProvider: provider,
    });
    // An app that queues on this worker's queue.
    app = buildTestApp({ jobs: worker.queue });
    other = await createWorld(app.app, app.database.db);
  });
  afterAll(async () => {
    await worker?.stop();
  });

  it('is retried with backoff until the refund goes through, once', async () => {
    const { event, orders } = await paidSale(app, other, 1);
    const order = orders[0]!;
    const res = await other.owner.post(`/api/events/${event.id}/cancel`);
    expect(res.body).toMatchObject({ status: 'cancelled', refundsPending: 1 });
    await eventually(async () => (await orderRow(t.database.pool, order.id))?.status === 'refunded', {
      // Backoff of 1 s and 2 s plus the worker's polling; generous for a loaded CI machine.
      timeoutMs: 45_000,
      what: 'the refund after two provider failures',
    });
    expect(provider.refunds).toHaveLength(1);
    expect(await refundsOf(t.database.pool, order.id)).toHaveLength(1);
    // pg-boss marks the job completed just after its handler's transaction commits the refund.
    const jobRows = async () =>
      (
        await t.database.pool.query<{ state: string; retry_count: number }>(
          `SELECT state, retry_count FROM ${worker.schema}.job WHERE name = $1 AND data->>'orderId' = $2`,
          [REFUND_CANCELLED_ORDER.name, order.id],
        )
      ).rows;
    await eventually(async () => (await jobRows())[0]?.state === 'completed', {
      timeoutMs: 10_000,
      what: 'the refund job marked completed',
    });
    expect(await jobRows()).toEqual([{ state: 'completed', retry_count: 2 }]);
  }, 60_000);
});
