import { randomUUID } from 'node:crypto';
import pino from 'pino';
import sharp from 'sharp';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { JobQueue } from '../src/jobs/job-queue';
import { createWorkerJobs } from '../src/jobs/worker-jobs';
import { createMailer, type Mailer } from '../src/modules/notifications/mailer';
import { SEND_EMAIL } from '../src/modules/notifications/notifications.jobs';
import { createNotifier } from '../src/modules/notifications/notifier';
import { systemClock } from '../src/shared/clock';
import {
  buyer,
  buyOk,
  DECLINED_CARD,
  openSale,
  orderBody,
  pay,
  reserveOk,
  type OrderView,
} from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, testJobQueue, type TestApp } from './harness';
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
 * Emails end to end: the real app on the real database, pg-boss workers on this file's queue, and a
 * real SMTP server on loopback receiving what nodemailer sends.
 */

const logger = pino({ level: 'silent' });
let t: TestApp;
let world: World;
let sink: SmtpSink;
let jobs: JobQueue;
let mailer: Mailer;

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
      config: {
        publicUrl: PUBLIC_URL,
        appSecret: TEST_SECRET,
        payments: { provider: 'test' },
        // As a worker process runs: ticket PDFs rendered on a thread of the pool.
        ticketPdfThreads: 1,
      },
    }),
  );
});

afterAll(async () => {
  mailer?.close();
  await sink?.close();
});

const to = (email: string, kind: string) => (m: SinkMessage) =>
  m.envelope.to.includes(email) && m.kind === kind;

async function emailRows(orderId: string) {
  const { rows } = await t.database.pool.query<{
    id: string;
    kind: string;
    status: string;
    attempts: number;
    recipient: string;
    last_error: string | null;
    attachment_names: string[];
    dedupe_key: string;
  }>(
    `SELECT id, kind, status, attempts, recipient, last_error, attachment_names, dedupe_key
     FROM emails WHERE order_id = $1 ORDER BY created_at, id`,
    [orderId],
  );
  return rows;
}

