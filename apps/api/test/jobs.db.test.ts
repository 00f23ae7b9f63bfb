import pino from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z, ZodError } from 'zod';
import { createJobQueue } from '../src/jobs/job-queue';
import { deadLetterQueueOf, defineJob } from '../src/jobs/job-registry';
import { createWorkerJobs, JOB_DEFINITIONS } from '../src/jobs/worker-jobs';
import { createMailer, type Mailer } from '../src/modules/notifications/mailer';
import { SEND_EMAIL, SEND_REMINDERS } from '../src/modules/notifications/notifications.jobs';
import { ManualClock, systemClock } from '../src/shared/clock';
import { buyer, buyOk, openSale, orderBody } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, testDatabase, type TestApp } from './harness';
import {
  eventually,
  MAIL_FROM,
  newQueueSchema,
  PUBLIC_URL,
  startWorker,
  type Worker,
} from './support/notifications';
import { type SinkMessage, type SmtpSink, startSmtpSink } from './support/smtp-sink';

/**
 * The job machinery under faults: a refusing or silent SMTP server makes the send job retry with
 * backoff and end in the dead-letter queue, visible in /metrics, while every other email still goes
 * out; a confirmation whose sender died is retried, never lost; and workers refuse to start when a
 * queue has no handler. Retries are shortened (2 retries, 1 s backoff base) to keep this quick.
 */

const logger = pino({ level: 'silent' });
const url = inject('databaseUrl');
const RETRY = { retryLimit: 2, retryDelaySeconds: 1 };

describe('startup', () => {
  it('fails when a queue of JOB_DEFINITIONS has no handler', async () => {
    const queue = await createJobQueue({
      url,
      logger,
      jobs: JOB_DEFINITIONS,
      isWorker: false,
      schema: newQueueSchema(),
    });
    const mailer = createMailer({ smtpUrl: undefined, from: MAIL_FROM });
    try {
      const all = createWorkerJobs({
        database: testDatabase(),
        clock: systemClock,
        logger,
        mailer,
        enqueuer: queue,
        config: { publicUrl: PUBLIC_URL, appSecret: TEST_SECRET, payments: { provider: 'test' } },
      });
      // Every queue has its handler and its dead-letter queue.
      expect(all.map((job) => job.name).sort()).toEqual(JOB_DEFINITIONS.map((spec) => spec.name).sort());
      for (const spec of JOB_DEFINITIONS)
        expect(await queue.boss.getQueue(deadLetterQueueOf(spec.name))).toBeTruthy();

      await expect(queue.startWorkers(all.filter((job) => job.name !== SEND_EMAIL.name))).rejects.toThrow(
        `job ${SEND_EMAIL.name} has no handler`,
      );
      await expect(queue.startWorkers(all.filter((job) => job.name !== SEND_REMINDERS.name))).rejects.toThrow(
        `job ${SEND_REMINDERS.name} has no handler`,
      );
      await expect(queue.startWorkers([])).rejects.toThrow(/has no handler/);
      // Enqueueing a job nobody registered is refused too.
      const unregistered = defineJob({
        name: 'nobody.handles-this',
        payload: z.object({}),
        queue: { retryLimit: 0, retryDelaySeconds: 1 },
      });
      await expect(queue.enqueue(testDatabase().db, unregistered, {})).rejects.toThrow(/unknown job/);
      // A payload that does not fit its definition is refused before anything is stored.
      await expect(
        // @ts-expect-error emailId is a UUID string
        queue.enqueue(testDatabase().db, SEND_EMAIL, { emailId: 42 }),
      ).rejects.toThrow(ZodError);
      await expect(queue.enqueueMany(testDatabase().db, SEND_EMAIL, [{ emailId: 'nope' }])).rejects.toThrow(
        ZodError,
      );
      expect(await queue.boss.getQueueSize(SEND_EMAIL.name)).toBe(0);
    } finally {
      await queue.stop();
      mailer.close();
    }
  });
});

