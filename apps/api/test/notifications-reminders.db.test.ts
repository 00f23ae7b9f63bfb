import type { TicketType } from '@zevents/contracts';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { JobHandler } from '../src/jobs/job-registry';
import { createWorkerJobs } from '../src/jobs/worker-jobs';
import { queueDueReminders } from '../src/modules/notifications/event-reminder.job';
import { createMailer, type Mailer } from '../src/modules/notifications/mailer';
import { SEND_EMAIL } from '../src/modules/notifications/notifications.jobs';
import { formatEventSchedule } from '../src/modules/notifications/templates';
import { ManualClock } from '../src/shared/clock';
import { buyer, buyOk, orderBody, type OrderView } from './checkout-helpers';
import request from 'supertest';
import { insertSession } from '../src/modules/accounts/accounts.repository';
import { generateToken, sha256 } from '../src/shared/crypto';
import { Actor, createEvent, createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, testDatabase, type TestApp } from './harness';
import {
  eventually,
  lonelyStart,
  MAIL_FROM,
  minutes,
  newQueueSchema,
  PUBLIC_URL,
  seedPaidOrders,
  startWorker,
  type Worker,
} from './support/notifications';
import { type SinkMessage, type SmtpSink, startSmtpSink } from './support/smtp-sink';

/**
 * Reminders (invariant 7): each (order, offset) at most once, across repeated scans, concurrent scans,
 * several workers and a crash; on time after the event moves; never for refunded orders, void tickets
 * or cancelled events. Time is a ManualClock shared by the app (payment times) and the jobs. Most
 * tests run the send job by hand from a queue no worker takes ("parked"); the concurrency and crash
 * tests run real pg-boss workers. Every message is counted in a real SMTP server.
 */

const logger = pino({ level: 'silent' });
const url = inject('databaseUrl');
const clock = new ManualClock();
let sink: SmtpSink;
let parked: Worker;
let mailer: Mailer;
let send: JobHandler;
let t: TestApp;
let world: World;
/** The organizer, with a session that outlives the clock's trips decades ahead. */
let owner: Actor;

async function lastingActor(user: { id: string; email: string; name: string }): Promise<Actor> {
  const token = generateToken();
  await insertSession(t.database.db, {
    id: sha256(token),
    userId: user.id,
    expiresAt: new Date('2099-12-31T00:00:00Z'),
  });
  const cookie = `zevents_session=${token}`;
  const csrf = (await request(t.app).get('/api/auth/csrf').set('Cookie', cookie)).body as {
    csrfToken: string;
  };
  return new Actor(
    t.app,
    {
      Cookie: `${cookie}; zevents_csrf=${encodeURIComponent(csrf.csrfToken)}`,
      'X-CSRF-Token': csrf.csrfToken,
    },
    user,
  );
}

beforeAll(async () => {
  sink = await startSmtpSink();
  parked = await startWorker({
    url,
    schema: newQueueSchema(),
    database: testDatabase(),
    clock,
    logger,
    smtpUrl: undefined,
    appSecret: TEST_SECRET,
    workers: false,
  });
  t = buildTestApp({ clock, jobs: parked.queue });
  world = await createWorld(t.app, t.database.db);
  owner = await lastingActor(world.owner.user!);
  mailer = createMailer({ smtpUrl: sink.url, from: MAIL_FROM, timeoutMs: 2000 });
  const defined = createWorkerJobs({
    database: t.database,
    clock,
    logger,
    mailer,
    enqueuer: parked.queue,
    config: { publicUrl: PUBLIC_URL, appSecret: TEST_SECRET, payments: { provider: 'test' } },
  });
  send = defined.find((job) => job.name === SEND_EMAIL.name)!;
});

afterAll(async () => {
  await parked?.stop();
  mailer?.close();
  await sink?.close();
});

const scan = () => queueDueReminders({ db: t.database.db, enqueuer: parked.queue, clock });

