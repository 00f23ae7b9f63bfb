import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../src/jobs/job-queue';
import { createWorkerJobs } from '../src/jobs/worker-jobs';
import { queueDueBankTransferReminders } from '../src/modules/notifications/bank-transfer-reminder.job';
import { createMailer, type Mailer } from '../src/modules/notifications/mailer';
import { expireDueHolds } from '../src/modules/orders/hold-expiry';
import { ManualClock, systemClock } from '../src/shared/clock';
import {
  buyer,
  cancel,
  expectProblem,
  expectStockInvariants,
  openSale,
  orderBody,
  orderRow,
  paymentsOf,
  reserveOk,
  stockOf,
  ticketsOf,
  type OrderView,
} from './checkout-helpers';
import { type Actor, anonymous, createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, testJobQueue, type TestApp } from './harness';
import { MAIL_FROM, PUBLIC_URL } from './support/notifications';
import { type SinkMessage, type SmtpSink, startSmtpSink } from './support/smtp-sink';

/**
 * Bank transfer (issue 14): reserved -> awaiting_payment (tickets held until the deadline) -> paid by
 * the organizer, or expired by the sweep. Buyers on a ManualClock app share the database with the
 * organizers' real-time app; each clock starts weeks in the past (a different day per test), so the
 * database-wide sweeps reach only these tests' orders.
 */

const DAY = 86_400_000;
const INSTRUCTIONS = 'IBAN DE89 3704 0044 0532 0130 00\nBIC COBADEFFXXX\nAccount holder: Z-Events Test GmbH';
const logger = pino({ level: 'silent' });

let t: TestApp;
let world: World;
let sink: SmtpSink;
let jobs: JobQueue;
let mailer: Mailer;
let epoch = 0;

beforeAll(async () => {
  sink = await startSmtpSink();
  t = buildTestApp();
  world = await createWorld(t.app, t.database.db);
  jobs = await testJobQueue();
  mailer = createMailer({ smtpUrl: sink.url, from: MAIL_FROM, timeoutMs: 2000 });
  await jobs.startWorkers(
    createWorkerJobs({
      database: t.database,
      clock: systemClock,
      logger,
      mailer,
      enqueuer: jobs,
      config: { publicUrl: PUBLIC_URL, appSecret: TEST_SECRET, payments: { provider: 'test' } },
    }),
  );
});

afterAll(async () => {
  mailer?.close();
  await sink?.close();
});

const to = (email: string, kind: string) => (m: SinkMessage) =>
  m.envelope.to.includes(email) && m.kind === kind;

/** A buyer on a clock of their own, weeks in the past. */
function buyerSide() {
  epoch += 1;
  const clock = new ManualClock(new Date(Date.now() - (200 - epoch * 3) * DAY));
  const app = buildTestApp({ clock });
  return { clock, buyerActor: anonymous(app.app) };
}

async function saleWithTransfer(
  options: { deadlineDays?: number; capacity?: number; enabled?: boolean } = {},
) {
  const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: options.capacity ?? 5 }]);
  const res = await world.owner.patch(`/api/events/${sale.event.id}`, {
    bankTransfer: {
      enabled: options.enabled ?? true,
      instructions: INSTRUCTIONS,
      ...(options.deadlineDays ? { deadlineDays: options.deadlineDays } : {}),
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...sale, type: sale.types[0]! };
}

function requestTransfer(actor: Actor, order: { id: string; accessToken?: string }) {
  return actor.post(`/api/orders/${order.id}/bank-transfer?token=${order.accessToken ?? ''}`);
}

function markPaid(actor: Actor, orderId: string) {
  return actor.post(`/api/orders/${orderId}/mark-paid`);
}

async function emailCount(orderId: string, kind: string): Promise<number> {
  const { rows } = await t.database.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM emails WHERE order_id = $1 AND kind = $2',
    [orderId, kind],
  );
  return rows[0]?.n ?? 0;
}

describe('the event setting', () => {
  it('is set with PATCH, shown to organizers only once set, and offered on the public page', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 5 }]);
    expect((await world.owner.get(`/api/events/${sale.event.id}`)).body.bankTransfer).toBeUndefined();
    expect(
      (await world.anonymous.get(`/api/public/events/${sale.event.id}`)).body.paymentMethods,
    ).toBeUndefined();

    const set = await world.owner.patch(`/api/events/${sale.event.id}`, {
      bankTransfer: { enabled: true, instructions: INSTRUCTIONS },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.bankTransfer).toEqual({ enabled: true, instructions: INSTRUCTIONS, deadlineDays: 7 });
    // A later edit leaving the deadline out keeps the one set.
    await world.owner.patch(`/api/events/${sale.event.id}`, {
      bankTransfer: { enabled: true, instructions: INSTRUCTIONS, deadlineDays: 3 },
    });
    const kept = await world.owner.patch(`/api/events/${sale.event.id}`, {
      bankTransfer: { enabled: true, instructions: 'IBAN X' },
    });
    expect(kept.body.bankTransfer).toEqual({ enabled: true, instructions: 'IBAN X', deadlineDays: 3 });

    const bad = await world.owner.patch(`/api/events/${sale.event.id}`, {
      bankTransfer: { enabled: true, instructions: '', deadlineDays: 31 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'bankTransfer.deadlineDays',
      'bankTransfer.instructions',
    ]);
    expect((await world.staff.patch(`/api/events/${sale.event.id}`, { bankTransfer: null })).status).toBe(
      403,
    );
  });
});