describe('SMTP faults', () => {
  let sink: SmtpSink;
  let schema: string;
  let parked: Worker;
  let worker: Worker | undefined;
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    sink = await startSmtpSink();
    schema = newQueueSchema();
    // The app enqueues here; the worker starts once everything is queued, so it takes one batch.
    parked = await startWorker({
      url,
      schema,
      database: testDatabase(),
      clock: systemClock,
      logger,
      smtpUrl: undefined,
      appSecret: TEST_SECRET,
      retry: RETRY,
      workers: false,
    });
    t = buildTestApp({ jobs: parked.queue });
    world = await createWorld(t.app, t.database.db);
  });
  afterAll(async () => {
    await worker?.stop();
    await parked?.stop();
    await sink?.close();
  });

  const rowOf = async (orderId: string) =>
    (
      await t.database.pool.query<{
        id: string;
        status: string;
        attempts: number;
        last_error: string | null;
      }>(
        `SELECT id, status, attempts, last_error FROM emails WHERE order_id = $1 AND kind = 'order_confirmation'`,
        [orderId],
      )
    ).rows[0];
  const jobOf = async (emailId: string) =>
    (
      await t.database.pool.query<{ state: string; retry_count: number }>(
        `SELECT state, retry_count FROM ${schema}.job WHERE name = $1 AND data->>'emailId' = $2`,
        [SEND_EMAIL.name, emailId],
      )
    ).rows[0];

  it('a refusing (451) or silent server: retries with backoff, then dead letters; other emails still go out', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1500, capacity: 50 }]);
    const refused = buyer(`refused-${Date.now()}`);
    const silent = buyer(`silent-${Date.now()}`);
    const fine = [buyer(), buyer(), buyer()];
    sink.refuse(451, (m) => m.envelope.to.includes(refused.email));
    sink.hang((m) => m.envelope.to.includes(silent.email));
    const orders = new Map<string, string>();
    for (const who of [refused, fine[0]!, silent, fine[1]!, fine[2]!])
      orders.set(
        who.email,
        (await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: who }))).id,
      );

    worker = await startWorker({
      url,
      schema,
      database: t.database,
      clock: systemClock,
      logger,
      smtpUrl: sink.url,
      appSecret: TEST_SECRET,
      timeoutMs: 1500,
      retry: RETRY,
    });
    const started = Date.now();

    // The good ones go out at once, on their first attempt, though they were fetched with the bad ones.
    for (const who of fine) {
      const [mail] = await sink.waitFor((m) => m.envelope.to.includes(who.email), { timeoutMs: 10_000 });
      expect(mail!.receivedAt - started).toBeLessThan(5_000);
      const row = await eventually(async () => {
        const r = await rowOf(orders.get(who.email)!);
        return r?.status === 'sent' ? r : undefined;
      });
      expect(row.attempts).toBe(1);
      expect(
        await eventually(async () => {
          const job = await jobOf(row.id);
          return job?.state === 'completed' ? job : undefined;
        }),
      ).toMatchObject({ retry_count: 0 });
    }

    // The bad ones: 1 attempt + 2 retries each, then `dead` with the server's answer, and a dead letter.
    const refusedRow = await eventually(
      async () => {
        const r = await rowOf(orders.get(refused.email)!);
        return r?.status === 'dead' ? r : undefined;
      },
      { timeoutMs: 25_000, what: 'the refused email to be dead' },
    );
    expect(refusedRow).toMatchObject({ attempts: 3 });
    expect(refusedRow.last_error).toMatch(/451/);
    const silentRow = await eventually(
      async () => {
        const r = await rowOf(orders.get(silent.email)!);
        return r?.status === 'dead' ? r : undefined;
      },
      { timeoutMs: 25_000, what: 'the unanswered email to be dead' },
    );
    expect(silentRow).toMatchObject({ attempts: 3 });
    expect(silentRow.last_error).toMatch(/timeout/i);

    // Backoff: pg-boss waits 1-2 s before the first retry and 2-4 s before the second.
    const tries = sink.attempts.filter((a) => a.emailId === refusedRow.id);
    expect(tries.map((a) => a.outcome)).toEqual(['refused', 'refused', 'refused']);
    const gaps = [tries[1]!.at - tries[0]!.at, tries[2]!.at - tries[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_900);
    expect(sink.attempts.filter((a) => a.emailId === silentRow.id).map((a) => a.outcome)).toEqual([
      'hung',
      'hung',
      'hung',
    ]);
    expect(
      sink.filter((m: SinkMessage) => m.emailId === refusedRow.id || m.emailId === silentRow.id),
    ).toEqual([]);

    // Both jobs sit in the dead-letter queue, where operators see them. The row turns `dead` inside
    // the last attempt; pg-boss moves the job to the dead-letter queue a moment after it fails.
    const expected = [refusedRow.id, silentRow.id].sort();
    const dead = await eventually(
      async () => {
        const { rows } = await t.database.pool.query<{ email_id: string }>(
          `SELECT data->>'emailId' AS email_id FROM ${schema}.job WHERE name = $1`,
          [deadLetterQueueOf(SEND_EMAIL.name)],
        );
        const ids = rows.map((row) => row.email_id).sort();
        return ids.length >= expected.length ? ids : undefined;
      },
      { timeoutMs: 10_000, what: 'both jobs in the dead-letter queue' },
    );
    expect(dead).toEqual(expected);
    expect(
      await eventually(async () => {
        const job = await jobOf(refusedRow.id);
        return job?.state === 'failed' ? job : undefined;
      }),
    ).toMatchObject({ state: 'failed', retry_count: 2 });
    const metrics = await request(t.app).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toContain(`zevents_job_dead_letters{queue="${SEND_EMAIL.name}"} 2`);
    expect(metrics.text).toContain(`zevents_job_queue_depth{queue="${SEND_EMAIL.name}"} 0`);
    const deadEmails = /zevents_emails\{status="dead"\} (\d+)/.exec(metrics.text);
    expect(Number(deadEmails?.[1])).toBeGreaterThanOrEqual(2);

    // The server recovers: the worker is still there and the next email goes out.
    sink.acceptAll();
    const next = buyer();
    await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: next }));
    await sink.waitFor((m) => m.envelope.to.includes(next.email), { timeoutMs: 10_000 });
  });
});

