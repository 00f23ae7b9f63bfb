import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { MailMessage } from '../src/modules/notifications/mailer';
import { systemClock } from '../src/shared/clock';
import { buyer, buyOk, openSale, orderBody } from './checkout-helpers';
import { createWorld, type World } from './factories';
import { buildTestApp, TEST_SECRET, testDatabase, type TestApp } from './harness';
import { eventually, newQueueSchema, PUBLIC_URL, startWorker, type Worker } from './support/notifications';

/**
 * Issue #10 (12): a calendar file ends up with a third party (Google, Outlook, a shared calendar), so
 * the .ics attached to emails links the public event page, never the order page and its access token.
 */

const captured: MailMessage[] = [];
let worker: Worker;
let t: TestApp;
let world: World;

beforeAll(async () => {
  worker = await startWorker({
    url: inject('databaseUrl'),
    schema: newQueueSchema(),
    database: testDatabase(),
    clock: systemClock,
    logger: pino({ level: 'silent' }),
    smtpUrl: undefined,
    appSecret: TEST_SECRET,
    // Delivers into memory, so the attachments can be read.
    wrapMailer: () => ({
      isDelivering: true,
      send: async (message) => {
        captured.push(message);
      },
      close: () => undefined,
    }),
  });
  t = buildTestApp({ jobs: worker.queue });
  world = await createWorld(t.app, t.database.db);
});

afterAll(async () => {
  await worker?.stop();
});

const icsOf = (message: MailMessage) => {
  const file = message.attachments.find((attachment) => attachment.filename.endsWith('.ics'));
  expect(file, 'an .ics attachment').toBeDefined();
  // RFC 5545 folds long lines; unfolded, a token split across two lines is still found.
  return String(file?.content).replace(/\r\n[ \t]/g, '');
};

const mailTo = (email: string, subject: RegExp) =>
  eventually(async () => captured.find((m) => m.to === email && subject.test(m.subject)), {
    what: `an email to ${email}`,
  });

describe('calendar files in emails', () => {
  it('link the public event page, not the order page or its token', async () => {
    const sale = await openSale(t, world, [{ name: 'GA', priceCents: 2500, capacity: 10 }]);
    const who = buyer();
    const order = await buyOk(world.anonymous, orderBody(sale.event, [[sale.types[0]!, 1]], { buyer: who }));

    const confirmation = await mailTo(who.email, /^Your tickets/);
    // The email itself still takes its own reader to the order.
    expect(confirmation.text).toContain(`/orders/${order.id}?token=`);
    const ics = icsOf(confirmation);
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).not.toContain('token=');
    expect(ics).not.toContain('/orders/');
    expect(ics).toContain(`${PUBLIC_URL}/events/${sale.event.id}`);

    const later = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
    const moved = await world.owner.patch(`/api/events/${sale.event.id}`, {
      startsAt: later(sale.event.startsAt),
      endsAt: later(sale.event.endsAt),
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const changed = icsOf(await mailTo(who.email, /^New (time|date)/));
    expect(changed).not.toContain('token=');
    expect(changed).not.toContain('/orders/');
    expect(changed).toContain(`${PUBLIC_URL}/events/${sale.event.id}`);
  });
});