describe('POST /api/orders/{orderId}/bank-transfer', () => {
  it('moves the order to awaiting_payment with the deadline, keeps its tickets held, emails the details', async () => {
    const sale = await saleWithTransfer({ deadlineDays: 5 });
    const who = buyer();
    const before = Date.now();
    const order = await reserveOk(world.anonymous, orderBody(sale.event, [[sale.type, 2]], { buyer: who }));

    const res = await requestTransfer(world.anonymous, order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'awaiting_payment',
      paymentMethod: 'bank_transfer',
      bankTransfer: { instructions: INSTRUCTIONS, amountCents: 5000, currency: 'EUR' },
    });
    const deadline = Date.parse(res.body.expiresAt);
    expect(deadline).toBeGreaterThanOrEqual(before + 5 * DAY);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 5 * DAY);
    expect(res.body.bankTransfer.deadline).toBe(res.body.expiresAt);
    expect(res.body.bankTransfer.reference).toMatch(/^ZE-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(await stockOf(t.database.pool, sale.type.id)).toMatchObject({ sold: 0, held: 2 });
    await expectStockInvariants(t.database.pool, sale.event.id);

    // Idempotent: the same answer again, one email.
    const again = await requestTransfer(world.anonymous, order);
    expect(again.status).toBe(200);
    expect(again.body.bankTransfer).toEqual(res.body.bankTransfer);
    expect(again.body.expiresAt).toBe(res.body.expiresAt);
    expect(await emailCount(order.id, 'bank_transfer_details')).toBe(1);

    // The organizer sees it in the list under its own status, and the dashboard counts it held.
    const listed = await world.owner.get(`/api/events/${sale.event.id}/orders?status=awaiting_payment`);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual([order.id]);
    const stats = await world.owner.get(`/api/events/${sale.event.id}/stats`);
    expect(stats.body).toMatchObject({ ticketsSold: 0, ticketsHeld: 2 });

    const [mail] = await sink.waitFor(to(who.email, 'bank_transfer_details'), { timeoutMs: 10_000 });
    expect(mail?.text).toContain(res.body.bankTransfer.reference);
    expect(mail?.text).toContain('DE89 3704 0044 0532 0130 00');
    expect(mail?.text).toContain('50.00');
  });

  it('keeps the tickets held past the original quarter-hour hold', async () => {
    const { clock, buyerActor } = buyerSide();
    const sale = await saleWithTransfer({ deadlineDays: 5 });
    const order = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 2]]));
    const res = await requestTransfer(buyerActor, order);
    expect(res.body.expiresAt).toBe(new Date(clock.now().getTime() + 5 * DAY).toISOString());
    clock.advance(60 * 60_000);
    const read = await buyerActor.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(read.body.status).toBe('awaiting_payment');
    await expireDueHolds(t.database.pool, clock);
    expect((await orderRow(t.database.pool, order.id))?.status).toBe('awaiting_payment');
    expect((await stockOf(t.database.pool, sale.type.id)).held).toBe(2);
  });

  it('refuses an expired hold (410), another state (409), an event without it (422), a stranger (404)', async () => {
    const { clock, buyerActor } = buyerSide();
    const sale = await saleWithTransfer();
    const expiring = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 1]]));
    clock.advance(16 * 60_000);
    expectProblem(await requestTransfer(buyerActor, expiring), 410, 'HOLD_EXPIRED');

    const cancelled = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 1]]));
    expect((await cancel(buyerActor, cancelled)).status).toBe(200);
    expectProblem(await requestTransfer(buyerActor, cancelled), 409, 'ORDER_NOT_PAYABLE');

    const stranger = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 1]]));
    expectProblem(
      await requestTransfer(buyerActor, { id: stranger.id, accessToken: 'nope' }),
      404,
      'NOT_FOUND',
    );

    const off = await saleWithTransfer({ enabled: false });
    const card = await reserveOk(buyerActor, orderBody(off.event, [[off.type, 1]]));
    expectProblem(await requestTransfer(buyerActor, card), 422, 'BANK_TRANSFER_NOT_OFFERED');
    const never = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 5 }]);
    const plain = await reserveOk(buyerActor, orderBody(never.event, [[never.types[0]!, 1]]));
    expectProblem(await requestTransfer(buyerActor, plain), 422, 'BANK_TRANSFER_NOT_OFFERED');
  });

  it('lets the buyer cancel while awaiting: tickets go back on sale', async () => {
    const { buyerActor } = buyerSide();
    const sale = await saleWithTransfer();
    const order = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 3]]));
    expect((await requestTransfer(buyerActor, order)).status).toBe(200);
    const res = await cancel(buyerActor, order);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect(await stockOf(t.database.pool, sale.type.id)).toMatchObject({ sold: 0, held: 0 });
    await expectStockInvariants(t.database.pool, sale.event.id);
  });
});

