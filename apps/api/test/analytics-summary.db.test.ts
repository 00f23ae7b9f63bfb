import { DateTime } from 'luxon';
import pino from 'pino';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../src/jobs/job-queue';
import { createWorkerJobs } from '../src/jobs/worker-jobs';
import { createSummaryService } from '../src/modules/analytics';
import { createMailer, type Mailer } from '../src/modules/notifications/mailer';
import { createNotifier } from '../src/modules/notifications/notifier';
import { ManualClock } from '../src/shared/clock';
import { openSale } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, testJobQueue, type TestApp } from './harness';
import { buyTickets, expectProblem } from './insight-helpers';
import { eventually, MAIL_FROM, PUBLIC_URL } from './support/notifications';
import { type SinkMessage, type SmtpSink, startSmtpSink } from './support/smtp-sink';

/**
 * The analytics summary email: each member's choice, the hourly scan that records the summaries due
 * exactly once, and the message itself (key figures, a chart rendered on the server as an inline
 * PNG, each event's line), delivered to a real SMTP server on loopback.
 */

const logger = pino({ level: 'silent' });
const clock = new ManualClock();
let t: TestApp;
let world: World;
let sink: SmtpSink;
let jobs: JobQueue;
let mailer: Mailer;
let summaries: ReturnType<typeof createSummaryService>;
let eventTitle: string;

/** Monday 08:00 UTC after the sales: last week's summary (holding them) is due everywhere in Europe. */
const nextMondayMorning = () =>
  DateTime.fromJSDate(clock.now(), { zone: 'UTC' }).startOf('week').plus({ weeks: 1, hours: 8 }).toJSDate();

beforeAll(async () => {
  sink = await startSmtpSink();
  t = buildTestApp({ clock });
  world = await createWorld(t.app, t.database.db);
  jobs = await testJobQueue();
  mailer = createMailer({ smtpUrl: sink.url, from: MAIL_FROM, timeoutMs: 2000 });
  await jobs.startWorkers(
    createWorkerJobs({
      database: t.database,
      clock,
      logger,
      mailer,
      enqueuer: jobs,
      config: { publicUrl: PUBLIC_URL, appSecret: TEST_SECRET, payments: { provider: 'test' } },
    }),
  );
  summaries = createSummaryService({
    db: t.database.db,
    clock,
    publicUrl: PUBLIC_URL,
    notifier: createNotifier({ enqueuer: jobs }),
  });
  const { event, types } = await openSale(t, world, [
    { name: 'GA', priceCents: 2500, capacity: 100 },
    { name: 'VIP', priceCents: 9000, capacity: 10 },
  ]);
  eventTitle = event.title;
  const [ga, vip] = types;
  if (!ga || !vip) throw new Error('no ticket types');
  await buyTickets(world.anonymous, event.id, [[ga.id, 2]]);
  await buyTickets(world.anonymous, event.id, [[vip.id, 1]]);
  // Two visitors of the event page (the app records beacons within a second).
  for (const n of [1, 2])
    await request(t.app)
      .post(`/api/public/events/${event.id}/views`)
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .set('User-Agent', `Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36 visitor/${n}`)
      .send(JSON.stringify({ step: 'view', path: `/events/${event.slug}` }))
      .expect(204);
  await eventually(
    async () => {
      const res = await world.owner.get(`/api/organizations/${world.org.id}/analytics`);
      return res.body.events?.[0]?.visitors === 2;
    },
    // Recorded within a second; a flush the busy database refused is tried again the next second.
    { what: 'the beacons recorded', timeoutMs: 30_000 },
  );
});

afterAll(async () => {
  mailer?.close();
  await sink?.close();
});

const summaryPath = () => `/api/organizations/${world.org.id}/analytics/summary-email`;
const summaryTo = (email: string | undefined) => (m: SinkMessage) =>
  email !== undefined && m.envelope.to.includes(email) && m.kind === 'analytics_summary';

async function summaryRows() {
  const { rows } = await t.database.pool.query<{ recipient: string; dedupe_key: string; status: string }>(
    `SELECT recipient, dedupe_key, status FROM emails WHERE kind = 'analytics_summary' AND params->>'organizationId' = $1
     ORDER BY dedupe_key`,
    [world.org.id],
  );
  return rows;
}