describe('a sender that died mid-send', () => {
  let sink: SmtpSink;
  let parked: Worker;
  let t: TestApp;
  let world: World;
  const clock = new ManualClock();

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
    t = buildTestApp({ jobs: parked.queue });
    world = await createWorld(t.app, t.database.db);
  });
  afterAll(async () => {
    await parked?.stop();
    await sink?.close();
  });

  /** The send-email job on its own, as a worker with this configuration runs it (no queue polling). */
  const sendEmailJob = (mailer: Mailer, config: { isProduction?: boolean } = {}) =>
    createWorkerJobs({
      database: t.database,
      clock,
      logger,
      mailer,
      enqueuer: parked.queue,
      config: { publicUrl: PUBLIC_URL, appSecret: TEST_SECRET, payments: { provider: 'test' }, ...config },
    }).find((job) => job.name === SEND_EMAIL.name)!;

  /** A paid order of a new sale, and its confirmation email waiting in the outbox. */
  async function newConfirmation() {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 1500, capacity: 5 }]);
    const order = await buyOk(
      world.anonymous,
      orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: buyer() }),
    );
    const { rows } = await t.database.pool.query<{ id: string }>(
      `SELECT id FROM emails WHERE order_id = $1 AND kind = 'order_confirmation'`,
      [order.id],
    );
    return { sale, emailId: rows[0]!.id };
  }

  it('leaves a confirmation to be retried until its claim is stale, so it is never lost', async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: MAIL_FROM, timeoutMs: 2000 });
    try {
      const send = sendEmailJob(mailer);
      const { emailId } = await newConfirmation();
      // A worker claimed it and stopped (its jobs were failed and come back within seconds).
      await t.database.pool.query(
        `UPDATE emails SET status = 'sending', attempts = 1, claimed_at = $2 WHERE id = $1`,
        [emailId, clock.now()],
      );
      await expect(send.handle({ emailId }, { retryCount: 1, isLastAttempt: false })).rejects.toThrow(
        /another attempt/,
      );
      expect(sink.filter((m) => m.emailId === emailId)).toEqual([]);
      clock.advance(3 * 60_000); // the claim is stale now: its worker is surely gone
      await send.handle({ emailId }, { retryCount: 2, isLastAttempt: false });
      expect(sink.filter((m) => m.emailId === emailId)).toHaveLength(1);
      const after = await t.database.pool.query<{ status: string; attempts: number }>(
        'SELECT status, attempts FROM emails WHERE id = $1',
        [emailId],
      );
      expect(after.rows[0]).toEqual({ status: 'sent', attempts: 2 });
      // And once sent, a late retry of the same job sends nothing more.
      await send.handle({ emailId }, { retryCount: 3, isLastAttempt: false });
      expect(sink.filter((m) => m.emailId === emailId)).toHaveLength(1);
    } finally {
      mailer.close();
    }
  });

  it('in production the outbox keeps what was sent to whom, but not the bodies (they weigh ~35 kB each)', async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: MAIL_FROM, timeoutMs: 2000 });
    try {
      const send = sendEmailJob(mailer, { isProduction: true });
      const { emailId, sale } = await newConfirmation();
      await send.handle({ emailId }, { retryCount: 0, isLastAttempt: false });
      const [delivered] = sink.filter((m) => m.emailId === emailId);
      expect(delivered?.html).toContain('<html');
      const after = await t.database.pool.query(
        'SELECT status, subject, html, text, attachment_names FROM emails WHERE id = $1',
        [emailId],
      );
      expect(after.rows[0]).toMatchObject({
        status: 'sent',
        subject: `Your tickets for ${sale.event.title}`,
        html: null,
        text: null,
      });
      // The ticket, the calendar entry and the invoice (issue 14).
      expect(after.rows[0].attachment_names).toHaveLength(3);
      expect(after.rows[0].attachment_names).toContainEqual(expect.stringMatching(/^invoice-/));
    } finally {
      mailer.close();
    }
  });
});