describe('order confirmation', () => {
  it('reaches the buyer within seconds with an HTML and a text part, one PDF per ticket and an .ics', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const who = buyer();
    const order = await reserveOk(
      world.anonymous,
      orderBody(sale.event, [[sale.types[0]!, 3]], { buyer: who }),
    );
    const paidAt = Date.now();
    const paid = await pay(world.anonymous, order);
    expect(paid.status, JSON.stringify(paid.body)).toBe(200);
    const tickets = (paid.body as OrderView).tickets ?? [];
    expect(tickets).toHaveLength(3);

    const [mail] = await sink.waitFor(to(who.email, 'order_confirmation'), { timeoutMs: 10_000 });
    const latency = mail!.receivedAt - paidAt;
    expect(latency, `confirmation took ${latency} ms`).toBeLessThan(10_000);

    expect(mail!.envelope.to).toEqual([who.email]);
    expect(mail!.envelope.from).toBe('no-reply@example.test');
    expect(mail!.headers.to).toContain(who.email);
    expect(mail!.subject).toBe(`Your tickets for ${sale.event.title}`);
    expect(mail!.partTypes.slice(0, 2)).toEqual(['text/plain', 'text/html']);
    expect(mail!.text).toContain(sale.event.title);
    expect(mail!.html).toContain('<html');
    for (const ticket of tickets) {
      expect(mail!.text).toContain(ticket.code);
      expect(mail!.html).toContain(ticket.code);
    }

    const pdfs = mail!.attachments.filter((a) => a.contentType === 'application/pdf');
    // One per ticket, and the invoice of a paid order (issue 14), numbered when the email is written.
    const invoice = pdfs.find((a) => /^invoice-INV-\d{4}-\d{6}\.pdf$/.test(a.filename ?? ''));
    expect(invoice).toBeDefined();
    expect(mail!.text).toContain(invoice!.filename!.slice('invoice-'.length, -'.pdf'.length));
    expect(
      pdfs
        .filter((a) => a !== invoice)
        .map((a) => a.filename)
        .sort(),
    ).toEqual(tickets.map((ticket) => `ticket-${ticket.code}.pdf`).sort());
    for (const pdf of pdfs) expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const calendars = mail!.attachments.filter((a) => a.contentType === 'text/calendar');
    expect(calendars.map((a) => a.filename)).toEqual(['event.ics']);
    const ics = calendars[0]!.content.toString('utf8');
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain(`UID:order-${order.id}@z-events`);
    expect(ics.replace(/\r\n[ \t]/g, '')).toContain(`SUMMARY:${sale.event.title}`);
    expect(mail!.attachments).toHaveLength(tickets.length + 2);

    // The outbox row is the message: same id in the header, ends `sent` after one attempt.
    const row = await eventually(async () => {
      const rows = await emailRows(order.id);
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({
      id: mail!.emailId,
      kind: 'order_confirmation',
      recipient: who.email,
      attempts: 1,
      last_error: null,
      dedupe_key: `order-confirmation:${order.id}`,
    });
    expect(row[0]!.attachment_names.sort()).toEqual(
      [...tickets.map((ticket) => `ticket-${ticket.code}.pdf`), 'event.ics', invoice!.filename].sort(),
    );
    expect(sink.filter(to(who.email, 'order_confirmation'))).toHaveLength(1);
  });

  it('shows the event’s cover at the top, attached inline (never a remote image)', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#aa3366' } })
      .jpeg()
      .toBuffer();
    const uploaded = await request(t.app)
      .put(`/api/events/${sale.event.id}/cover`)
      .set(world.owner.headers)
      .attach('file', photo, { filename: 'cover.jpg', contentType: 'image/jpeg' })
      .field('alt', 'The stage in pink light');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const who = buyer();
    const order = await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: who }));
    const [mail] = await sink.waitFor(to(who.email, 'order_confirmation'), { timeoutMs: 10_000 });
    // The ticket prints it too, in its title band: attached, and downloaded from the order page.
    const attachedTicket = mail!.attachments.find((a) => a.filename.startsWith('ticket-'));
    expect(attachedTicket!.content.toString('latin1')).toMatch(/\/Subtype \/Image/);
    const downloaded = await request(t.app)
      .get(`/api/orders/${order.id}/tickets/${order.tickets![0]!.id}.pdf?token=${order.accessToken}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(downloaded.status).toBe(200);
    expect((downloaded.body as Buffer).toString('latin1')).toMatch(/\/Subtype \/Image/);
    const cover = mail!.attachments.find((a) => a.filename === 'cover.jpg');
    expect(cover?.contentType).toBe('image/jpeg');
    const size = await sharp(cover!.content).metadata();
    expect(size.width).toBeLessThanOrEqual(960);
    expect(mail!.html).toContain('cid:event-cover@z-events');
    expect(mail!.html).toContain('alt="The stage in pink light"');
    expect(mail!.html).not.toMatch(/<img[^>]+src="https?:/);
  });

  it('gives an online event’s join link to its ticket holders: in the confirmation and on the ticket', async () => {
    const sale = await openSale(t, world, [{ name: 'Stream', priceCents: 900, capacity: 10 }]);
    const joinUrl = `https://meet.example.com/${randomUUID()}`;
    await t.database.pool.query(`UPDATE events SET kind = 'online', online_url = $2 WHERE id = $1`, [
      sale.event.id,
      joinUrl,
    ]);
    const who = buyer();
    await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: who }));
    const [mail] = await sink.waitFor(to(who.email, 'order_confirmation'), { timeoutMs: 10_000 });
    expect(mail!.text).toContain(joinUrl);
    expect(mail!.text).toContain('Join online');
    const ticket = mail!.attachments.find((a) => a.filename.startsWith('ticket-'));
    expect(ticket!.content.toString('latin1')).toContain(`(${joinUrl})`);
  });

  it('is recorded with a free order too (no payment step)', async () => {
    const sale = await openSale(t, world, [{ name: 'Free', priceCents: 0, capacity: 10 }]);
    const who = buyer();
    const order = await reserveOk(
      world.anonymous,
      orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: who }),
    );
    expect(order.status).toBe('paid');
    const [mail] = await sink.waitFor(to(who.email, 'order_confirmation'));
    expect(mail!.attachments.filter((a) => a.contentType === 'application/pdf')).toHaveLength(1);
  });
});