describe('summary email settings', () => {
  it('gives owners and admins the weekly summary and staff none until they choose', async () => {
    const owner = await world.owner.get(summaryPath());
    expect(owner.status, JSON.stringify(owner.body)).toBe(200);
    expect(owner.body).toMatchObject({ frequency: 'weekly', timezone: 'UTC', lastSentPeriodStart: null });
    expect(typeof owner.body.nextSendAt).toBe('string');
    const staff = await world.staff.get(summaryPath());
    expect(staff.body).toMatchObject({ frequency: 'off', nextSendAt: null });
  });

  it('keeps a member’s choice and time zone, and refuses what it must', async () => {
    const saved = await world.admin.put(summaryPath(), { frequency: 'daily', timezone: 'Europe/Berlin' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ frequency: 'daily', timezone: 'Europe/Berlin' });
    expect((await world.admin.get(summaryPath())).body).toMatchObject({
      frequency: 'daily',
      timezone: 'Europe/Berlin',
    });
    // The time zone stays when only the frequency changes.
    await world.staff.put(summaryPath(), { frequency: 'weekly', timezone: 'America/New_York' });
    expect((await world.staff.put(summaryPath(), { frequency: 'off' })).body).toMatchObject({
      frequency: 'off',
      timezone: 'America/New_York',
      nextSendAt: null,
    });

    expectProblem(await world.admin.put(summaryPath(), { frequency: 'hourly' }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await world.admin.put(summaryPath(), { frequency: 'daily', timezone: 'Mars/Olympus' }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await world.admin.put(summaryPath(), { frequency: 'daily', extra: 1 }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await world.outsider.get(summaryPath()), 404, 'NOT_FOUND');
    expectProblem(await world.anonymous.get(summaryPath()), 401, 'UNAUTHENTICATED');
    expectProblem(
      await world.admin.withoutCsrf().put(summaryPath(), { frequency: 'off' }),
      403,
      'CSRF_FAILED',
    );
    expectProblem(
      await world.admin.get(
        '/api/organizations/00000000-0000-4000-8000-000000000000/analytics/summary-email',
      ),
      404,
      'NOT_FOUND',
    );
  });
});

describe('the hourly scan', () => {
  it('records each member’s summary once, in their own zone, even when two scans run at once', async () => {
    clock.set(nextMondayMorning());
    const [first, second] = await Promise.all([
      summaries.queueDueSummaries(world.org.id),
      summaries.queueDueSummaries(world.org.id),
    ]);
    // Two members are owed one each (owner weekly, admin daily); the scans may split them.
    expect(first + second).toBeGreaterThanOrEqual(2);
    const monday = DateTime.fromJSDate(clock.now(), { zone: 'UTC' }).startOf('week');
    const lastWeek = monday.minus({ weeks: 1 }).toISODate();
    const sunday = monday.minus({ days: 1 }).toISODate();
    const rows = await summaryRows();
    expect(rows.map((row) => row.dedupe_key).sort()).toEqual(
      [
        `analytics-summary:${world.org.id}:${world.admin.user?.id}:daily:${sunday}`,
        `analytics-summary:${world.org.id}:${world.owner.user?.id}:weekly:${lastWeek}`,
      ].sort(),
    );
    // Nothing more within the hour, nor the next day for the weekly one.
    expect(await summaries.queueDueSummaries(world.org.id)).toBe(0);
    expect((await world.owner.get(summaryPath())).body).toMatchObject({ lastSentPeriodStart: lastWeek });
    clock.advance(24 * 3_600_000);
    expect(await summaries.queueDueSummaries(world.org.id)).toBe(1);
    expect((await summaryRows()).filter((row) => row.recipient === world.admin.user?.email)).toHaveLength(2);
  });

  it('sends the week’s figures, a chart rendered on the server, and each event’s line', async () => {
    const message = await sink.waitFor(summaryTo(world.owner.user?.email), { timeoutMs: 15_000 });
    const [mail] = message;
    if (!mail) throw new Error('no summary');
    expect(mail.subject).toMatch(/weekly summary/i);
    expect(mail.subject).toContain('3 tickets');
    // Recomputed from the orders themselves: 2 × 25.00 + 1 × 90.00, three tickets, two paid orders.
    expect(mail.text).toMatch(/Tickets sold:\s+3 \(up from none the week before\)/);
    expect(mail.text).toMatch(/Paid orders:\s+2 /);
    expect(mail.text).toMatch(/Revenue:\s+€140\.00 /);
    expect(mail.text).toMatch(/Page visitors:\s+2 /);
    expect(mail.text).toContain(eventTitle);
    const chart = mail.attachments.find((a) => a.contentType === 'image/png');
    expect(chart?.filename).toBe('summary-chart.png');
    expect(mail.raw).toMatch(/Content-ID: <summary-chart@z-events>/i);
    expect(mail.html).toContain('src="cid:summary-chart@z-events"');
    // The chart's alt text reads the bars, for screen readers and clients that block images.
    expect(mail.html).toMatch(/alt="Tickets sold by day: Mon \d+ \d+/);
    const meta = await sharp(chart?.content).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 1120, height: 480 });
  });
});

describe('send me one now', () => {
  it('queues yesterday’s or last week’s summary to the caller, once per minute however often asked', async () => {
    const first = await world.staff.post(`${summaryPath()}/send`, { frequency: 'daily' });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const again = await world.staff.post(`${summaryPath()}/send`, { frequency: 'daily' });
    expect(again.body.emailId).toBe(first.body.emailId);
    const [mail] = await sink.waitFor(summaryTo(world.staff.user?.email), { timeoutMs: 15_000 });
    expect(mail?.subject).toMatch(/daily summary/i);
    // No body at all asks for last week's.
    const weekly = await world.staff.post(`${summaryPath()}/send`);
    expect(weekly.status, JSON.stringify(weekly.body)).toBe(202);
    expect(weekly.body.emailId).not.toBe(first.body.emailId);

    expectProblem(await world.outsider.post(`${summaryPath()}/send`, {}), 404, 'NOT_FOUND');
    expectProblem(
      await world.staff.post(`${summaryPath()}/send`, { frequency: 'yearly' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('sends nothing to someone who left the organization before it went out', async () => {
    const params = {
      organizationId: world.org.id,
      userId: world.outsider.user?.id,
      frequency: 'weekly',
      periodStart: '2026-11-23',
      timezone: 'UTC',
    };
    expect(await summaries.report(params)).toBeUndefined();
    expect(await summaries.report({ ...params, userId: world.owner.user?.id })).toMatchObject({
      organizationName: world.org.name,
      frequency: 'weekly',
    });
  });
});

it('sends every summary recorded (none is left failing in the outbox)', async () => {
  const rows = await eventually(
    async () => {
      const current = await summaryRows();
      return current.every((row) => row.status === 'sent') && current;
    },
    { timeoutMs: 15_000, what: 'every summary sent' },
  );
  expect(rows.length).toBeGreaterThanOrEqual(5);
});
