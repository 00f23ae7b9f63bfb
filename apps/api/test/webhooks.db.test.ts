import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Webhook, WebhookDelivery } from '@zevents/contracts';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createNotifier } from '../src/modules/notifications';
import {
  createWebhookDispatcher,
  tellOwnersWhenDisabled,
  type WebhookDispatcher,
  WEBHOOK_EVENT_EXAMPLES,
} from '../src/modules/webhooks';
import { ManualClock } from '../src/shared/clock';
import { cancel, openSale } from './checkout-helpers';
import { expireDueHolds } from '../src/modules/orders';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_CONFIG, testJobQueue, type TestApp } from './harness';
import { buyTickets, checkIn, expectProblem, refundOrder, reserveTickets } from './insight-helpers';

/** A real HTTP endpoint on loopback that records what it receives and answers as told. */
interface Received {
  headers: http.IncomingHttpHeaders;
  raw: string;
  body: { id: string; type: string; created: number; data: Record<string, unknown> };
}

let receiver: http.Server;
let receiverUrl: string;
let received: Received[] = [];
/** What the next requests get (then 200): a status, or a delay longer than the timeout. */
let answers: Array<number | 'hang'> = [];

let t: TestApp;
let clock: ManualClock;
let world: World;
let dispatcher: WebhookDispatcher;

function makeDispatcher(options: { allowPrivate?: boolean; timeoutMs?: number } = {}) {
  return createWebhookDispatcher({
    db: t.database.db,
    clock,
    logger: pino({ level: 'silent' }),
    allowPrivate: options.allowPrivate ?? true,
    timeoutMs: options.timeoutMs ?? 2_000,
    onDisabled: tellOwnersWhenDisabled(createNotifier({ enqueuer: queue })),
  });
}
let queue: Awaited<ReturnType<typeof testJobQueue>>;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, body: JSON.parse(raw) as Received['body'] });
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') return; // never answers: the sender's timeout must end it
      res.writeHead(answer, { 'Content-Type': 'text/plain' }).end(answer === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  clock = new ManualClock();
  t = buildTestApp({ clock, config: { ...TEST_CONFIG, webhooksAllowPrivate: true } });
  world = await createWorld(t.app, t.database.db);
  queue = await testJobQueue();
  dispatcher = makeDispatcher();
});

afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});

beforeEach(async () => {
  // Each test starts with no endpoint and nothing waiting.
  for (const hook of (await world.owner.get(`/api/organizations/${world.org.id}/webhooks`)).body
    .items as Webhook[])
    await world.owner.delete(`/api/webhooks/${hook.id}`);
  received = [];
  answers = [];
  // Tests move the clock days ahead; each starts at the database's now again.
  clock.set(new Date());
});

/** The types received about one resource (an order, a ticket, an event), in arrival order. */
const typesAbout = (id: string | undefined) =>
  received.filter((entry) => entry.body.data.id === id).map((entry) => entry.body.type);

async function createWebhook(body: Record<string, unknown> = {}): Promise<Webhook> {
  const res = await world.owner.post(`/api/organizations/${world.org.id}/webhooks`, {
    url: receiverUrl,
    events: ['order.created', 'order.paid', 'order.refunded', 'ticket.checked_in'],
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as Webhook;
}

/** Sends everything due now, until nothing is left that is due. */
async function dispatchAll(using = dispatcher): Promise<void> {
  while ((await using.dispatchDue()) > 0);
}

function verify(secret: string, entry: Received): boolean {
  const header = String(entry.headers['z-events-signature']);
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!match?.[1] || !match[2]) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${entry.raw}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
}

async function sale() {
  const { event, types } = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 20 }]);
  const type = types[0];
  if (!type) throw new Error('no ticket type');
  return { event, type };
}

async function deliveriesOf(webhookId: string): Promise<WebhookDelivery[]> {
  const res = await world.owner.get(`/api/webhooks/${webhookId}/deliveries?limit=200`);
  expect(res.status).toBe(200);
  return res.body.items as WebhookDelivery[];
}