describe('invariant 6: an email exists exactly when the change that caused it committed', () => {
  it('a declined payment records no confirmation; paying afterwards records exactly one', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const who = buyer();
    const order = await reserveOk(
      world.anonymous,
      orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: who }),
    );
    const declined = await pay(world.anonymous, order, DECLINED_CARD);
    expect(declined.status).toBe(402);
    expect(await emailRows(order.id)).toEqual([]);

    const paid = await pay(world.anonymous, order);
    expect(paid.status).toBe(200);
    await sink.waitFor(to(who.email, 'order_confirmation'));
    // A replayed payment changes nothing: still one row, one message.
    expect((await pay(world.anonymous, order)).status).toBe(200);
    const rows = await emailRows(order.id);
    expect(rows.map((row) => row.kind)).toEqual(['order_confirmation']);
    await new Promise((resolve) => setTimeout(resolve, 400)); // a second message would have arrived by now
    expect(sink.filter(to(who.email, 'order_confirmation'))).toHaveLength(1);
  });

  it('a transaction that rolls back leaves neither an outbox row nor a job; one that commits leaves both', async () => {
    // A queue with no worker, so the job can be seen in pg-boss's table.
    const schema = newQueueSchema();
    const parked = await startWorker({
      url: inject('databaseUrl'),
      schema,
      database: t.database,
      clock: systemClock,
      logger,
      smtpUrl: undefined,
      appSecret: TEST_SECRET,
      workers: false,
    });
    try {
      const recorded: string[] = [];
      const notifier = createNotifier({
        enqueuer: {
          enqueueMany: (...args) => parked.queue.enqueueMany(...args),
          async enqueue(tx, job, payload, options) {
            if (job.name === SEND_EMAIL.name) recorded.push(SEND_EMAIL.payload.parse(payload).emailId);
            await parked.queue.enqueue(tx, job, payload, options);
          },
        },
      });
      const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
      const paid = await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]]));
      const target = { id: paid.id, eventId: sale.event.id, buyerEmail: 'rollback@example.test' };
      const jobsFor = async (emailId: string) =>
        (
          await t.database.pool.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${schema}.job WHERE name = $1 AND data->>'emailId' = $2`,
            [SEND_EMAIL.name, emailId],
          )
        ).rows[0]?.n;

      // Refund ids are unique across runs: the outbox's dedupe keys are, and the database may hold earlier runs.
      const rolledBack = `rolled-back-${randomUUID()}`;
      const committed = `committed-${randomUUID()}`;
      await expect(
        t.database.db.transaction(async (tx) => {
          await notifier.refundIssued(tx, target, { id: rolledBack, amountCents: 100, isFull: false });
          throw new Error('the refund failed after the email was queued');
        }),
      ).rejects.toThrow('the refund failed');
      expect(recorded).toHaveLength(1);
      expect(await jobsFor(recorded[0]!)).toBe(0);
      expect((await emailRows(paid.id)).map((row) => row.dedupe_key)).not.toContain(`refund:${rolledBack}`);

      await t.database.db.transaction(async (tx) => {
        await notifier.refundIssued(tx, target, { id: committed, amountCents: 100, isFull: false });
      });
      expect(recorded).toHaveLength(2);
      expect(await jobsFor(recorded[1]!)).toBe(1);
      expect((await emailRows(paid.id)).map((row) => row.dedupe_key)).toContain(`refund:${committed}`);

      // Recording the same message again (a replay) adds neither a row nor a job.
      await t.database.db.transaction(async (tx) => {
        await notifier.refundIssued(tx, target, { id: committed, amountCents: 100, isFull: false });
      });
      expect(recorded).toHaveLength(2);
    } finally {
      await parked.stop();
    }
  });
});

describe('refunds, cancellations and changes', () => {
  it('a refund sends a refund notice to the buyer', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const who = buyer();
    const paid = await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 2]], { buyer: who }));
    await sink.waitFor(to(who.email, 'order_confirmation'));
    const refund = await world.owner.post(`/api/orders/${paid.id}/refund`, {});
    expect(refund.status, JSON.stringify(refund.body)).toBe(200);
    const [mail] = await sink.waitFor(to(who.email, 'refund_notice'));
    expect(mail!.subject).toBe(`Refund of €50.00 for ${sale.event.title}`);
    expect(mail!.partTypes.slice(0, 2)).toEqual(['text/plain', 'text/html']);
    // The credit note of the refund, referring to the order's invoice.
    expect(mail!.attachments.map((a) => a.filename)).toEqual([
      expect.stringMatching(/^credit-note-INV-\d{4}-\d{6}\.pdf$/),
    ]);
    const rows = await eventually(async () => {
      const all = await emailRows(paid.id);
      return all.every((row) => row.status === 'sent') ? all : undefined;
    });
    expect(rows.map((row) => row.kind)).toEqual(['order_confirmation', 'refund_notice']);
  });

  it('POST /api/events/{id}/cancel sends "event cancelled" notices to paid buyers only, once', async () => {
    const sale = await openSale(t, world, [
      { name: 'GA', priceCents: 2500, capacity: 10 },
      { name: 'Free', priceCents: 0, capacity: 10 },
    ]);
    const [ga, free] = sale.types as [(typeof sale.types)[0], (typeof sale.types)[0]];
    const paying = buyer();
    const freeBuyer = buyer();
    const refunded = buyer();
    const holding = buyer();
    await buyOk(world.anonymous, orderBody(sale.event, [[ga, 2]], { buyer: paying }));
    await reserveOk(world.anonymous, orderBody(sale.event, [[free, 1]], { buyer: freeBuyer }));
    const early = await buyOk(world.anonymous, orderBody(sale.event, [[ga, 1]], { buyer: refunded }));
    expect((await world.owner.post(`/api/orders/${early.id}/refund`, {})).status).toBe(200);
    await reserveOk(world.anonymous, orderBody(sale.event, [[ga, 1]], { buyer: holding }));

    expect((await world.owner.post(`/api/events/${sale.event.id}/cancel`)).status).toBe(200);

    const [notice] = await sink.waitFor(to(paying.email, 'event_cancelled'));
    expect(notice!.subject).toBe(`Cancelled: ${sale.event.title}`);
    expect(notice!.text).toContain('€50.00');
    await sink.waitFor(to(freeBuyer.email, 'event_cancelled'));
    // The buyer refunded earlier and the one who never paid get no cancellation notice, nor a refund
    // notice on top of the cancellation one.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sink.filter(to(refunded.email, 'event_cancelled'))).toEqual([]);
    expect(sink.filter((m) => m.envelope.to.includes(holding.email))).toEqual([]);
    expect(sink.filter(to(paying.email, 'refund_notice'))).toEqual([]);
    // Cancelling again (it finishes an interrupted settlement) sends nothing twice.
    expect((await world.owner.post(`/api/events/${sale.event.id}/cancel`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sink.filter(to(paying.email, 'event_cancelled'))).toHaveLength(1);
  });

  it('moving a published event sends an "event changed" notice (with a new .ics) to each paid buyer', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const buyers = [buyer(), buyer()];
    for (const who of buyers)
      await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: who }));
    const unpaid = buyer();
    await reserveOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: unpaid }));

    // A title-only edit tells nobody.
    expect(
      (await world.owner.patch(`/api/events/${sale.event.id}`, { title: `${sale.event.title}!` })).status,
    ).toBe(200);
    const later = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
    const moved = await world.owner.patch(`/api/events/${sale.event.id}`, {
      startsAt: later(sale.event.startsAt),
      endsAt: later(sale.event.endsAt),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);

    for (const who of buyers) {
      const [mail] = await sink.waitFor(to(who.email, 'event_changed'));
      expect(mail!.subject).toMatch(/^New (time|date)/);
      expect(mail!.partTypes.slice(0, 2)).toEqual(['text/plain', 'text/html']);
      const ics = mail!.attachments.find((a) => a.filename === 'event.ics');
      expect(ics?.contentType).toBe('text/calendar');
      const start = new Date(later(sale.event.startsAt));
      const stamp = start
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
      expect(ics!.content.toString('utf8')).toContain(`DTSTART:${stamp}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(sink.filter((m) => m.envelope.to.includes(unpaid.email))).toEqual([]);
    for (const who of buyers) expect(sink.filter(to(who.email, 'event_changed'))).toHaveLength(1);
  });
});

