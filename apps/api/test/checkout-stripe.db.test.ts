import type { Order } from '@zevents/contracts';
import { asc, eq } from 'drizzle-orm';
import type { Express } from 'express';
import request from 'supertest';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { orders, payments, refunds, tickets, ticketTypes } from '../src/db/schema';
import { releaseHolds } from '../src/modules/orders/orders.repository';
import { createStripeProvider } from '../src/modules/payments/stripe-provider';
import { ManualClock } from '../src/shared/clock';
import { createEvent, createWorld, type World } from './factories';
import { buildTestApp, type TestApp } from './harness';
import {
  type FakeStripe,
  type RecordedRequest,
  type SignedEvent,
  signedEvent,
  startFakeStripe,
  STRIPE_TEST_CARDS,
  TEST_PUBLISHABLE_KEY,
  TEST_SECRET_KEY,
  TEST_WEBHOOK_SECRET,
} from './support/fake-stripe';

/**
 * The Stripe provider end to end: the real app and database, the official SDK, and a local fake of
 * Stripe's API (no test reaches the internet). Webhooks are signed like Stripe signs them.
 * Invariants 4 (a payment is applied at most once) and 5 (a late payment re-reserves or is refunded).
 */

const HOLD_MS = 15 * 60_000;
const PRICE = 2500;

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterEach(() => {
  fake.clearFaults();
  fake.setWebhookTarget(undefined);
});
afterAll(async () => {
  await fake.close();
});

interface Checkout {
  app: Express;
  database: TestApp['database'];
  clock: ManualClock;
  world: World;
  eventId: string;
  ticketTypeId: string;
}

/** A fresh world and published event (one ticket type) on an app whose provider talks to the fake. */
async function setup(options: { capacity?: number; timeoutMs?: number } = {}): Promise<Checkout> {
  const clock = new ManualClock();
  const provider = createStripeProvider({
    secretKey: TEST_SECRET_KEY,
    publishableKey: TEST_PUBLISHABLE_KEY,
    webhookSecret: TEST_WEBHOOK_SECRET,
    apiBase: fake.url,
    timeoutMs: options.timeoutMs ?? 5_000,
  });
  const { app, database } = buildTestApp({ paymentProvider: provider, clock });
  const world = await createWorld(app, database.db);
  const { event, ticketTypes: types } = await createEvent(database.db, world, {
    ticketTypes: [{ name: 'GA', priceCents: PRICE, capacity: options.capacity ?? 10 }],
    publish: true,
  });
  const ticketTypeId = types[0]?.id;
  if (!ticketTypeId) throw new Error('no ticket type');
  return { app, database, clock, world, eventId: event.id, ticketTypeId };
}

type OrderWithToken = Order & { accessToken: string };

async function reserve(c: Checkout, quantity = 2, name = 'Ada Buyer'): Promise<OrderWithToken> {
  const res = await request(c.app)
    .post('/api/orders')
    .send({
      eventId: c.eventId,
      items: [{ ticketTypeId: c.ticketTypeId, quantity }],
      buyer: { name, email: 'ada@example.test' },
    });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as OrderWithToken;
}

const pay = (c: Checkout, order: OrderWithToken) =>
  request(c.app).post(`/api/orders/${order.id}/pay?token=${order.accessToken}`).send({});

const getOrder = async (c: Checkout, order: OrderWithToken): Promise<Order> => {
  const res = await request(c.app).get(`/api/orders/${order.id}?token=${order.accessToken}`);
  expect(res.status).toBe(200);
  return res.body as Order;
};

const postWebhook = (app: Express, signed: Pick<SignedEvent, 'body' | 'header'>, provider = 'stripe') =>
  request(app)
    .post(`/api/payments/webhooks/${provider}`)
    .set('Content-Type', 'application/json')
    .set('Stripe-Signature', signed.header)
    .send(signed.body);

/** Pays for the order: pay, the buyer confirms at Stripe, the signed success webhook arrives. */
async function payInFull(c: Checkout, order: OrderWithToken) {
  const paid = await pay(c, order);
  expect(paid.status, JSON.stringify(paid.body)).toBe(200);
  const intent = onlyIntent(order.id);
  const succeeded = signedEvent('payment_intent.succeeded', fake.confirm(intent.id));
  const res = await postWebhook(c.app, succeeded);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { intent, succeeded };
}

const metadataOf = (r: RecordedRequest) => (r.body.metadata ?? {}) as Record<string, string | undefined>;

function onlyIntent(orderId: string) {
  const intents = fake.intentsForOrder(orderId);
  expect(intents).toHaveLength(1);
  const intent = intents[0];
  if (!intent) throw new Error('no PaymentIntent');
  return intent;
}