describe('the deadline', () => {
  it('expires the order at its deadline and the sweep gives its tickets back', async () => {
    const { clock, buyerActor } = buyerSide();
    const sale = await saleWithTransfer({ deadlineDays: 2, capacity: 2 });
    const order = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 2]]));
    expect((await requestTransfer(buyerActor, order)).status).toBe(200);

    clock.advance(2 * DAY - 1);
    await expireDueHolds(t.database.pool, clock);
    expect((await orderRow(t.database.pool, order.id))?.status).toBe('awaiting_payment');
    expect((await stockOf(t.database.pool, sale.type.id)).held).toBe(2);

    clock.advance(1);
    // Expired for everyone at once, before the sweep.
    const read = await buyerActor.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(read.body.status).toBe('expired');
    expect(await expireDueHolds(t.database.pool, clock)).toBeGreaterThanOrEqual(1);
    expect(await orderRow(t.database.pool, order.id)).toMatchObject({ status: 'expired' });
    expect(await stockOf(t.database.pool, sale.type.id)).toMatchObject({ sold: 0, held: 0 });
    await expectStockInvariants(t.database.pool, sale.event.id);
    // A transfer arriving late still pays while seats are left (expired -> paid).
    const late = await markPaid(world.owner, order.id);
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect(late.body.status).toBe('paid');
    expect(late.body.tickets).toHaveLength(2);
    await expectStockInvariants(t.database.pool, sale.event.id);
  });

  it('refuses a late transfer with 409 SOLD_OUT once its seats were sold to someone else', async () => {
    const { clock, buyerActor } = buyerSide();
    const sale = await saleWithTransfer({ deadlineDays: 1, capacity: 1 });
    const order = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 1]]));
    expect((await requestTransfer(buyerActor, order)).status).toBe(200);
    clock.advance(DAY);
    await expireDueHolds(t.database.pool, clock);
    const other = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 1]]));
    expect(other.status).toBe('reserved');
    expectProblem(await markPaid(world.owner, order.id), 409, 'SOLD_OUT');
    expect(await orderRow(t.database.pool, order.id)).toMatchObject({ status: 'expired' });
    expect(await paymentsOf(t.database.pool, order.id)).toEqual([]);
    await expectStockInvariants(t.database.pool, sale.event.id);
  });

  it('reminds the buyer once, two days before (half the window when shorter)', async () => {
    const { clock, buyerActor } = buyerSide();
    const week = await saleWithTransfer({ deadlineDays: 7 });
    const short = await saleWithTransfer({ deadlineDays: 1 });
    const a = await reserveOk(buyerActor, orderBody(week.event, [[week.type, 1]]));
    const b = await reserveOk(buyerActor, orderBody(short.event, [[short.type, 1]]));
    expect((await requestTransfer(buyerActor, a)).status).toBe(200);
    expect((await requestTransfer(buyerActor, b)).status).toBe(200);
    const deps = { db: t.database.db, enqueuer: jobs, clock };

    clock.advance(12 * 60 * 60_000 - 1);
    await queueDueBankTransferReminders(deps);
    expect(await emailCount(b.id, 'bank_transfer_reminder')).toBe(0);
    clock.advance(1);
    await queueDueBankTransferReminders(deps);
    await queueDueBankTransferReminders(deps);
    expect(await emailCount(b.id, 'bank_transfer_reminder')).toBe(1);
    expect(await emailCount(a.id, 'bank_transfer_reminder')).toBe(0);

    clock.advance(5 * DAY - 12 * 60 * 60_000);
    await Promise.all([queueDueBankTransferReminders(deps), queueDueBankTransferReminders(deps)]);
    await queueDueBankTransferReminders(deps);
    expect(await emailCount(a.id, 'bank_transfer_reminder')).toBe(1);
    expect(await emailCount(b.id, 'bank_transfer_reminder')).toBe(1);
  });

  it('sends no reminder for a transfer already marked paid', async () => {
    const { clock, buyerActor } = buyerSide();
    const sale = await saleWithTransfer({ deadlineDays: 3 });
    const order = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 1]]));
    expect((await requestTransfer(buyerActor, order)).status).toBe(200);
    expect((await markPaid(world.admin, order.id)).status).toBe(200);
    clock.advance(2 * DAY);
    await queueDueBankTransferReminders({ db: t.database.db, enqueuer: jobs, clock });
    expect(await emailCount(order.id, 'bank_transfer_reminder')).toBe(0);
  });
});