describe('webhook endpoints', () => {
  it('creates, lists, reads, changes and deletes an endpoint; the secret signs', async () => {
    const hook = await createWebhook({
      events: ['order.paid', 'order.paid', 'event.updated'],
      description: 'CRM',
    });
    expect(hook).toMatchObject({
      organizationId: world.org.id,
      url: receiverUrl,
      events: ['order.paid', 'event.updated'],
      active: true,
      description: 'CRM',
      failingSince: null,
    });
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    const list = await world.owner.get(`/api/organizations/${world.org.id}/webhooks`);
    expect(list.body.items.map((item: Webhook) => item.id)).toEqual([hook.id]);
    expect((await world.admin.get(`/api/webhooks/${hook.id}`)).body.secret).toBe(hook.secret);
    const changed = await world.owner.patch(`/api/webhooks/${hook.id}`, {
      events: ['order.refunded'],
      active: false,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ events: ['order.refunded'], active: false });
    expect((await world.owner.delete(`/api/webhooks/${hook.id}`)).status).toBe(204);
    expectProblem(await world.owner.get(`/api/webhooks/${hook.id}`), 404, 'NOT_FOUND');
  });

  it('refuses bad input, staff, outsiders, unknown ids, and more than 20 endpoints', async () => {
    const path = `/api/organizations/${world.org.id}/webhooks`;
    for (const body of [
      { url: 'ftp://example.com/x', events: ['order.paid'] },
      { url: 'not a url', events: ['order.paid'] },
      { url: receiverUrl, events: [] },
      { url: receiverUrl, events: ['order.teleported'] },
      { url: receiverUrl, events: ['order.paid'], extra: true },
      { url: receiverUrl },
    ])
      expectProblem(await world.owner.post(path, body), 400, 'VALIDATION_FAILED');
    expectProblem(
      await world.staff.post(path, { url: receiverUrl, events: ['order.paid'] }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await world.staff.get(path), 403, 'FORBIDDEN');
    expectProblem(await world.outsider.get(path), 404, 'NOT_FOUND');
    const hook = await createWebhook();
    expectProblem(await world.outsider.get(`/api/webhooks/${hook.id}`), 404, 'NOT_FOUND');
    expectProblem(
      await world.outsider.patch(`/api/webhooks/${hook.id}`, { active: false }),
      404,
      'NOT_FOUND',
    );
    expectProblem(await world.outsider.delete(`/api/webhooks/${hook.id}`), 404, 'NOT_FOUND');
    expectProblem(await world.staff.get(`/api/webhooks/${hook.id}/deliveries`), 403, 'FORBIDDEN');
    expectProblem(
      await world.owner.get('/api/webhooks/00000000-0000-4000-8000-000000000000'),
      404,
      'NOT_FOUND',
    );
    expectProblem(await world.owner.get('/api/webhooks/nope'), 404, 'NOT_FOUND');
    expectProblem(
      await world.owner.get(`/api/webhooks/${hook.id}/deliveries?cursor=garbage`),
      400,
      'VALIDATION_FAILED',
    );
    for (let i = 1; i < 20; i++) await createWebhook();
    expectProblem(
      await world.owner.post(path, { url: receiverUrl, events: ['order.paid'] }),
      422,
      'WEBHOOK_LIMIT_REACHED',
    );
  });
});

describe('deliveries', () => {
  it('sends signed events of an order in order: created, paid, checked in, refunded', async () => {
    const hook = await createWebhook();
    const { event, type } = await sale();
    const order = await buyTickets(world.anonymous, event.id, [[type.id, 2]]);
    const code = order.tickets[0]?.code;
    expect((await checkIn(world.owner, event.id, String(code))).status).toBe(200);
    await refundOrder(world.owner, order.id);
    await dispatchAll();

    // In order per resource (the order, its ticket); resources of their own go out side by side.
    expect(typesAbout(order.id)).toEqual(['order.created', 'order.paid', 'order.refunded']);
    expect(typesAbout(order.tickets[0]?.id)).toEqual(['ticket.checked_in']);
    const byType = (type: string) => received.find((entry) => entry.body.type === type);
    const ofOrder = ['order.created', 'order.paid', 'ticket.checked_in', 'order.refunded'].map((type) => {
      const entry = byType(type);
      if (!entry) throw new Error(`no ${type}`);
      return entry;
    });
    for (const entry of ofOrder) {
      expect(verify(hook.secret, entry)).toBe(true);
      expect(verify('whsec_wrong', entry)).toBe(false);
      expect(entry.headers['content-type']).toBe('application/json');
      expect(entry.headers['z-events-event-id']).toBe(entry.body.id);
      expect(entry.body.created).toBeGreaterThan(1_700_000_000);
    }
    const [created, paid, checkedIn, refunded] = ofOrder;
    expect(created?.body.data).toMatchObject({
      object: 'order',
      id: order.id,
      eventId: event.id,
      status: 'reserved',
      totalCents: 5000,
      currency: event.currency,
      items: [{ ticketTypeId: type.id, ticketTypeName: 'GA', quantity: 2, unitPriceCents: 2500 }],
    });
    expect(paid?.body.data).toMatchObject({
      status: 'paid',
      tickets: [{ status: 'valid' }, { status: 'valid' }],
    });
    expect(checkedIn?.body.data).toMatchObject({ object: 'ticket', orderId: order.id, status: 'checked_in' });
    expect(refunded?.body.data).toMatchObject({
      status: 'refunded',
      refund: { amountCents: 5000, isFull: true },
    });

    // The API reference's examples have exactly the fields the real bodies have.
    for (const entry of ofOrder) {
      const example = WEBHOOK_EVENT_EXAMPLES[entry.body.type as keyof typeof WEBHOOK_EVENT_EXAMPLES].data;
      expect(Object.keys(entry.body.data).sort(), entry.body.type).toEqual(Object.keys(example).sort());
    }
    const log = await deliveriesOf(hook.id);
    expect(log.length).toBe(4);
    expect(log.every((entry) => entry.status === 'succeeded' && entry.responseStatus === 200)).toBe(true);
    expect(log[0]).toMatchObject({ attempts: 1, responseBody: 'ok', isManual: false });
  });

  it('records exactly one order.created per order when many reserves are batched together', async () => {
    const hook = await createWebhook({ events: ['order.created'] });
    const { event, type } = await sale();
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        world.anonymous.post('/api/orders', {
          eventId: event.id,
          items: [{ ticketTypeId: type.id, quantity: 1 }],
          buyer: { name: `Buyer ${i}`, email: `batch-${i}-${Date.now()}@example.test` },
        }),
      ),
    );
    const created = replies.filter((res) => res.status === 201).map((res) => String(res.body.id));
    // Capacity 20: the rest are sold out, and a refusal records nothing.
    expect(created.length).toBe(20);
    expect(replies.every((res) => res.status === 201 || res.status === 409)).toBe(true);
    const { rows } = await t.database.db.execute<{ resource_id: string; n: number }>(sql`
      SELECT e.resource_id, count(*)::int AS n FROM webhook_deliveries d
      JOIN webhook_events e ON e.id = d.webhook_event_id
      WHERE d.webhook_id = ${hook.id} GROUP BY e.resource_id`);
    expect(rows.map((row) => row.resource_id).sort()).toEqual([...created].sort());
    expect(rows.every((row) => row.n === 1)).toBe(true);
    await dispatchAll();
    expect(received.length).toBe(20);
  });

  it('sends only the types an endpoint wants, and only to its own organization', async () => {
    await createWebhook({ events: ['order.paid'] });
    const { event, type } = await sale();
    await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    await dispatchAll();
    expect(received).toEqual([]);
    const other = await world.outsider.post(`/api/organizations/${world.outsiderOrg.id}/webhooks`, {
      url: receiverUrl,
      events: ['order.created', 'order.paid'],
    });
    expect(other.status).toBe(201);
    await buyTickets(world.anonymous, event.id, [[type.id, 1]]);
    await dispatchAll();
    expect(received.map((entry) => entry.body.type)).toEqual(['order.paid']);
    await world.outsider.delete(`/api/webhooks/${other.body.id}`);
  });

  it('retries a failed delivery with backoff, holding back what comes after it for the same order', async () => {
    const hook = await createWebhook();
    const { event, type } = await sale();
    answers = [500];
    const order = await buyTickets(world.anonymous, event.id, [[type.id, 1]]);
    await dispatchAll();
    // order.created failed; order.paid (same order) waits behind it.
    expect(received.map((entry) => entry.body.type)).toEqual(['order.created']);
    let log = await deliveriesOf(hook.id);
    const failed = log.find((entry) => entry.eventType === 'order.created');
    expect(failed).toMatchObject({
      status: 'pending',
      attempts: 1,
      responseStatus: 500,
      responseBody: 'boom',
    });
    expect(failed?.error).toMatch(/500/);
    const wait = Date.parse(String(failed?.nextAttemptAt)) - clock.now().getTime();
    expect(wait).toBeGreaterThanOrEqual(1_800);
    expect(wait).toBeLessThanOrEqual(2_200);
    const { rows } = await t.database.db.execute<{ failing: boolean }>(
      sql`SELECT failing_since IS NOT NULL AS failing FROM webhooks WHERE id = ${hook.id}`,
    );
    expect(rows[0]?.failing).toBe(true);

    clock.advance(12_000);
    await dispatchAll();
    const ofOrder = received.filter((entry) => entry.body.data.id === order.id);
    expect(ofOrder.map((entry) => entry.body.type)).toEqual(['order.created', 'order.created', 'order.paid']);
    // The same event, the same id, each attempt signed afresh.
    expect(ofOrder[0]?.body.id).toBe(ofOrder[1]?.body.id);
    expect(ofOrder[1]?.headers['z-events-delivery-attempt']).toBe('2');
    log = await deliveriesOf(hook.id);
    expect(log.find((entry) => entry.eventType === 'order.created')).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      responseStatus: 200,
    });
    expect((await world.owner.get(`/api/webhooks/${hook.id}`)).body.failingSince).toBeNull();
  });

  it('gives up on an endpoint that does not answer in time, and retries it later', async () => {
    const hook = await createWebhook({ events: ['order.created'] });
    const { event, type } = await sale();
    answers = ['hang'];
    await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    await dispatchAll(makeDispatcher({ timeoutMs: 300 }));
    const [entry] = await deliveriesOf(hook.id);
    expect(entry).toMatchObject({ status: 'pending', attempts: 1, responseStatus: null });
    expect(entry?.error).toMatch(/no answer within/);
    clock.advance(12_000);
    await dispatchAll();
    expect((await deliveriesOf(hook.id))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('turns an endpoint off after 3 days of failures, tells the owners, and turns on again', async () => {
    const hook = await createWebhook({ events: ['order.created'] });
    const { event, type } = await sale();
    answers = Array.from({ length: 100 }, () => 503);
    await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    const start = clock.now().getTime();
    await dispatchAll();
    for (
      let hours = 0;
      hours < 80 && (await world.owner.get(`/api/webhooks/${hook.id}`)).body.active;
      hours += 1
    ) {
      clock.advance(3_600_000);
      await dispatchAll();
    }
    const off = (await world.owner.get(`/api/webhooks/${hook.id}`)).body as Webhook;
    expect(off.active).toBe(false);
    expect(off.disabledReason).toMatch(/3 days/);
    const offAfter = Date.parse(String(off.disabledAt)) - start;
    expect(offAfter).toBeGreaterThanOrEqual(72 * 3_600_000);
    expect(offAfter).toBeLessThanOrEqual(80 * 3_600_000);
    const [entry] = await deliveriesOf(hook.id);
    expect(entry?.status).toBe('failed');
    expect(entry?.attempts).toBeGreaterThan(10);
    const owners = await t.database.db.execute<{ recipient: string; organization_id: string }>(
      sql`SELECT recipient, params->>'organizationId' AS organization_id
          FROM emails WHERE kind = 'webhook_disabled' AND params->>'webhookId' = ${hook.id}`,
    );
    expect(owners.rows).toEqual([{ recipient: world.owner.user?.email, organization_id: world.org.id }]);
    // Off: nothing more is sent or recorded for it.
    answers = [];
    received = [];
    await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    await dispatchAll();
    expect(received).toEqual([]);
    const on = await world.owner.patch(`/api/webhooks/${hook.id}`, { active: true });
    expect(on.body).toMatchObject({
      active: true,
      failingSince: null,
      disabledAt: null,
      disabledReason: null,
    });
    await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    await dispatchAll();
    expect(received.map((item) => item.body.type)).toEqual(['order.created']);
  });

  it('refuses loopback and private addresses unless the operator allows them', async () => {
    const hook = await createWebhook({ events: ['order.created'] });
    const { event, type } = await sale();
    await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    await dispatchAll(makeDispatcher({ allowPrivate: false }));
    expect(received).toEqual([]);
    const [entry] = await deliveriesOf(hook.id);
    expect(entry?.error).toMatch(/private or reserved/);
    expect(entry?.status).toBe('pending');
  });

  it('test button and redelivery: sent now, the answer shows the outcome, the event keeps its id', async () => {
    const hook = await createWebhook({ events: ['order.created'] });
    const test = await world.owner.post(`/api/webhooks/${hook.id}/test`);
    expect(test.status, JSON.stringify(test.body)).toBe(201);
    expect(test.body).toMatchObject({
      eventType: 'webhook.test',
      status: 'succeeded',
      responseStatus: 200,
      isManual: true,
    });
    expect(received[0]?.body).toMatchObject({
      type: 'webhook.test',
      data: { object: 'webhook', id: hook.id },
    });
    expect(verify(hook.secret, received[0] as Received)).toBe(true);

    const { event, type } = await sale();
    await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    await dispatchAll();
    const original = (await deliveriesOf(hook.id)).find((entry) => entry.eventType === 'order.created');
    answers = [502];
    const again = await world.owner.post(`/api/webhooks/${hook.id}/deliveries/${original?.id}/redeliver`);
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      eventId: original?.eventId,
      status: 'failed',
      responseStatus: 502,
      isManual: true,
    });
    expect(received.at(-1)?.body.id).toBe(original?.eventId);
    expectProblem(
      await world.owner.post(
        `/api/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/redeliver`,
      ),
      404,
      'NOT_FOUND',
    );
    // A manual failure says nothing about the endpoint's health.
    expect((await world.owner.get(`/api/webhooks/${hook.id}`)).body.failingSince).toBeNull();
  });

  it('sends order.cancelled, order.expired, and created + paid for a box-office order', async () => {
    await createWebhook({ events: ['order.created', 'order.paid', 'order.cancelled', 'order.expired'] });
    const { event, type } = await sale();
    const cancelled = await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    expect((await cancel(world.anonymous, cancelled)).status).toBe(200);
    const expiring = await reserveTickets(world.anonymous, event.id, [[type.id, 1]]);
    clock.advance(16 * 60_000);
    await expireDueHolds(t.database.pool, clock);
    const cash = await world.owner.post(`/api/events/${event.id}/orders`, {
      items: [{ ticketTypeId: type.id, quantity: 2 }],
      buyer: { name: 'Door Guest', email: 'door@example.test' },
      paymentMethod: 'cash',
      sendEmail: false,
    });
    expect(cash.status, JSON.stringify(cash.body)).toBe(201);
    await dispatchAll();
    expect(typesAbout(cancelled.id)).toEqual(['order.created', 'order.cancelled']);
    expect(typesAbout(expiring.id)).toEqual(['order.created', 'order.expired']);
    expect(typesAbout(cash.body.id)).toEqual(['order.created', 'order.paid']);
    const paid = received.find(
      (entry) => entry.body.data.id === cash.body.id && entry.body.type === 'order.paid',
    );
    expect(paid?.body.data).toMatchObject({ status: 'paid', paymentMethod: 'cash', totalCents: 5000 });
    expect((paid?.body.data.tickets as unknown[]).length).toBe(2);
  });

  it('sends event.published, event.updated, event.cancelled and ticket.transferred', async () => {
    await createWebhook({
      events: ['event.published', 'event.updated', 'event.cancelled', 'ticket.transferred'],
    });
    const { event, type } = await sale();
    const order = await buyTickets(world.anonymous, event.id, [[type.id, 1]]);
    const ticket = order.tickets[0];
    const moved = await world.owner.patch(`/api/events/${event.id}`, { venue: 'The Big Hall' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const transfer = await world.owner.post(`/api/tickets/${ticket?.id}/transfer`, {
      name: 'New Holder',
      email: 'holder@example.test',
    });
    expect(transfer.status, JSON.stringify(transfer.body)).toBe(200);
    expect((await world.owner.post(`/api/events/${event.id}/cancel`)).status).toBe(200);
    await dispatchAll();
    expect(typesAbout(event.id)).toEqual(['event.published', 'event.updated', 'event.cancelled']);
    expect(typesAbout(ticket?.id)).toEqual(['ticket.transferred']);
    const body = (type: string) => received.find((entry) => entry.body.type === type)?.body.data;
    expect(body('event.updated')).toMatchObject({ object: 'event', id: event.id, venue: 'The Big Hall' });
    expect(body('ticket.transferred')).toMatchObject({ object: 'ticket', attendeeName: 'New Holder' });
    expect(body('event.cancelled')).toMatchObject({ status: 'cancelled' });
    for (const type of ['event.updated', 'ticket.transferred'] as const)
      expect(Object.keys(body(type) ?? {}).sort(), type).toEqual(
        Object.keys(WEBHOOK_EVENT_EXAMPLES[type].data).sort(),
      );
  });
});