/** Everything the database knows about an order's money and stock, for before/after comparisons. */
async function stateOf(c: Checkout, orderId: string) {
  const { db } = c.database;
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  const paymentRows = await db
    .select({ providerRef: payments.providerRef, status: payments.status, amountCents: payments.amountCents })
    .from(payments)
    .where(eq(payments.orderId, orderId))
    .orderBy(asc(payments.createdAt));
  const refundRows = await db
    .select({ amountCents: refunds.amountCents, reason: refunds.reason, providerRef: refunds.providerRef })
    .from(refunds)
    .where(eq(refunds.orderId, orderId))
    .orderBy(asc(refunds.createdAt));
  const ticketRows = await db
    .select({ id: tickets.id, status: tickets.status })
    .from(tickets)
    .where(eq(tickets.orderId, orderId))
    .orderBy(asc(tickets.id));
  const [stock] = await db
    .select({ sold: ticketTypes.sold, held: ticketTypes.held, capacity: ticketTypes.capacity })
    .from(ticketTypes)
    .where(eq(ticketTypes.id, c.ticketTypeId));
  return {
    status: order?.status,
    refundedCents: order?.refundedCents,
    paidAt: order?.paidAt,
    isClosed: order ? order.closedAt !== null : undefined,
    payments: paymentRows,
    refunds: refundRows,
    tickets: ticketRows,
    stock,
  };
}

/** Closes this event's holds that are past the (manual) clock, like the expiry sweep would. */
async function releaseDueHolds(c: Checkout) {
  // Scoped to this event's ticket type: files run in parallel on one database and a global sweep at
  // a clock moved 16 minutes ahead would expire the other files' fresh holds.
  await releaseHolds(c.database.pool, {
    now: c.clock.now(),
    limit: 100,
    ticketTypeIds: [c.ticketTypeId],
    status: 'expired',
    onlyPastDeadline: true,
  });
}