describe('POST /api/orders/{orderId}/mark-paid', () => {
  it('pays the order: tickets issued, stock sold, payment recorded, confirmation emailed, audited', async () => {
    const { buyerActor } = buyerSide();
    const sale = await saleWithTransfer();
    const who = buyer();
    const order = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 2]], { buyer: who }));
    const awaiting = await requestTransfer(buyerActor, order);
    expect(awaiting.status).toBe(200);

    const res = await markPaid(world.owner, order.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'paid', paymentMethod: 'bank_transfer', totalCents: 5000 });
    expect(res.body.tickets).toHaveLength(2);
    expect(res.body.payment).toMatchObject({ provider: 'bank_transfer', status: 'succeeded' });
    expect(res.body.bankTransfer.reference).toBe(awaiting.body.bankTransfer.reference);
    expect(await stockOf(t.database.pool, sale.type.id)).toMatchObject({ sold: 2, held: 0 });
    expect(await paymentsOf(t.database.pool, order.id)).toEqual([
      { status: 'succeeded', amount_cents: 5000 },
    ]);
    expect((await ticketsOf(t.database.pool, order.id)).map((row) => row.status)).toEqual(['valid', 'valid']);
    await expectStockInvariants(t.database.pool, sale.event.id);

    // The buyer sees the tickets on the order page.
    const read = await buyerActor.get(`/api/orders/${order.id}?token=${order.accessToken}`);
    expect(read.body.status).toBe('paid');
    expect((read.body as OrderView).tickets).toHaveLength(2);

    // Marking it again answers the same order and does nothing twice.
    const again = await markPaid(world.owner, order.id);
    expect(again.status).toBe(200);
    expect(again.body.tickets).toHaveLength(2);
    expect(await paymentsOf(t.database.pool, order.id)).toHaveLength(1);
    expect(await emailCount(order.id, 'order_confirmation')).toBe(1);

    const audit = await world.owner.get(`/api/organizations/${world.org.id}/audit-log`);
    if (audit.status === 200)
      expect(
        audit.body.items.some(
          (e: { action: string; targetId: string }) =>
            e.action === 'order.mark_paid' && e.targetId === order.id,
        ),
      ).toBe(true);

    const [mail] = await sink.waitFor(to(who.email, 'order_confirmation'), { timeoutMs: 15_000 });
    expect(mail?.text).toContain(sale.event.title);
  });

  it('answers 404 to strangers, 401 without a session, 403 to staff, 409 on a card order or a reserved one', async () => {
    const { buyerActor } = buyerSide();
    const sale = await saleWithTransfer();
    const order = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 1]]));
    expectProblem(await markPaid(world.owner, order.id), 409, 'ORDER_NOT_PAYABLE');
    expect((await requestTransfer(buyerActor, order)).status).toBe(200);
    expectProblem(await markPaid(world.outsider, order.id), 404, 'NOT_FOUND');
    // The buyer has no session: organizers only.
    expectProblem(await markPaid(buyerActor, order.id), 401, 'UNAUTHENTICATED');
    expectProblem(await markPaid(world.staff, order.id), 403, 'FORBIDDEN');
    expect((await orderRow(t.database.pool, order.id))?.status).toBe('awaiting_payment');
    expect(await paymentsOf(t.database.pool, order.id)).toEqual([]);
  });

  it('takes one payment when marked twice at once', async () => {
    const { buyerActor } = buyerSide();
    const sale = await saleWithTransfer();
    const order = await reserveOk(buyerActor, orderBody(sale.event, [[sale.type, 2]]));
    expect((await requestTransfer(buyerActor, order)).status).toBe(200);
    const [first, second] = await Promise.all([
      markPaid(world.owner, order.id),
      markPaid(world.admin, order.id),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await paymentsOf(t.database.pool, order.id)).toHaveLength(1);
    expect(await ticketsOf(t.database.pool, order.id)).toHaveLength(2);
    expect(await emailCount(order.id, 'order_confirmation')).toBe(1);
    expect(await stockOf(t.database.pool, sale.type.id)).toMatchObject({ sold: 2, held: 0 });
    await expectStockInvariants(t.database.pool, sale.event.id);
  });
});
