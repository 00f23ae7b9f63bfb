import { inflateSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../src/jobs/job-queue';
import { createWorkerJobs } from '../src/jobs/worker-jobs';
import { createMailer, type Mailer } from '../src/modules/notifications/mailer';
import { systemClock } from '../src/shared/clock';
import { buyer, buyOk, openSale, orderBody } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, testJobQueue, type TestApp } from './harness';
import { MAIL_FROM, PUBLIC_URL } from './support/notifications';
import { type SinkMessage, type SmtpSink, startSmtpSink } from './support/smtp-sink';

/**
 * Buyer emails in the event's own language, end to end: the organizer's choice on the event row, the
 * real worker composing the confirmation with its ticket PDFs, and a real SMTP server receiving it.
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

/** Every string a PDF page shows: pdfkit deflates content streams and writes text as hex runs. */
function pdfText(pdf: Buffer): string {
  const streams = [...pdf.toString('latin1').matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => {
    try {
      return inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      return ''; // an image stream, not drawing operators
    }
  });
  return [...streams.join('\n').matchAll(/\[(.*)\] TJ/g)]
    .map((m) =>
      [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/g)]
        .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
        .join(''),
    )
    .join('\n');
}

/** A published event of its own in `language`, and a paid order of two tickets for a new buyer. */
async function paidOrderIn(language: 'en' | 'de') {
  const sale = await openSale(t, world, [{ name: 'Stehplatz', priceCents: 2500, capacity: 10 }]);
  // 18:00-21:00 in Paris whatever the hour the test runs at: the factory's start follows the clock, and
  // from 20:00 UTC on an evening event would end past midnight (a range over two days, another format).
  await t.database.pool.query(
    `UPDATE events SET language = $2, starts_at = date_trunc('day', starts_at, 'UTC') + interval '17 hours',
            ends_at = date_trunc('day', starts_at, 'UTC') + interval '20 hours'
     WHERE id = $1`,
    [sale.event.id, language],
  );
  const who = buyer();
  const paid = await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 2]], { buyer: who }));
  const [mail] = await sink.waitFor(to(who.email, 'order_confirmation'), { timeoutMs: 15_000 });
  return { sale, who, paid, mail: mail! };
}

describe('the order confirmation speaks the event language', () => {
  it('in German: subject, labels, dates and money, and German ticket PDFs', async () => {
    const { sale, paid, mail } = await paidOrderIn('de');
    expect(mail.subject).toBe(`Ihre Tickets für ${sale.event.title}`);
    for (const part of [mail.text ?? '', mail.html ?? '']) {
      expect(part).toContain('Bestellübersicht');
      expect(part).toContain('Ihre Tickets');
      // Intl's German money: a decimal comma and the sign after a no-break space.
      expect(part).toContain('50,00\u00a0€');
      expect(part).not.toContain('Order summary');
      expect(part).not.toContain('Your tickets');
    }
    expect(mail.text).toContain('Hallo ');
    expect(mail.text).toMatch(/Wann: +\w+, \d{1,2}\. \w+ \d{4}, \d\d:\d\d – \d\d:\d\d \(/u);
    expect(mail.text).toContain('Versendet von Z-Events im Auftrag von');
    expect(mail.html).toContain('lang="de"');

    const tickets = mail.attachments.filter((a) => /^ticket-.+\.pdf$/.test(a.filename ?? ''));
    expect(tickets).toHaveLength(2);
    for (const pdf of tickets) {
      expect(pdf.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = pdfText(pdf.content);
      expect(text).toContain('TEILNEHMER');
      expect(text).not.toContain('ATTENDEE');
    }
    // The calendar file speaks it too.
    const ics = mail.attachments.find((a) => a.filename === 'event.ics');
    expect(ics?.content.toString('utf8').replace(/\r\n[ \t]/g, '')).toContain('Veranstaltet von');
    expect(paid.status).toBe('paid');
  });

  it('in English (the default) as before', async () => {
    const { sale, mail } = await paidOrderIn('en');
    expect(mail.subject).toBe(`Your tickets for ${sale.event.title}`);
    expect(mail.text).toContain('Order summary');
    expect(mail.text).toContain('€50.00');
    expect(mail.text).toContain('Sent by Z-Events on behalf of');
    const [pdf] = mail.attachments.filter((a) => /^ticket-.+\.pdf$/.test(a.filename ?? ''));
    expect(pdfText(pdf!.content)).toContain('ATTENDEE');
  });

  it('an event never given a language sends English', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 0, capacity: 10 }]);
    const who = buyer();
    await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: who }));
    const [mail] = await sink.waitFor(to(who.email, 'order_confirmation'), { timeoutMs: 15_000 });
    expect(mail!.subject).toBe(`Your tickets for ${sale.event.title}`);
    expect(mail!.text).toMatch(/Total +Free/);
  });
});