describe('Stripe checkout: pay', () => {
  it('returns the PaymentIntent client secret; the order stays reserved with one pending payment', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    const res = await pay(c, order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('reserved');
    const intent = onlyIntent(order.id);
    expect(res.body.payment).toEqual({
      provider: 'stripe',
      status: 'pending',
      clientSecret: intent.client_secret,
    });
    expect(intent.client_secret).toMatch(/^pi_\w+_secret_\w+$/);
    expect(intent).toMatchObject({ amount: 2 * PRICE, currency: 'eur', metadata: { orderId: order.id } });

    const sent = fake
      .requestsTo('POST', '/v1/payment_intents')
      .find((r) => metadataOf(r).orderId === order.id);
    expect(sent).toBeDefined();
    expect(sent?.contentType).toContain('application/x-www-form-urlencoded');
    expect(sent?.authorization).toBe(`Bearer ${TEST_SECRET_KEY}`);
    expect(sent?.idempotencyKey).toBeTruthy();
    expect(sent?.body).toMatchObject({ amount: String(2 * PRICE), currency: 'eur' });

    const state = await stateOf(c, order.id);
    expect(state.payments).toEqual([{ providerRef: intent.id, status: 'pending', amountCents: 2 * PRICE }]);
    expect(state.tickets).toEqual([]);
    expect(state.stock).toMatchObject({ sold: 0, held: 2 });
  });

  it('pressing pay again returns the same PaymentIntent: one at Stripe, one payments row', async () => {
    const c = await setup();
    const order = await reserve(c);
    const first = await pay(c, order);
    const second = await pay(c, order);
    expect(second.status).toBe(200);
    expect(second.body.payment.clientSecret).toBe(first.body.payment.clientSecret);
    const intent = onlyIntent(order.id);
    const creates = fake
      .requestsTo('POST', '/v1/payment_intents')
      .filter((r) => metadataOf(r).orderId === order.id);
    expect(creates).toHaveLength(2);
    expect(new Set(creates.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(creates[1]?.replayed).toBe(true);
    expect((await stateOf(c, order.id)).payments).toHaveLength(1);
    expect((await stateOf(c, order.id)).payments[0]?.providerRef).toBe(intent.id);
  });

  it('10 concurrent pay presses create one PaymentIntent and one payments row', async () => {
    const c = await setup();
    const order = await reserve(c);
    const answers = await Promise.all(Array.from({ length: 10 }, () => pay(c, order)));
    const intent = onlyIntent(order.id);
    expect(
      fake.requestsTo('POST', '/v1/payment_intents').filter((r) => metadataOf(r).orderId === order.id),
    ).toHaveLength(10);
    // The next test checks that every answer is 200.
    for (const res of answers.filter((answer) => answer.status === 200))
      expect(res.body.payment.clientSecret).toBe(intent.client_secret);
    const state = await stateOf(c, order.id);
    expect(state.payments).toEqual([{ providerRef: intent.id, status: 'pending', amountCents: 2 * PRICE }]);
    expect(state.stock).toMatchObject({ sold: 0, held: 2 });
  });

  // Concurrent presses share one PaymentIntent and one payments row (ON CONFLICT DO NOTHING).
  it('10 concurrent pay presses all answer 200 with the same client secret', async () => {
    const c = await setup();
    const order = await reserve(c);
    const answers = await Promise.all(Array.from({ length: 10 }, () => pay(c, order)));
    for (const res of answers) expect(res.status, JSON.stringify(res.body)).toBe(200);
    const intent = onlyIntent(order.id);
    for (const res of answers) expect(res.body.payment.clientSecret).toBe(intent.client_secret);
  });

  it('Stripe answering 500 on create: 502 PAYMENT_PROVIDER_ERROR and nothing recorded; a retry works', async () => {
    const c = await setup();
    const order = await reserve(c);
    // The SDK retries twice (maxNetworkRetries: 2), so three failures in a row reach the buyer.
    fake.failNext(3, { path: '/v1/payment_intents' });
    const failed = await pay(c, order);
    expect(failed.status, JSON.stringify(failed.body)).toBe(502);
    expect(failed.headers['content-type']).toContain('application/problem+json');
    expect(failed.body.code).toBe('PAYMENT_PROVIDER_ERROR');
    expect(fake.intentsForOrder(order.id)).toHaveLength(0);
    const state = await stateOf(c, order.id);
    expect(state.status).toBe('reserved');
    expect(state.payments).toEqual([]);
    expect(state.stock).toMatchObject({ sold: 0, held: 2 });

    const retried = await pay(c, order);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.payment.status).toBe('pending');
    onlyIntent(order.id);
  });

  it('a single 500 is retried by the SDK with the same idempotency key: one PaymentIntent', async () => {
    const c = await setup();
    const order = await reserve(c);
    fake.failNext(1, { path: '/v1/payment_intents' });
    const res = await pay(c, order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    onlyIntent(order.id);
  });

  it('answers lost after Stripe created the PaymentIntent: 502, then the retry gets that same PaymentIntent', async () => {
    const c = await setup();
    const order = await reserve(c);
    fake.failNext(3, { path: '/v1/payment_intents', afterProcessing: true });
    const failed = await pay(c, order);
    expect(failed.status).toBe(502);
    expect((await stateOf(c, order.id)).payments).toEqual([]);
    const intent = onlyIntent(order.id);
    const retried = await pay(c, order);
    expect(retried.status).toBe(200);
    expect(retried.body.payment.clientSecret).toBe(intent.client_secret);
    onlyIntent(order.id);
    expect((await stateOf(c, order.id)).payments).toHaveLength(1);
  });

  it('Stripe hanging: the call times out, pay answers 502, nothing recorded; a retry works', async () => {
    const c = await setup({ timeoutMs: 300 });
    const order = await reserve(c);
    fake.hangNext(3, { path: '/v1/payment_intents' });
    const failed = await pay(c, order);
    expect(failed.status, JSON.stringify(failed.body)).toBe(502);
    expect(failed.body.code).toBe('PAYMENT_PROVIDER_ERROR');
    expect((await stateOf(c, order.id)).payments).toEqual([]);
    const retried = await pay(c, order);
    expect(retried.status).toBe(200);
    onlyIntent(order.id);
  });
});

describe('Stripe checkout: webhooks', () => {
  it('a signed payment_intent.succeeded pays the order and issues its tickets', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    await pay(c, order);
    const intent = onlyIntent(order.id);
    const res = await postWebhook(c.app, signedEvent('payment_intent.succeeded', fake.confirm(intent.id)));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ received: true, duplicate: false });

    const view = await getOrder(c, order);
    expect(view.status).toBe('paid');
    expect(view.paidAt).toBeTruthy();
    expect(view.tickets).toHaveLength(2);
    expect(view.tickets?.every((t) => t.status === 'valid')).toBe(true);
    const state = await stateOf(c, order.id);
    expect(state.payments).toEqual([{ providerRef: intent.id, status: 'succeeded', amountCents: 2 * PRICE }]);
    expect(state.stock).toMatchObject({ sold: 2, held: 0 });
  });

  it('replaying the success webhook 5 times, then 5 at once, changes nothing', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    const { succeeded } = await payInFull(c, order);
    const after = await stateOf(c, order.id);
    expect(after.status).toBe('paid');
    expect(after.tickets).toHaveLength(2);

    for (let i = 0; i < 5; i++) {
      const res = await postWebhook(c.app, succeeded);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ received: true, duplicate: true });
    }
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => postWebhook(c.app, succeeded)));
    for (const res of concurrent) expect(res.body).toEqual({ received: true, duplicate: true });
    expect(await stateOf(c, order.id)).toEqual(after);
    expect(after.payments.filter((p) => p.status === 'succeeded')).toHaveLength(1);
  });

  it('the first delivery 5 times at once: applied once, one answer is not a duplicate', async () => {
    const c = await setup();
    const order = await reserve(c, 3);
    await pay(c, order);
    const intent = onlyIntent(order.id);
    const succeeded = signedEvent('payment_intent.succeeded', fake.confirm(intent.id));
    const answers = await Promise.all(Array.from({ length: 5 }, () => postWebhook(c.app, succeeded)));
    for (const res of answers) expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(answers.filter((res) => res.body.duplicate === false)).toHaveLength(1);
    const state = await stateOf(c, order.id);
    expect(state.status).toBe('paid');
    expect(state.tickets).toHaveLength(3);
    expect(state.payments).toEqual([{ providerRef: intent.id, status: 'succeeded', amountCents: 3 * PRICE }]);
    expect(state.stock).toMatchObject({ sold: 3, held: 0 });
  });

  it('a bad signature, a body altered after signing, a stale or missing signature: 400 and nothing changes', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    await pay(c, order);
    const intent = fake.confirm(onlyIntent(order.id).id);
    const before = await stateOf(c, order.id);
    const genuine = signedEvent('payment_intent.succeeded', intent);

    const forged = signedEvent('payment_intent.succeeded', intent, {
      id: genuine.event.id,
      secret: 'whsec_someone_else',
    });
    const altered = {
      body: genuine.body.replace(`"amount": ${2 * PRICE}`, '"amount": 1'),
      header: genuine.header,
    };
    expect(altered.body).not.toBe(genuine.body);
    const stale = signedEvent('payment_intent.succeeded', intent, {
      id: genuine.event.id,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    const otherBody = { body: signedEvent('payment_intent.succeeded', intent).body, header: genuine.header };

    for (const attempt of [forged, altered, stale, otherBody, { body: genuine.body, header: 'garbage' }]) {
      const res = await postWebhook(c.app, attempt);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    }
    const missing = await request(c.app)
      .post('/api/payments/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .send(genuine.body);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect(await stateOf(c, order.id)).toEqual(before);

    // Rejected attempts did not burn the event id: the genuine delivery still applies.
    const res = await postWebhook(c.app, genuine);
    expect(res.body).toEqual({ received: true, duplicate: false });
    expect((await stateOf(c, order.id)).status).toBe('paid');
  });

  it('an event type it does not handle answers 200 and changes nothing', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    await pay(c, order);
    const intent = onlyIntent(order.id);
    const before = await stateOf(c, order.id);
    for (const [type, object] of [
      ['payment_intent.created', intent],
      ['customer.created', { id: 'cus_123', object: 'customer', email: 'ada@example.test', metadata: {} }],
      ['charge.dispute.created', { id: 'dp_123', object: 'dispute', payment_intent: intent.id, amount: 1 }],
    ] as const) {
      const res = await postWebhook(c.app, signedEvent(type, object));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.received).toBe(true);
    }
    expect(await stateOf(c, order.id)).toEqual(before);
  });

  it('payment_intent.payment_failed marks the payment failed; the order stays reserved and can still be paid', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    await pay(c, order);
    const intent = onlyIntent(order.id);
    const failed = signedEvent('payment_intent.payment_failed', fake.decline(intent.id));
    const res = await postWebhook(c.app, failed);
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    const [payment] = await c.database.db.select().from(payments).where(eq(payments.orderId, order.id));
    expect(payment).toMatchObject({ status: 'failed', failureReason: 'card_declined' });
    const view = await getOrder(c, order);
    expect(view.status).toBe('reserved');
    expect(view.tickets).toEqual([]);
    expect((await stateOf(c, order.id)).stock).toMatchObject({ sold: 0, held: 2 });

    // The buyer tries another card on the same PaymentIntent.
    const again = await pay(c, order);
    expect(again.status).toBe(200);
    expect(again.body.payment.clientSecret).toBe(intent.client_secret);
    onlyIntent(order.id);
    const ok = await postWebhook(c.app, signedEvent('payment_intent.succeeded', fake.confirm(intent.id)));
    expect(ok.status).toBe(200);
    const paid = await stateOf(c, order.id);
    expect(paid.status).toBe('paid');
    expect(paid.tickets).toHaveLength(2);
    expect(paid.payments).toEqual([{ providerRef: intent.id, status: 'succeeded', amountCents: 2 * PRICE }]);

    // The failure delivered again late (out of order) changes nothing.
    expect((await postWebhook(c.app, failed)).status).toBe(200);
    expect(await stateOf(c, order.id)).toEqual(paid);
  });

  it('the webhook route of the test provider (and of unknown ones) is 404', async () => {
    const c = await setup();
    const signed = signedEvent(
      'payment_intent.succeeded',
      fake.createIntent({ amount: 100, currency: 'eur' }),
    );
    for (const provider of ['test', 'paypal']) {
      const res = await postWebhook(c.app, signed, provider);
      expect(res.status).toBe(404);
    }
  });

  it('a success for an order that is not ours (foreign or malformed metadata) answers 200 and changes nothing', async () => {
    const c = await setup();
    const foreign: Array<Record<string, string>> = [
      {},
      { orderId: '00000000-0000-4000-8000-000000000000' },
      { orderId: 'ord_elsewhere' },
    ];
    for (const metadata of foreign) {
      const intent = fake.createIntent({ amount: 100, currency: 'eur', metadata });
      const res = await postWebhook(c.app, signedEvent('payment_intent.succeeded', fake.confirm(intent.id)));
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
  });
});