/** Runs every waiting send job of the parked queue by hand (a worker's work, deterministically). */
async function drain(): Promise<void> {
  const boss = parked.queue.boss;
  for (;;) {
    const batch = await boss.fetch<{ emailId: string }>(SEND_EMAIL.name, { batchSize: 200 });
    if (!batch || batch.length === 0) return;
    for (const job of batch) {
      await send.handle(job.data, { retryCount: 0, isLastAttempt: false });
      await boss.complete(SEND_EMAIL.name, job.id);
    }
  }
}

const remindersTo = (emails: string[]) => (m: SinkMessage) =>
  m.kind === 'reminder' && emails.includes(m.envelope.to[0] ?? '');

/** A published event at a time no other test uses, with these reminder offsets (minutes before). */
async function reminderEvent(offsets: number[], capacity = 100) {
  const startsAt = lonelyStart();
  const { event, ticketTypes } = await createEvent(t.database.db, world, {
    input: {
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    },
    ticketTypes: [{ name: 'GA', priceCents: 2000, capacity, maxPerOrder: 10 }],
    publish: true,
  });
  for (const offset of [1440, 120]) {
    if (!offsets.includes(offset))
      expect((await owner.delete(`/api/events/${event.id}/reminders/${offset}`)).status).toBe(204);
  }
  for (const offset of offsets) {
    if (offset !== 1440 && offset !== 120)
      expect((await owner.post(`/api/events/${event.id}/reminders`, { offsetMinutes: offset })).status).toBe(
        201,
      );
  }
  return { event, type: ticketTypes[0] as TicketType, startsAt };
}

/** Buys `quantity` tickets at the clock's current time (that is the order's paid_at). */
async function buyAt(at: Date, event: { id: string }, type: TicketType, quantity = 1) {
  clock.set(at);
  const who = buyer();
  const order = await buyOk(world.anonymous, orderBody(event, [[type, quantity]], { buyer: who }));
  return { ...order, email: who.email } as OrderView & { email: string };
}

async function reminderRows(eventId: string) {
  const { rows } = await t.database.pool.query<{
    id: string;
    order_id: string;
    status: string;
    dedupe_key: string;
    last_error: string | null;
    params: { offsetMinutes: number };
  }>(
    `SELECT id, order_id, status, dedupe_key, last_error, params FROM emails
     WHERE event_id = $1 AND kind = 'reminder' ORDER BY dedupe_key`,
    [eventId],
  );
  return rows;
}