describe('without SMTP (development)', () => {
  let capture: Worker;
  let dev: TestApp;

  beforeAll(async () => {
    capture = await startWorker({
      url: inject('databaseUrl'),
      schema: newQueueSchema(),
      database: t.database,
      clock: systemClock,
      logger,
      smtpUrl: undefined,
      appSecret: TEST_SECRET,
    });
    dev = buildTestApp({ jobs: capture.queue });
  });
  afterAll(async () => {
    await capture?.stop();
  });

  it('keeps the message in the outbox as `captured` and shows it in /api/dev/emails and /dev/mailbox', async () => {
    const devWorld = await createWorld(dev.app, dev.database.db);
    const sale = await openSale(dev, devWorld, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const who = buyer();
    const paid = await buyOk(
      devWorld.anonymous,
      orderBody(sale.event, [[sale.types[0]!, 2]], { buyer: who }),
    );

    const [row] = await eventually(async () => {
      const rows = await emailRows(paid.id);
      return rows[0]?.status === 'captured' ? rows : undefined;
    });
    expect(row).toMatchObject({ kind: 'order_confirmation', recipient: who.email, attempts: 1 });
    // Two tickets, the calendar entry and the invoice.
    expect(row!.attachment_names).toHaveLength(4);

    const list = await request(dev.app).get('/api/dev/emails');
    expect(list.status).toBe(200);
    const entry = (list.body.items as Array<Record<string, unknown>>).find((item) => item.id === row!.id);
    expect(entry).toMatchObject({
      kind: 'order_confirmation',
      recipient: who.email,
      status: 'captured',
      subject: `Your tickets for ${sale.event.title}`,
    });
    expect(entry?.attachmentNames).toEqual(expect.arrayContaining(['event.ics']));

    const one = await request(dev.app).get(`/api/dev/emails/${row!.id}`);
    expect(one.status).toBe(200);
    expect(one.body.html).toContain('<html');
    expect(one.body.text).toContain(sale.event.title);

    const page = await request(dev.app).get('/dev/mailbox');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain(who.email);
    expect(page.text).toContain(`/dev/mailbox/${row!.id}`);
    const html = await request(dev.app).get(`/dev/mailbox/${row!.id}`);
    expect(html.status).toBe(200);
    expect(html.text).toContain(sale.event.title);

    // Nothing was delivered anywhere.
    expect(sink.filter((m) => m.envelope.to.includes(who.email))).toEqual([]);
  });
});