describe('Stripe checkout: refunds and reordering', () => {
  it('charge.refunded before payment_intent.succeeded ends in the same state as the normal order', async () => {
    const c = await setup({ capacity: 4 });
    const normal = await reserve(c, 2, 'In order');
    const reversed = await reserve(c, 2, 'Out of order');
    const events = new Map<string, { succeeded: SignedEvent; refunded: SignedEvent }>();
    for (const order of [normal, reversed]) {
      await pay(c, order);
      const intent = onlyIntent(order.id);
      const succeeded = signedEvent('payment_intent.succeeded', fake.confirm(intent.id));
      fake.refundFromDashboard(intent.id);
      const refunded = signedEvent('charge.refunded', fake.chargeOf(intent.id));
      events.set(order.id, { succeeded, refunded });
    }
    const normalEvents = events.get(normal.id);
    const reversedEvents = events.get(reversed.id);
    if (!normalEvents || !reversedEvents) throw new Error('missing events');
    for (const signed of [
      normalEvents.succeeded,
      normalEvents.refunded,
      reversedEvents.refunded,
      reversedEvents.succeeded,
    ]) {
      const res = await postWebhook(c.app, signed);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }

    const comparable = async (orderId: string) => {
      const state = await stateOf(c, orderId);
      return {
        status: state.status,
        refundedCents: state.refundedCents,
        isPaidAtSet: state.paidAt !== null,
        isClosed: state.isClosed,
        payments: state.payments.map((p) => ({ status: p.status, amountCents: p.amountCents })),
        refunds: state.refunds.map((r) => r.amountCents),
        tickets: state.tickets.map((t) => t.status),
      };
    };
    const expected = {
      status: 'refunded',
      refundedCents: 2 * PRICE,
      isPaidAtSet: true,
      isClosed: true,
      payments: [{ status: 'succeeded', amountCents: 2 * PRICE }],
      refunds: [2 * PRICE],
      tickets: ['void', 'void'],
    };
    expect(await comparable(normal.id)).toEqual(expected);
    expect(await comparable(reversed.id)).toEqual(expected);
    // Every seat is back on sale.
    expect((await stateOf(c, normal.id)).stock).toEqual({ sold: 0, held: 0, capacity: 4 });
    const again = await reserve(c, 4, 'Next buyer');
    expect(again.status).toBe('reserved');
  });

  it('charge.refunded as Stripe sends it today (no refunds list on the Charge) still refunds the order', async () => {
    // Since API version 2022-11-15 a Charge no longer embeds `refunds` unless expanded, and webhook
    // payloads are never expanded: only `amount_refunded` and `refunded` tell what happened.
    const c = await setup();
    const partial = await reserve(c, 2, 'Partial');
    const { intent: partialIntent } = await payInFull(c, partial);
    fake.refundFromDashboard(partialIntent.id, 1000);
    const first = signedEvent('charge.refunded', fake.chargeOf(partialIntent.id, { withRefunds: false }));
    expect((await postWebhook(c.app, first)).status).toBe(200);
    let state = await stateOf(c, partial.id);
    expect(state).toMatchObject({ status: 'partially_refunded', refundedCents: 1000, isClosed: false });
    expect(state.tickets.map((t) => t.status)).toEqual(['valid', 'valid']);

    fake.refundFromDashboard(partialIntent.id); // the rest
    const second = signedEvent('charge.refunded', fake.chargeOf(partialIntent.id, { withRefunds: false }));
    expect((await postWebhook(c.app, second)).status).toBe(200);
    // Replays and the earlier event arriving again change nothing.
    expect((await postWebhook(c.app, first)).status).toBe(200);
    expect((await postWebhook(c.app, second)).status).toBe(200);
    state = await stateOf(c, partial.id);
    expect(state).toMatchObject({ status: 'refunded', refundedCents: 2 * PRICE, isClosed: true });
    expect(state.tickets.map((t) => t.status)).toEqual(['void', 'void']);
    expect(state.refunds.reduce((sum, r) => sum + r.amountCents, 0)).toBe(2 * PRICE);
    expect(state.stock).toMatchObject({ sold: 0, held: 0 });
  });

  it('organizer refund calls Stripe with the PaymentIntent and amount; its charge.refunded webhook changes nothing more', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    const { intent } = await payInFull(c, order);
    const res = await c.world.owner.post(`/api/orders/${order.id}/refund`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('refunded');

    const calls = fake.requestsTo('POST', '/v1/refunds').filter((r) => r.body.payment_intent === intent.id);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toEqual({ payment_intent: intent.id, amount: String(2 * PRICE) });
    expect(calls[0]?.idempotencyKey).toBeTruthy();
    const atStripe = fake.refundsOf(intent.id);
    expect(atStripe).toHaveLength(1);
    expect(atStripe[0]?.amount).toBe(2 * PRICE);

    const after = await stateOf(c, order.id);
    expect(after).toMatchObject({ status: 'refunded', refundedCents: 2 * PRICE });
    expect(after.refunds).toEqual([
      { amountCents: 2 * PRICE, reason: 'organizer', providerRef: atStripe[0]?.id },
    ]);
    expect(after.tickets.map((t) => t.status)).toEqual(['void', 'void']);
    expect(after.stock).toMatchObject({ sold: 0, held: 0 });

    for (const withRefunds of [true, false]) {
      const webhook = await postWebhook(
        c.app,
        signedEvent('charge.refunded', fake.chargeOf(intent.id, { withRefunds })),
      );
      expect(webhook.status, JSON.stringify(webhook.body)).toBe(200);
    }
    expect(await stateOf(c, order.id)).toEqual(after);
    expect(fake.refundsOf(intent.id)).toHaveLength(1);
  });

  it('a partial organizer refund, then its webhook, then the rest refunded from the dashboard', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    const { intent } = await payInFull(c, order);
    const res = await c.world.owner.post(`/api/orders/${order.id}/refund`, { amountCents: 1000 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('partially_refunded');
    const partial = await stateOf(c, order.id);
    expect(partial.refundedCents).toBe(1000);
    expect((await postWebhook(c.app, signedEvent('charge.refunded', fake.chargeOf(intent.id)))).status).toBe(
      200,
    );
    expect(await stateOf(c, order.id)).toEqual(partial);

    fake.refundFromDashboard(intent.id);
    expect((await postWebhook(c.app, signedEvent('charge.refunded', fake.chargeOf(intent.id)))).status).toBe(
      200,
    );
    const full = await stateOf(c, order.id);
    expect(full).toMatchObject({ status: 'refunded', refundedCents: 2 * PRICE });
    expect(full.tickets.map((t) => t.status)).toEqual(['void', 'void']);
  });

  it('Stripe failing the organizer refund: 502 and the order stays paid with valid tickets', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    const { intent } = await payInFull(c, order);
    const before = await stateOf(c, order.id);
    fake.failNext(3, { path: '/v1/refunds' });
    const res = await c.world.owner.post(`/api/orders/${order.id}/refund`, {});
    expect(res.status, JSON.stringify(res.body)).toBe(502);
    expect(res.body.code).toBe('PAYMENT_PROVIDER_ERROR');
    expect(await stateOf(c, order.id)).toEqual(before);
    expect(fake.refundsOf(intent.id)).toHaveLength(0);
  });

  it('an organizer refund whose answer was lost: retrying refunds once at Stripe', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    const { intent } = await payInFull(c, order);
    const before = await stateOf(c, order.id);
    // Stripe makes the refund but every answer to the app is lost (all SDK attempts).
    fake.failNext(3, { path: '/v1/refunds', afterProcessing: true });
    const lost = await c.world.owner.post(`/api/orders/${order.id}/refund`, { amountCents: 1000 });
    expect(lost.status, JSON.stringify(lost.body)).toBe(502);
    expect(await stateOf(c, order.id)).toEqual(before);
    expect(fake.refundsOf(intent.id)).toHaveLength(1);

    const retried = await c.world.owner.post(`/api/orders/${order.id}/refund`, { amountCents: 1000 });
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body.status).toBe('partially_refunded');
    expect(fake.refundsOf(intent.id)).toEqual([expect.objectContaining({ amount: 1000 })]);
    const after = await stateOf(c, order.id);
    expect(after.refundedCents).toBe(1000);
    expect(after.refunds).toEqual([
      { amountCents: 1000, reason: 'organizer', providerRef: fake.refundsOf(intent.id)[0]?.id },
    ]);
    // A second, deliberate refund of the same amount is a new refund.
    const second = await c.world.owner.post(`/api/orders/${order.id}/refund`, { amountCents: 1000 });
    expect(second.status).toBe(200);
    expect(fake.refundsOf(intent.id)).toHaveLength(2);
    expect((await stateOf(c, order.id)).refundedCents).toBe(2000);
  });

  it('a second PaymentIntent succeeding for an order already paid is refunded automatically', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    const { intent: first } = await payInFull(c, order);
    // The buyer paid again from another tab or device with a PaymentIntent of its own.
    const second = fake.createIntent({ amount: 2 * PRICE, currency: 'eur', metadata: { orderId: order.id } });
    const duplicate = signedEvent('payment_intent.succeeded', fake.confirm(second.id));
    const res = await postWebhook(c.app, duplicate);
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    expect(fake.refundsOf(second.id)).toEqual([
      expect.objectContaining({ amount: 2 * PRICE, status: 'succeeded' }),
    ]);
    expect(fake.refundsOf(first.id)).toEqual([]);
    const state = await stateOf(c, order.id);
    expect(state.status).toBe('paid');
    expect(state.refundedCents).toBe(0);
    expect(state.tickets.map((t) => t.status)).toEqual(['valid', 'valid']);
    expect(state.payments).toEqual([
      { providerRef: first.id, status: 'succeeded', amountCents: 2 * PRICE },
      { providerRef: second.id, status: 'refunded', amountCents: 2 * PRICE },
    ]);
    expect(state.refunds).toEqual([
      { amountCents: 2 * PRICE, reason: 'duplicate_payment', providerRef: fake.refundsOf(second.id)[0]?.id },
    ]);

    // Replays and Stripe's own charge.refunded for that refund change nothing and refund nothing again.
    await Promise.all(Array.from({ length: 3 }, () => postWebhook(c.app, duplicate)));
    expect((await postWebhook(c.app, signedEvent('charge.refunded', fake.chargeOf(second.id)))).status).toBe(
      200,
    );
    expect(fake.refundsOf(second.id)).toHaveLength(1);
    expect(await stateOf(c, order.id)).toEqual(state);
  });

  it('a payment that succeeds after the buyer cancelled the order is refunded; the order stays cancelled', async () => {
    const c = await setup();
    const order = await reserve(c, 2);
    await pay(c, order);
    const intent = onlyIntent(order.id);
    const cancelled = await request(c.app).post(`/api/orders/${order.id}/cancel?token=${order.accessToken}`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');

    const res = await postWebhook(c.app, signedEvent('payment_intent.succeeded', fake.confirm(intent.id)));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const state = await stateOf(c, order.id);
    expect(state.status).toBe('cancelled');
    expect(state.tickets).toEqual([]);
    expect(state.payments).toEqual([{ providerRef: intent.id, status: 'refunded', amountCents: 2 * PRICE }]);
    expect(fake.refundsOf(intent.id)).toEqual([expect.objectContaining({ amount: 2 * PRICE })]);
    expect(state.refunds.map((r) => r.reason)).toEqual(['order_cancelled']);
    expect(state.stock).toMatchObject({ sold: 0, held: 0 });
  });
});