describe('due reminders', () => {
  it('go out once per order and offset, however often the scan runs', async () => {
    const { event, type, startsAt } = await reminderEvent([1440, 120]);
    const ada = await buyAt(new Date(startsAt.getTime() - minutes(3 * 1440)), event, type, 2);
    const bob = await buyAt(new Date(startsAt.getTime() - minutes(3 * 1440)), event, type, 1);
    const emails = [ada.email, bob.email];

    clock.set(new Date(startsAt.getTime() - minutes(1441)));
    expect(await scan()).toBe(0);
    clock.set(new Date(startsAt.getTime() - minutes(1439)));
    const counts = [];
    for (let i = 0; i < 5; i++) counts.push(await scan());
    expect(counts).toEqual([2, 0, 0, 0, 0]);
    await drain();
    for (let i = 0; i < 5; i++) await scan();
    await drain();
    const tomorrow = sink.filter(remindersTo(emails));
    expect(tomorrow).toHaveLength(2);
    expect(tomorrow.every((m) => m.subject === `Tomorrow: ${event.title}`)).toBe(true);
    const adas = tomorrow.find((m) => m.envelope.to[0] === ada.email)!;
    for (const ticket of ada.tickets ?? []) expect(adas.text).toContain(ticket.code);
    expect(adas.partTypes).toEqual(['text/plain', 'text/html']);
    expect(adas.html).toContain(event.title);

    clock.set(new Date(startsAt.getTime() - minutes(119)));
    for (let i = 0; i < 5; i++) await scan();
    await drain();
    const all = sink.filter(remindersTo(emails));
    expect(all).toHaveLength(4);
    expect(all.filter((m) => m.subject === `In 2 hours: ${event.title}`)).toHaveLength(2);
    const rows = await reminderRows(event.id);
    expect(rows.map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(rows.map((row) => row.dedupe_key).sort()).toEqual(
      [ada.id, bob.id].flatMap((id) => [`reminder:${id}:120`, `reminder:${id}:1440`]).sort(),
    );
    expect(new Set(all.map((m) => m.emailId)).size).toBe(4);
  });

  it('a worker that was down catches up while the event has not started, and sends nothing after', async () => {
    // Down through both reminder times, back 30 minutes before the start: the nearer reminder goes
    // out, saying the real time left; the day-before one is superseded rather than sent alongside.
    const late = await reminderEvent([1440, 120]);
    const carol = await buyAt(new Date(late.startsAt.getTime() - minutes(3 * 1440)), late.event, late.type);
    clock.set(new Date(late.startsAt.getTime() - minutes(30)));
    expect(await scan()).toBe(2);
    await drain();
    expect(sink.filter(remindersTo([carol.email])).map((m) => m.subject)).toEqual([
      `In 30 minutes: ${late.event.title}`,
    ]);
    expect(
      (await reminderRows(late.event.id)).map((row) => [row.dedupe_key, row.status, row.last_error]).sort(),
    ).toEqual(
      [
        [`reminder:${carol.id}:120`, 'sent', null],
        [`reminder:${carol.id}:1440`, 'skipped', 'skipped: superseded by the 120-minute reminder'],
      ].sort(),
    );

    // Back only after the start: nothing is recorded.
    const missed = await reminderEvent([1440, 120]);
    const dave = await buyAt(
      new Date(missed.startsAt.getTime() - minutes(3 * 1440)),
      missed.event,
      missed.type,
    );
    clock.set(new Date(missed.startsAt.getTime() + minutes(1)));
    expect(await scan()).toBe(0);

    // Recorded in time, but the sender was down until after the start: the message is dropped.
    const stuck = await reminderEvent([120]);
    const erin = await buyAt(new Date(stuck.startsAt.getTime() - minutes(3 * 1440)), stuck.event, stuck.type);
    clock.set(new Date(stuck.startsAt.getTime() - minutes(119)));
    expect(await scan()).toBe(1);
    clock.set(new Date(stuck.startsAt.getTime() + minutes(5)));
    await drain();
    expect(sink.filter(remindersTo([dave.email, erin.email]))).toEqual([]);
    expect(await reminderRows(stuck.event.id)).toMatchObject([
      { status: 'skipped', last_error: 'skipped: the event has already started' },
    ]);
  });

  it('an order paid after a reminder time does not get that (stale) reminder', async () => {
    const { event, type, startsAt } = await reminderEvent([1440, 120]);
    const early = await buyAt(new Date(startsAt.getTime() - minutes(3 * 1440)), event, type);
    const between = await buyAt(new Date(startsAt.getTime() - minutes(1000)), event, type);
    const last = await buyAt(new Date(startsAt.getTime() - minutes(100)), event, type);
    clock.set(new Date(startsAt.getTime() - minutes(90)));
    expect(await scan()).toBe(3);
    await drain();
    const rows = await reminderRows(event.id);
    expect(rows.map((row) => row.dedupe_key).sort()).toEqual(
      [`reminder:${early.id}:120`, `reminder:${early.id}:1440`, `reminder:${between.id}:120`].sort(),
    );
    expect(sink.filter(remindersTo([last.email]))).toEqual([]);
    // Sent 30 minutes after its time: it says what is really left.
    expect(sink.filter(remindersTo([between.email])).map((m) => m.subject)).toEqual([
      `In 90 minutes: ${event.title}`,
    ]);
  });
});

describe('moving the event moves its reminders', () => {
  it('an event moved an hour later gets its reminder an hour later, not at the old time', async () => {
    const { event, type, startsAt } = await reminderEvent([120]);
    const frank = await buyAt(new Date(startsAt.getTime() - minutes(3 * 1440)), event, type);
    const newStart = new Date(startsAt.getTime() + minutes(60));
    const newEnd = new Date(newStart.getTime() + 3 * 3_600_000);
    const moved = await owner.patch(`/api/events/${event.id}`, {
      startsAt: newStart.toISOString(),
      endsAt: newEnd.toISOString(),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    clock.set(new Date(startsAt.getTime() - minutes(119))); // the old reminder time
    expect(await scan()).toBe(0);
    clock.set(new Date(newStart.getTime() - minutes(121)));
    expect(await scan()).toBe(0);
    clock.set(new Date(newStart.getTime() - minutes(119)));
    expect(await scan()).toBe(1);
    await drain();
    const [reminder, ...more] = sink.filter(remindersTo([frank.email]));
    expect(more).toEqual([]);
    expect(reminder!.subject).toBe(`In 2 hours: ${event.title}`);
    expect(reminder!.text).toContain(
      formatEventSchedule({ startsAt: newStart, endsAt: newEnd, timezone: event.timezone }),
    );
  });

  it('a reminder recorded before the event moved later waits for the new time', async () => {
    const { event, type, startsAt } = await reminderEvent([120]);
    const gina = await buyAt(new Date(startsAt.getTime() - minutes(3 * 1440)), event, type);
    clock.set(new Date(startsAt.getTime() - minutes(119)));
    expect(await scan()).toBe(1); // recorded, not sent yet (the queue is backed up)
    const newStart = new Date(startsAt.getTime() + minutes(60));
    await owner.patch(`/api/events/${event.id}`, {
      startsAt: newStart.toISOString(),
      endsAt: new Date(newStart.getTime() + 3_600_000).toISOString(),
    });
    clock.advance(minutes(1));
    await drain();
    expect(sink.filter(remindersTo([gina.email]))).toEqual([]);
    expect(await reminderRows(event.id)).toEqual([]);

    clock.set(new Date(newStart.getTime() - minutes(119)));
    expect(await scan()).toBe(1);
    await drain();
    expect(sink.filter(remindersTo([gina.email]))).toHaveLength(1);
    expect(await reminderRows(event.id)).toMatchObject([{ status: 'sent' }]);
  });
});

describe('transferred tickets', () => {
  it('remind their holder about that ticket only, with links its ticket token opens; the buyer keeps the rest', async () => {
    const { event, type, startsAt } = await reminderEvent([120]);
    const bought = new Date(startsAt.getTime() - minutes(3 * 1440));
    const order = await buyAt(bought, event, type, 2);
    const allGiven = await buyAt(bought, event, type, 1);
    const [kept, given] = order.tickets ?? [];
    const moved = await owner.post(`/api/tickets/${given!.id}/transfer`, {
      name: 'Grace Hopper',
      email: 'grace-reminder@example.test',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // Passed on twice: only the last holder is reminded.
    const first = await owner.post(`/api/tickets/${allGiven.tickets![0]!.id}/transfer`, {
      name: 'Mary Somerville',
      email: 'mary-reminder@example.test',
    });
    expect(first.status).toBe(200);
    const second = await owner.post(`/api/tickets/${allGiven.tickets![0]!.id}/transfer`, {
      name: 'Emmy Noether',
      email: 'emmy-reminder@example.test',
    });
    expect(second.status).toBe(200);

    clock.set(new Date(startsAt.getTime() - minutes(119)));
    // The buyer (one ticket left), Grace and Emmy; not the buyer whose only ticket went, nor Mary.
    expect(await scan()).toBe(3);
    expect(await scan()).toBe(0);
    await drain();
    const recipients = [
      order.email,
      allGiven.email,
      'grace-reminder@example.test',
      'mary-reminder@example.test',
      'emmy-reminder@example.test',
    ];
    const got = sink.filter(remindersTo(recipients));
    expect(got.map((m) => m.envelope.to[0]).sort()).toEqual(
      [order.email, 'grace-reminder@example.test', 'emmy-reminder@example.test'].sort(),
    );
    const buyerMail = got.find((m) => m.envelope.to[0] === order.email)!;
    expect(buyerMail.text).toContain(kept!.code);
    const graceMail = got.find((m) => m.envelope.to[0] === 'grace-reminder@example.test')!;
    const graceCode = (moved.body as { ticket: { code: string } }).ticket.code;
    expect(graceMail.text).toContain('Hi Grace Hopper');
    expect(graceMail.text).toContain(graceCode);
    expect(graceMail.text).not.toContain(kept!.code);
    expect(graceMail.text).toContain(`${PUBLIC_URL}/tickets/${given!.id}?token=`);
    expect(graceMail.text).not.toContain(`/orders/${order.id}?token=`);
    // The holder's link opens their ticket.
    const link = /\/api\/tickets\/[0-9a-f-]+\.pdf\?token=([A-Za-z0-9_-]+)/.exec(graceMail.text ?? '')?.[1];
    const pdf = await world.anonymous.get(`/api/tickets/${given!.id}.pdf?token=${link ?? ''}`);
    expect(pdf.status).toBe(200);
  });
});

describe('no reminder for what is no longer valid', () => {
  it('skips refunded orders and void tickets, and leaves refunded tickets out of the message', async () => {
    const { event, type, startsAt } = await reminderEvent([120]);
    const bought = new Date(startsAt.getTime() - minutes(3 * 1440));
    const refunded = await buyAt(bought, event, type, 2);
    const partly = await buyAt(bought, event, type, 2);
    const voided = await buyAt(bought, event, type, 1);
    const kept = await buyAt(bought, event, type, 1);
    const lateRefund = await buyAt(bought, event, type, 1);
    expect((await owner.post(`/api/orders/${refunded.id}/refund`, {})).status).toBe(200);
    const [gone, stays] = partly.tickets ?? [];
    const partial = await owner.post(`/api/orders/${partly.id}/refund`, { ticketIds: [gone!.id] });
    expect(partial.status, JSON.stringify(partial.body)).toBe(200);
    expect(partial.body.status).toBe('partially_refunded');
    await t.database.pool.query(`UPDATE tickets SET status = 'void' WHERE order_id = $1`, [voided.id]);

    clock.set(new Date(startsAt.getTime() - minutes(119)));
    expect(await scan()).toBe(3); // partly, kept, lateRefund
    // Refunded after its reminder was recorded, before it went out.
    expect((await owner.post(`/api/orders/${lateRefund.id}/refund`, {})).status).toBe(200);
    await drain();

    const got = sink.filter(
      remindersTo([refunded.email, partly.email, voided.email, kept.email, lateRefund.email]),
    );
    expect(got.map((m) => m.envelope.to[0]).sort()).toEqual([partly.email, kept.email].sort());
    const partlyMail = got.find((m) => m.envelope.to[0] === partly.email)!;
    expect(partlyMail.text).toContain(stays!.code);
    expect(partlyMail.text).not.toContain(gone!.code);
    const late = (await reminderRows(event.id)).find((row) => row.order_id === lateRefund.id);
    expect(late).toMatchObject({ status: 'skipped', last_error: 'skipped: nothing to remind' });
  });

  it('sends nothing for a cancelled event, even a reminder recorded before the cancellation', async () => {
    const cancelled = await reminderEvent([120]);
    const henry = await buyAt(
      new Date(cancelled.startsAt.getTime() - minutes(3 * 1440)),
      cancelled.event,
      cancelled.type,
    );
    const raced = await reminderEvent([120]);
    const iris = await buyAt(new Date(raced.startsAt.getTime() - minutes(3 * 1440)), raced.event, raced.type);
    expect((await owner.post(`/api/events/${cancelled.event.id}/cancel`)).status).toBe(200);
    // The orders of a cancelled event are refunded by the cancellation; a reminder must not depend on
    // that, so one order is put back to paid with valid tickets to prove the event status alone stops it.
    await t.database.pool.query(
      `UPDATE orders SET status = 'paid', refunded_cents = 0, closed_at = NULL WHERE id = $1`,
      [henry.id],
    );
    await t.database.pool.query(`UPDATE tickets SET status = 'valid' WHERE order_id = $1`, [henry.id]);
    clock.set(new Date(cancelled.startsAt.getTime() - minutes(119)));
    expect(await scan()).toBe(0);

    clock.set(new Date(raced.startsAt.getTime() - minutes(119)));
    expect(await scan()).toBe(1);
    expect((await owner.post(`/api/events/${raced.event.id}/cancel`)).status).toBe(200);
    await drain();
    expect(sink.filter(remindersTo([henry.email, iris.email]))).toEqual([]);
    expect(await reminderRows(raced.event.id)).toMatchObject([
      { status: 'skipped', last_error: 'skipped: nothing to remind' },
    ]);
  });
});

describe('concurrency and crashes (real workers)', () => {
  /** `count` paid one-ticket orders of a fresh event whose only reminder (120) is due at the clock. */
  async function dueBatch(count: number, prefix: string) {
    const { event, type, startsAt } = await reminderEvent([120], count);
    await seedPaidOrders(t.database.pool, {
      eventId: event.id,
      ticketTypeId: type.id,
      count,
      paidAt: new Date(startsAt.getTime() - minutes(3 * 1440)),
      prefix,
    });
    clock.set(new Date(startsAt.getTime() - minutes(119)));
    return {
      event,
      ofBatch: (m: SinkMessage) => m.kind === 'reminder' && (m.envelope.to[0] ?? '').startsWith(`${prefix}-`),
    };
  }

  function counting(sent: { n: number }) {
    return (inner: Mailer): Mailer => ({
      isDelivering: inner.isDelivering,
      async send(message) {
        await inner.send(message);
        sent.n++;
      },
      close: () => inner.close(),
    });
  }

  it('three scans and two workers at once send each of 450 reminders (more than one fetch each) exactly once', async () => {
    const prefix = `pair-${Date.now()}`;
    const { event, ofBatch } = await dueBatch(450, prefix);
    const schema = newQueueSchema();
    const sentBy = [{ n: 0 }, { n: 0 }];
    const workers = [
      await startWorker({
        url,
        schema,
        database: t.database,
        clock,
        logger,
        smtpUrl: sink.url,
        appSecret: TEST_SECRET,
        wrapMailer: counting(sentBy[0]!),
      }),
      await startWorker({
        url,
        schema,
        database: t.database,
        clock,
        logger,
        smtpUrl: sink.url,
        appSecret: TEST_SECRET,
        wrapMailer: counting(sentBy[1]!),
      }),
    ];
    try {
      const started = performance.now();
      const queued = await Promise.all([
        queueDueReminders({ db: t.database.db, enqueuer: workers[0]!.queue, clock }),
        queueDueReminders({ db: t.database.db, enqueuer: workers[1]!.queue, clock }),
        queueDueReminders({ db: t.database.db, enqueuer: workers[0]!.queue, clock }),
      ]);
      expect(queued.reduce((a, b) => a + b, 0)).toBe(450);
      await sink.waitFor(ofBatch, { count: 450, timeoutMs: 40_000 });
      const seconds = (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 600)); // room for any duplicate to arrive
      const got = sink.filter(ofBatch);
      expect(got).toHaveLength(450);
      expect(new Set(got.map((m) => m.emailId)).size).toBe(450);
      expect(new Set(got.map((m) => m.envelope.to[0])).size).toBe(450);
      expect(sentBy[0]!.n + sentBy[1]!.n).toBe(450);
      expect(sentBy[0]!.n, 'both workers took a share').toBeGreaterThan(0);
      expect(sentBy[1]!.n, 'both workers took a share').toBeGreaterThan(0);
      expect((await reminderRows(event.id)).every((row) => row.status === 'sent')).toBe(true);
      // Not a benchmark (see bench/reminders.bench.ts), only a floor that catches a stalled worker.
      expect(450 / seconds).toBeGreaterThan(10);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
  });

  it('scans racing over more than one batch (2,500 due) record each reminder once, without deadlocks', async () => {
    const prefix = `race-${Date.now()}`;
    const { event } = await dueBatch(2500, prefix);
    const results = await Promise.all([scan(), scan(), scan()]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(2500);
    const rows = await reminderRows(event.id);
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((row) => row.order_id)).size).toBe(2500);
    // Left pending on purpose: nothing sends from the parked queue unless a test drains it, and
    // later scans do not record these again.
    expect(await scan()).toBe(0);
    const ids = rows.map((row) => row.id);
    const { rows: jobRows } = await t.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${parked.schema}.job WHERE name = $1 AND data->>'emailId' = ANY($2::text[])`,
      [SEND_EMAIL.name, ids],
    );
    expect(jobRows[0]?.n).toBe(2500);
    // Clean up what this test left in the parked queue, so that later drains do not send it.
    await t.database.pool.query(
      `DELETE FROM ${parked.schema}.job WHERE name = $1 AND data->>'emailId' = ANY($2::text[])`,
      [SEND_EMAIL.name, ids],
    );
  });

  it('a worker killed in the middle of a batch: a new one sends the rest and repeats none', async () => {
    const total = 120;
    const prefix = `crash-${Date.now()}`;
    const { event, ofBatch } = await dueBatch(total, prefix);
    const schema = newQueueSchema();
    const retry = { retryDelaySeconds: 1 };
    let killed = false;
    let delivered = 0;
    const never = new Promise<void>(() => undefined);
    // The first worker dies right after the SMTP server accepted its 20th message, before it could
    // record that: from then on, every send of that process hangs forever (a dead process does nothing).
    const dying = (inner: Mailer): Mailer => ({
      isDelivering: true,
      async send(message) {
        if (killed) return never;
        await inner.send(message);
        if (killed) return never;
        if (++delivered === 20) {
          killed = true;
          void doomed.queue.boss.stop({ graceful: false, close: true });
          return never;
        }
      },
      close: () => inner.close(),
    });
    const doomed: Worker = await startWorker({
      url,
      schema,
      database: t.database,
      clock,
      logger,
      smtpUrl: sink.url,
      appSecret: TEST_SECRET,
      retry,
      wrapMailer: dying,
    });
    expect(await queueDueReminders({ db: t.database.db, enqueuer: doomed.queue, clock })).toBe(total);
    await eventually(async () => killed, { what: 'the first worker to die' });
    const beforeRestart = sink.filter(ofBatch).length;
    expect(beforeRestart).toBeGreaterThanOrEqual(20);
    expect(beforeRestart).toBeLessThan(total);

    const successor = await startWorker({
      url,
      schema,
      database: t.database,
      clock,
      logger,
      smtpUrl: sink.url,
      appSecret: TEST_SECRET,
      retry,
    });
    try {
      // Done when no reminder is waiting any more and every job of the queue is finished.
      await eventually(
        async () => {
          const rows = await reminderRows(event.id);
          const open = await successor.queue.boss.getQueueSize(SEND_EMAIL.name);
          return rows.every((row) => row.status !== 'pending') && open === 0;
        },
        { timeoutMs: 30_000, what: 'the successor to finish' },
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      const got = sink.filter(ofBatch);
      const ids = got.map((m) => m.emailId);
      expect(new Set(ids).size, 'no reminder was sent twice').toBe(ids.length);
      const rows = await reminderRows(event.id);
      const sent = rows.filter((row) => row.status === 'sent');
      const stranded = rows.filter((row) => row.status === 'sending');
      // Every reminder is either delivered, or was being sent by the dead worker (at most once: such a
      // claim is never taken again, as the message may have left). That is at most one per lane.
      expect(sent.length + stranded.length).toBe(total);
      expect(stranded.length).toBeLessThanOrEqual(SEND_EMAIL.work?.concurrency ?? 1);
      for (const row of sent) expect(ids).toContain(row.id);
      expect(got.length).toBeGreaterThanOrEqual(total - stranded.length);
      expect(got.length - beforeRestart, 'the successor sent the rest').toBeGreaterThanOrEqual(
        total - beforeRestart - stranded.length,
      );
    } finally {
      await successor.stop();
      doomed.mailer.close();
    }
  });
});