/**
 * One seat: a buyer starts paying, the hold runs out and is released, and someone else buys and pays
 * for the seat. The late buyer's PaymentIntent has not succeeded yet.
 */
async function lateBuyerOfTheLastSeat() {
  const c = await setup({ capacity: 1 });
  const late = await reserve(c, 1, 'Late Payer');
  await pay(c, late);
  const lateIntent = onlyIntent(late.id);
  c.clock.advance(HOLD_MS + 60_000);
  await releaseDueHolds(c);
  await payInFull(c, await reserve(c, 1, 'Quick Buyer'));
  return { c, late, lateIntent };
}

describe('Stripe checkout: payments after the hold expired (invariant 5)', () => {
  it('with stock left: the order goes from expired to paid', async () => {
    const c = await setup({ capacity: 2 });
    const order = await reserve(c, 2);
    await pay(c, order);
    const intent = onlyIntent(order.id);
    c.clock.advance(HOLD_MS + 60_000);
    await releaseDueHolds(c);
    expect((await getOrder(c, order)).status).toBe('expired');
    expect((await stateOf(c, order.id)).stock).toMatchObject({ sold: 0, held: 0 });

    const res = await postWebhook(c.app, signedEvent('payment_intent.succeeded', fake.confirm(intent.id)));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const view = await getOrder(c, order);
    expect(view.status).toBe('paid');
    expect(view.tickets).toHaveLength(2);
    const state = await stateOf(c, order.id);
    expect(state.payments).toEqual([{ providerRef: intent.id, status: 'succeeded', amountCents: 2 * PRICE }]);
    expect(state.stock).toEqual({ sold: 2, held: 0, capacity: 2 });
    expect(fake.refundsOf(intent.id)).toEqual([]);
  });

  it('with the stock sold to someone else: refunded in full, the order stays expired, no tickets', async () => {
    const c = await setup({ capacity: 2 });
    const late = await reserve(c, 2, 'Late Payer');
    await pay(c, late);
    const lateIntent = onlyIntent(late.id);
    c.clock.advance(HOLD_MS + 60_000);
    await releaseDueHolds(c);

    const other = await reserve(c, 2, 'Quick Buyer');
    await payInFull(c, other);
    expect((await stateOf(c, other.id)).status).toBe('paid');

    const succeeded = signedEvent('payment_intent.succeeded', fake.confirm(lateIntent.id));
    const res = await postWebhook(c.app, succeeded);
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    const atStripe = fake.refundsOf(lateIntent.id);
    expect(atStripe).toEqual([expect.objectContaining({ amount: 2 * PRICE, status: 'succeeded' })]);
    const state = await stateOf(c, late.id);
    expect(state.status).toBe('expired');
    expect(state.tickets).toEqual([]);
    expect(state.payments).toEqual([
      { providerRef: lateIntent.id, status: 'refunded', amountCents: 2 * PRICE },
    ]);
    expect(state.refunds).toEqual([
      { amountCents: 2 * PRICE, reason: 'late_payment_sold_out', providerRef: atStripe[0]?.id },
    ]);
    expect(state.stock).toEqual({ sold: 2, held: 0, capacity: 2 });
    expect((await getOrder(c, late)).status).toBe('expired');

    // Replays (also at once) and Stripe's charge.refunded for the refund change nothing.
    await Promise.all(Array.from({ length: 3 }, () => postWebhook(c.app, succeeded)));
    expect(
      (await postWebhook(c.app, signedEvent('charge.refunded', fake.chargeOf(lateIntent.id)))).status,
    ).toBe(200);
    expect(fake.refundsOf(lateIntent.id)).toHaveLength(1);
    expect(await stateOf(c, late.id)).toEqual(state);
  });

  it('a late payment for an order of an event cancelled meanwhile is refunded, never paid', async () => {
    const c = await setup({ capacity: 2 });
    const order = await reserve(c, 2);
    await pay(c, order);
    const intent = onlyIntent(order.id);
    c.clock.advance(HOLD_MS + 60_000);
    await releaseDueHolds(c);
    const cancelled = await c.world.owner.post(`/api/events/${c.eventId}/cancel`);
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);

    const res = await postWebhook(c.app, signedEvent('payment_intent.succeeded', fake.confirm(intent.id)));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const state = await stateOf(c, order.id);
    expect(state.status).toBe('expired');
    expect(state.tickets).toEqual([]);
    expect(state.payments).toEqual([{ providerRef: intent.id, status: 'refunded', amountCents: 2 * PRICE }]);
    expect(state.refunds).toEqual([
      { amountCents: 2 * PRICE, reason: 'event_cancelled', providerRef: fake.refundsOf(intent.id)[0]?.id },
    ]);
    expect(state.stock).toMatchObject({ sold: 0, held: 0 });
  });

  it('the automatic refund survives Stripe losing its answer: the webhook retry refunds once', async () => {
    const { c, late, lateIntent } = await lateBuyerOfTheLastSeat();

    const succeeded = signedEvent('payment_intent.succeeded', fake.confirm(lateIntent.id));
    // Stripe makes the refund but every answer to the app is lost: the webhook fails and Stripe retries it.
    fake.failNext(3, { path: '/v1/refunds', afterProcessing: true });
    const failed = await postWebhook(c.app, succeeded);
    expect(failed.status).toBe(502);
    expect(fake.refundsOf(lateIntent.id)).toHaveLength(1);

    const retried = await postWebhook(c.app, succeeded);
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(fake.refundsOf(lateIntent.id)).toHaveLength(1);
    const state = await stateOf(c, late.id);
    expect(state.status).toBe('expired');
    expect(state.payments).toEqual([{ providerRef: lateIntent.id, status: 'refunded', amountCents: PRICE }]);
    expect(state.refunds).toEqual([
      {
        amountCents: PRICE,
        reason: 'late_payment_sold_out',
        providerRef: fake.refundsOf(lateIntent.id)[0]?.id,
      },
    ]);
  });

  it('refunded before the late success arrives (events out of order, stock gone): nothing is refunded twice', async () => {
    const { c, late, lateIntent } = await lateBuyerOfTheLastSeat();

    const succeeded = signedEvent('payment_intent.succeeded', fake.confirm(lateIntent.id));
    fake.refundFromDashboard(lateIntent.id);
    expect(
      (await postWebhook(c.app, signedEvent('charge.refunded', fake.chargeOf(lateIntent.id)))).status,
    ).toBe(200);
    const res = await postWebhook(c.app, succeeded);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(fake.refundsOf(lateIntent.id)).toHaveLength(1);
    const state = await stateOf(c, late.id);
    expect(state.status).toBe('expired');
    expect(state.tickets).toEqual([]);
    expect(state.payments[0]?.status).toBe('refunded');
    expect(state.stock).toEqual({ sold: 1, held: 0, capacity: 1 });
  });
});

describe("Stripe checkout: the browser's part (Stripe.js, then Stripe's webhook)", () => {
  it('tells the checkout page to use Stripe Elements with the publishable key, and lets Stripe.js load', async () => {
    const c = await setup();
    const res = await request(c.app).get('/api/public/payment-config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ provider: 'stripe', publishableKey: TEST_PUBLISHABLE_KEY });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self' https://js.stripe.com");
    expect(csp).toContain('frame-src');
    expect(csp).toContain('https://api.stripe.com');
  });

  it('with the test provider the page gets the test cards and may load scripts only from itself', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/api/public/payment-config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      provider: 'test',
      testCards: { pays: '4242424242424242', declined: '4000000000000002' },
    });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('stripe');
  });

  it('declined in the browser, paid with a second card: the delivered webhooks make it paid once', async () => {
    const c = await setup();
    const server = c.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      fake.setWebhookTarget({ url: `http://127.0.0.1:${port}/api/payments/webhooks/stripe` });
      const order = await reserve(c, 2);
      const started = await pay(c, order);
      const clientSecret = String(started.body.payment?.clientSecret);
      const intentId = clientSecret.split('_secret_')[0] ?? '';

      /** What Stripe.js posts when the buyer presses Pay in the Payment Element. */
      const confirm = (card: string, overrides: Record<string, string> = {}) =>
        fetch(`${fake.url}/v1/payment_intents/${intentId}/confirm`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            key: TEST_PUBLISHABLE_KEY,
            client_secret: clientSecret,
            'payment_method_data[type]': 'card',
            'payment_method_data[card][number]': card,
            ...overrides,
          }),
        });

      expect((await confirm(STRIPE_TEST_CARDS.pays, { key: 'pk_test_other' })).status).toBe(401);
      expect(
        (await confirm(STRIPE_TEST_CARDS.pays, { client_secret: `${intentId}_secret_forged` })).status,
      ).toBe(404);

      const declined = await confirm(STRIPE_TEST_CARDS.declined);
      expect(declined.status).toBe(402);
      expect(declined.headers.get('access-control-allow-origin')).toBe('*');
      expect(await declined.json()).toMatchObject({
        error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' },
      });
      await vi.waitFor(async () => expect((await stateOf(c, order.id)).payments[0]?.status).toBe('failed'), {
        timeout: 5_000,
        interval: 50,
      });
      expect((await getOrder(c, order)).status).toBe('reserved');

      const paid = await confirm(STRIPE_TEST_CARDS.pays);
      expect(paid.status).toBe(200);
      expect(await paid.json()).toMatchObject({ id: intentId, status: 'succeeded' });
      await vi.waitFor(async () => expect((await getOrder(c, order)).status).toBe('paid'), {
        timeout: 5_000,
        interval: 50,
      });
      const state = await stateOf(c, order.id);
      expect(state.payments).toEqual([
        { providerRef: intentId, status: 'succeeded', amountCents: 2 * PRICE },
      ]);
      expect(state.tickets).toHaveLength(2);
      expect(state.stock).toMatchObject({ sold: 2, held: 0 });

      // Confirming again is refused by Stripe; nothing changes here.
      expect((await confirm(STRIPE_TEST_CARDS.pays)).status).toBe(400);
      expect((await stateOf(c, order.id)).tickets).toHaveLength(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
