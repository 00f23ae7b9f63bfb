import type mjml2htmlType from 'mjml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EmailEvent, EmailOrder, EmailTicket, RenderedEmail } from './email-types';
import { escapeHtml, formatEventSchedule, formatMoney } from './format';
import { renderEmail, renderEmailWithSlots, type EmailFrame, type Slot } from './layout';
import { paragraph } from './blocks';
import { orderConfirmationFrame } from './order-confirmation.email';
import {
  describeReminderOffset,
  reminderLead,
  renderEventCancelled,
  renderEventChanged,
  renderLatePaymentRefunded,
  renderOrderConfirmation,
  renderRefundNotice,
  renderReminder,
} from './index';

// Templates are fixed MJML with escaped text, so any validation warning is a bug in this folder.
const mjmlWarnings = vi.hoisted((): string[] => []);
vi.mock('mjml', async (importOriginal) => {
  const actual = await importOriginal<{ default: typeof mjml2htmlType }>();
  return {
    default: async (...args: Parameters<typeof mjml2htmlType>) => {
      const result = await actual.default(...args);
      mjmlWarnings.push(...result.errors.map((error) => error.formattedMessage));
      return result;
    },
  };
});

afterEach(() => {
  expect(mjmlWarnings).toEqual([]);
  mjmlWarnings.length = 0;
});

const HOSTILE_TITLE = `<script>alert("x")</script> Tom & Jerry's "Gig"`;
const ESCAPED_TITLE =
  '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Tom &amp; Jerry&#39;s &quot;Gig&quot;';

function sampleEvent(overrides: Partial<EmailEvent> = {}): EmailEvent {
  return {
    id: '0195f7d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
    title: HOSTILE_TITLE,
    venue: 'Salle "A" & <B>, 5 Rue de la Huchette, Paris',
    startsAt: new Date('2026-12-18T18:00:00Z'),
    endsAt: new Date('2026-12-18T22:00:00Z'),
    timezone: 'Europe/Paris',
    organizationName: 'Rock & <Roll> Collective',
    url: 'https://tickets.example.com/events/tom-and-jerry',
    ...overrides,
  };
}

function sampleOrder(overrides: Partial<EmailOrder> = {}): EmailOrder {
  return {
    id: '0195f7d3-8c9d-7e0f-a1b2-c3d4e5f60718',
    buyerName: '<img src=x onerror=alert(1)> Camille',
    buyerEmail: 'camille@example.com',
    currency: 'EUR',
    subtotalCents: 9000,
    discountCents: 900,
    totalCents: 8100,
    refundedCents: 0,
    items: [
      { ticketTypeName: 'General Admission', quantity: 2, unitPriceCents: 2500 },
      { ticketTypeName: 'VIP <Gold> & "Friends"', quantity: 1, unitPriceCents: 4000 },
    ],
    url: 'https://tickets.example.com/orders/0195f7d3?token=s3cret&utm=mail',
    ...overrides,
  };
}

function sampleTickets(): EmailTicket[] {
  return [
    {
      id: 't1',
      code: '7K3M-9PQZ',
      ticketTypeName: 'General Admission',
      attendeeName: 'Camille',
      pdfUrl: 'https://tickets.example.com/api/tickets/t1/pdf?token=s3cret',
    },
    {
      id: 't2',
      code: 'H4XW-2RTN',
      ticketTypeName: 'General Admission',
      attendeeName: '<b>Zoë</b> Martin',
      pdfUrl: 'https://tickets.example.com/api/tickets/t2/pdf?token=s3cret',
    },
    {
      id: 't3',
      code: 'Q8LB-5CVE',
      ticketTypeName: 'VIP <Gold> & "Friends"',
      attendeeName: 'Camille',
      pdfUrl: 'https://tickets.example.com/api/tickets/t3/pdf?token=s3cret',
    },
  ];
}

const event = sampleEvent();
const order = sampleOrder();
const tickets = sampleTickets();

const RENDERERS: Array<[string, () => Promise<RenderedEmail>]> = [
  ['order confirmation', () => renderOrderConfirmation({ event, order, tickets })],
  ['refund notice', () => renderRefundNotice({ event, order, amountCents: 8100, isFull: true })],
  ['event cancelled', () => renderEventCancelled({ event, order, refundedCents: 8100 })],
  [
    'event changed',
    () =>
      renderEventChanged({
        event,
        order,
        previous: { startsAt: new Date('2026-12-11T18:00:00Z'), endsAt: event.endsAt, venue: 'Old <Hall>' },
      }),
  ],
  ['reminder', () => renderReminder({ event, order, tickets, offsetMinutes: 1440 })],
  ['late payment refunded', () => renderLatePaymentRefunded({ event, order, amountCents: 8100 })],
];

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});

describe('formatMoney', () => {
  it('formats integer minor units in the order currency', () => {
    expect(formatMoney(2550, 'EUR')).toBe('€25.50');
    expect(formatMoney(1999, 'USD')).toBe('$19.99');
    expect(formatMoney(0, 'usd')).toBe('$0.00');
  });

  it('lets Intl decide how many minor units a currency has', () => {
    expect(formatMoney(1200, 'JPY')).toBe('¥1,200');
    expect(formatMoney(1234, 'KWD')).toContain('1.234');
  });
});

describe('formatEventSchedule', () => {
  it('shows the time in the event zone, not the server zone', () => {
    expect(formatEventSchedule(event)).toBe('Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)');
    const newYork = { ...event, timezone: 'America/New_York' };
    expect(formatEventSchedule(newYork)).toBe('Friday 18 December 2026, 13:00 – 17:00 (America/New_York)');
  });

  it('spells out both days for an event past midnight', () => {
    const late = { ...event, endsAt: new Date('2026-12-19T02:00:00Z') };
    expect(formatEventSchedule(late)).toBe(
      'Friday 18 December 2026, 19:00 – Saturday 19 December 2026, 03:00 (Europe/Paris)',
    );
  });

  it('falls back to a labelled UTC for an unknown zone', () => {
    expect(formatEventSchedule({ ...event, timezone: 'Mars/Olympus' })).toBe(
      'Friday 18 December 2026, 18:00 – 22:00 (UTC)',
    );
  });
});

describe.each(RENDERERS)('%s', (_name, render) => {
  it('escapes every piece of user text in the HTML and keeps it verbatim in the text part', async () => {
    const email = await render();
    expect(email.subject).toContain(HOSTILE_TITLE);
    expect(email.html).toContain(ESCAPED_TITLE);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).not.toContain('<img src=x');
    expect(email.html).not.toContain('<Roll>');
    expect(email.html).toContain('Rock &amp; &lt;Roll&gt; Collective');
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt; Camille');
    expect(email.text).toContain(HOSTILE_TITLE);
    expect(email.text).toContain('Rock & <Roll> Collective');
    expect(email.text).toContain(`Hi ${order.buyerName},`);
  });

  it('is a complete responsive HTML document with the shared frame', async () => {
    const email = await render();
    expect(email.html).toMatch(/^<!doctype html>/i);
    // MJML's own column breakpoint, and ours that narrows the side padding on phones.
    expect(email.html).toContain('@media only screen and (min-width:480px)');
    expect(email.html).toMatch(/@media only screen and \(max-width: 480px\) \{\s*\.pad/);
    expect(email.html).toContain('Sent by <strong>Z-Events</strong>');
    expect(email.html).toContain(`<title>${escapeHtml(email.subject)}</title>`);
    expect(email.text).toContain('Sent by Z-Events on behalf of Rock & <Roll> Collective.');
    expect(email.text).toContain(order.id);
    expect(email.text).toContain(`Event page: ${event.url}`);
    // No web fonts: nothing fetched from a third party when the email is opened.
    expect(email.html).not.toContain('fonts.googleapis.com');
  });
});

describe('renderOrderConfirmation', () => {
  it('names the event in the subject', async () => {
    const email = await renderOrderConfirmation({
      event: sampleEvent({ title: 'Jazz Night' }),
      order,
      tickets,
    });
    expect(email.subject).toBe('Your tickets for Jazz Night');
  });

  it('lists every ticket with its code and PDF link in both parts', async () => {
    const email = await renderOrderConfirmation({ event, order, tickets });
    for (const ticket of tickets) {
      expect(email.text).toContain(`Code: ${ticket.code}`);
      expect(email.text).toContain(ticket.pdfUrl);
      expect(email.html).toContain(ticket.code);
      expect(email.html).toContain(`href="${escapeHtml(ticket.pdfUrl)}"`);
    }
    expect(email.html).toContain('&lt;b&gt;Zoë&lt;/b&gt; Martin');
    expect(email.text).toContain('<b>Zoë</b> Martin');
  });

  it('summarises items, discount and total', async () => {
    const email = await renderOrderConfirmation({ event, order, tickets });
    expect(email.text).toMatch(/General Admission \(2 × €25\.00\) +€50\.00/);
    expect(email.text).toMatch(/VIP <Gold> & "Friends" \(1 × €40\.00\) +€40\.00/);
    expect(email.text).toMatch(/Subtotal +€90\.00/);
    expect(email.text).toMatch(/Discount +−€9\.00/);
    expect(email.text).toMatch(/Total +€81\.00/);
    expect(email.html).toContain('VIP &lt;Gold&gt; &amp; &quot;Friends&quot;');
    expect(email.html).toContain('€81.00');
  });

  it('shows the service fee and each tax the buyer paid, as the checkout did', async () => {
    const taxed = sampleOrder({
      discountCents: 0,
      feeCents: 350,
      taxes: [
        { label: 'Sales tax 7%', cents: 280, inclusive: false },
        { label: 'VAT 19%', cents: 798, inclusive: true },
      ],
      totalCents: 9630,
    });
    const email = await renderOrderConfirmation({ event, order: taxed, tickets });
    expect(email.text).toMatch(/Subtotal +€90\.00/);
    expect(email.text).toMatch(/Service fee +€3\.50/);
    expect(email.text).toMatch(/Sales tax 7% +€2\.80/);
    expect(email.text).toMatch(/Total +€96\.30/);
    expect(email.text).toMatch(/Including VAT 19% +€7\.98/);
    expect(email.text.indexOf('Total')).toBeLessThan(email.text.indexOf('Including VAT'));
  });

  it('leaves out subtotal and discount when there is no discount', async () => {
    const plain = sampleOrder({ discountCents: 0, totalCents: 9000 });
    const email = await renderOrderConfirmation({ event, order: plain, tickets });
    expect(email.text).not.toContain('Discount');
    expect(email.text).not.toContain('Subtotal');
    expect(email.text).toMatch(/Total +€90\.00/);
  });

  it('formats amounts in the order currency, including currencies without minor units', async () => {
    const yen = sampleOrder({
      currency: 'JPY',
      subtotalCents: 3000,
      discountCents: 0,
      totalCents: 3000,
      items: [{ ticketTypeName: 'Standing', quantity: 2, unitPriceCents: 1500 }],
    });
    const yenEmail = await renderOrderConfirmation({ event, order: yen, tickets });
    expect(yenEmail.text).toMatch(/Standing \(2 × ¥1,500\) +¥3,000/);
    expect(yenEmail.text).toMatch(/Total +¥3,000/);

    const dollars = sampleOrder({ currency: 'USD' });
    const dollarEmail = await renderOrderConfirmation({ event, order: dollars, tickets });
    expect(dollarEmail.text).toMatch(/Total +\$81\.00/);
    expect(dollarEmail.html).toContain('$81.00');
  });

  it('calls free tickets free', async () => {
    const free = sampleOrder({
      subtotalCents: 0,
      discountCents: 0,
      totalCents: 0,
      items: [{ ticketTypeName: 'RSVP', quantity: 1, unitPriceCents: 0 }],
    });
    const email = await renderOrderConfirmation({ event, order: free, tickets: tickets.slice(0, 1) });
    expect(email.text).toMatch(/Total +Free/);
    expect(email.text).toContain('Your ticket is attached to this email as a PDF');
  });

  it('links the order page, shows the schedule and mentions the calendar file', async () => {
    const email = await renderOrderConfirmation({ event, order, tickets });
    expect(email.html).toContain(`href="${escapeHtml(order.url)}"`);
    expect(email.html).toContain('token=s3cret&amp;utm=mail');
    expect(email.text).toContain(order.url);
    expect(email.text).toContain('Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)');
    expect(email.text).toContain('.ics');
    expect(email.html).toContain('Add it to your calendar');
  });

  it('keeps the subject on one line whatever the title holds', async () => {
    const email = await renderOrderConfirmation({
      event: sampleEvent({ title: 'Line\r\nBcc: x' }),
      order,
      tickets,
    });
    expect(email.subject).toBe('Your tickets for Line Bcc: x');
  });

  it('refuses to link anything but http(s)', async () => {
    const bad = sampleOrder({ url: 'javascript:alert(1)' });
    await expect(renderOrderConfirmation({ event, order: bad, tickets })).rejects.toThrow(/non-http/);
  });
});

describe('renderRefundNotice', () => {
  it('announces a full refund and that the tickets are void', async () => {
    const refunded = sampleOrder({ refundedCents: 8100 });
    const email = await renderRefundNotice({ event, order: refunded, amountCents: 8100, isFull: true });
    expect(email.subject).toBe(`Refund of €81.00 for ${HOSTILE_TITLE}`);
    expect(email.text).toContain('We have refunded €81.00, the full amount of your order');
    expect(email.text).toContain('Your tickets are no longer valid');
    expect(email.text).not.toContain('Refunded in total');
    expect(email.text).toContain(refunded.url);
  });

  it('tells a partial refund apart and shows the running total', async () => {
    const partly = sampleOrder({ refundedCents: 5000 });
    const email = await renderRefundNotice({ event, order: partly, amountCents: 2500, isFull: false });
    expect(email.subject).toContain('€25.00');
    expect(email.text).toMatch(/Refunded now: +€25\.00/);
    expect(email.text).toMatch(/Refunded in total: +€50\.00/);
    expect(email.text).toMatch(/Order total: +€81\.00/);
    expect(email.text).toContain('Your other tickets stay valid');
    expect(email.text).not.toContain('no longer valid');
  });
});

describe('renderEventCancelled', () => {
  it('says the event is cancelled and how much was refunded', async () => {
    const email = await renderEventCancelled({ event, order, refundedCents: 8100 });
    expect(email.subject).toBe(`Cancelled: ${HOSTILE_TITLE}`);
    expect(email.text).toContain('We have refunded €81.00');
    expect(email.text).toContain('Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)');
    expect(email.html).toContain('€81.00');
    expect(email.text).toContain('Your tickets are no longer valid');
  });

  it('has nothing to refund on a free order', async () => {
    const free = sampleOrder({ subtotalCents: 0, discountCents: 0, totalCents: 0 });
    const email = await renderEventCancelled({ event, order: free, refundedCents: 0 });
    expect(email.text).toContain('Your tickets were free, so there is nothing to refund.');
  });
});

describe('renderEventChanged', () => {
  const moved = { startsAt: new Date('2026-12-11T18:00:00Z'), endsAt: new Date('2026-12-11T22:00:00Z') };

  it('shows the old and the new time, both in the event zone', async () => {
    const email = await renderEventChanged({ event, order, previous: { ...moved, venue: event.venue } });
    expect(email.subject).toBe(`New time: ${HOSTILE_TITLE}`);
    expect(email.text).toContain('Was: Friday 11 December 2026, 19:00 – 23:00 (Europe/Paris)');
    expect(email.text).toContain('Now: Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)');
    expect(email.text).toContain('(unchanged)');
    expect(email.html).toContain('Friday 11 December 2026, 19:00 – 23:00 (Europe/Paris)');
    expect(email.html).toContain('Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)');
    expect(email.html).toContain('line-through');
  });

  it('shows the old and the new venue', async () => {
    const previous = { startsAt: event.startsAt, endsAt: event.endsAt, venue: 'Old <Hall>' };
    const email = await renderEventChanged({ event, order, previous });
    expect(email.subject).toBe(`New venue: ${HOSTILE_TITLE}`);
    expect(email.text).toContain('Was: Old <Hall>');
    expect(email.text).toContain(`Now: ${event.venue}`);
    expect(email.html).toContain('Old &lt;Hall&gt;');
  });

  it('handles both at once and a venue announced for the first time', async () => {
    const email = await renderEventChanged({ event, order, previous: { ...moved, venue: null } });
    expect(email.subject).toBe(`New time and venue: ${HOSTILE_TITLE}`);
    expect(email.text).toContain('Was: To be announced');
  });
});

describe('renderReminder', () => {
  it.each([
    [1440, 'Tomorrow'],
    [120, 'In 2 hours'],
    [4320, 'In 3 days'],
    [45, 'In 45 minutes'],
    [60, 'In 1 hour'],
    [1, 'In 1 minute'],
    [90, 'In 90 minutes'],
    [10080, 'In 1 week'],
    [1530, 'In about 26 hours'],
    [4000, 'In about 3 days'],
  ])('describes an offset of %i minutes as "%s"', (minutes, phrase) => {
    expect(describeReminderOffset(minutes)).toBe(phrase);
  });

  it.each([
    [1440, 1440, 'Tomorrow'],
    [1440, 1431, 'Tomorrow'],
    [120, 106, 'In 2 hours'],
    [1440, 30, 'In 30 minutes'],
    [1440, 32.4, 'In 30 minutes'],
    [120, 3.2, 'In 3 minutes'],
    [1440, 0.2, 'In 1 minute'],
    [10080, 1300, 'In about 22 hours'],
    [1440, 1000, 'In about 17 hours'],
  ])(
    'a %i-minute reminder sent %s minutes before the start says "%s"',
    (offsetMinutes, minutesToStart, phrase) => {
      expect(reminderLead(offsetMinutes, minutesToStart)).toBe(phrase);
    },
  );

  it('a reminder caught up late says the real time left in its subject', async () => {
    const email = await renderReminder({ event, order, tickets, offsetMinutes: 1440, minutesToStart: 30 });
    expect(email.subject).toBe(`In 30 minutes: ${HOSTILE_TITLE}`);
  });

  it.each([
    [1440, `Tomorrow: ${HOSTILE_TITLE}`],
    [120, `In 2 hours: ${HOSTILE_TITLE}`],
    [4320, `In 3 days: ${HOSTILE_TITLE}`],
    [45, `In 45 minutes: ${HOSTILE_TITLE}`],
  ])('uses the offset in the subject (%i minutes)', async (offsetMinutes, subject) => {
    const email = await renderReminder({ event, order, tickets, offsetMinutes });
    expect(email.subject).toBe(subject);
  });

  it('reads naturally in the body and carries the tickets', async () => {
    const email = await renderReminder({ event, order, tickets, offsetMinutes: 120 });
    expect(email.text).toContain(`${HOSTILE_TITLE} starts in 2 hours.`);
    expect(email.text).toContain('Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)');
    for (const ticket of tickets) {
      expect(email.text).toContain(ticket.code);
      expect(email.text).toContain(ticket.pdfUrl);
    }
    expect(email.text).toContain(order.url);
    expect(email.html).toContain('Salle &quot;A&quot; &amp; &lt;B&gt;');
  });
});

describe('online events', () => {
  const JOIN = 'https://meet.example.com/j/123?pwd=a&b';
  const online = sampleEvent({ kind: 'online', venue: null, joinUrl: JOIN });

  it('the confirmation and the reminder carry the join link and say where: online', async () => {
    for (const email of [
      await renderOrderConfirmation({ event: online, order, tickets }),
      await renderReminder({ event: online, order, tickets, offsetMinutes: 120 }),
    ]) {
      expect(email.text).toContain(JOIN);
      expect(email.html).toContain('https://meet.example.com/j/123?pwd=a&amp;b');
      expect(email.text).toContain('Join online');
      expect(email.text).toMatch(/Where:? +Online/);
      expect(email.text).not.toContain('Venue to be announced');
    }
  });

  it('an online reminder has no door advice; a hybrid one names the venue and keeps it', async () => {
    const onlineReminder = await renderReminder({ event: online, order, tickets, offsetMinutes: 120 });
    expect(onlineReminder.text).not.toContain('At the door');
    const hybrid = sampleEvent({ kind: 'hybrid', joinUrl: JOIN });
    const hybridReminder = await renderReminder({ event: hybrid, order, tickets, offsetMinutes: 120 });
    expect(hybridReminder.text).toContain('At the door');
    expect(hybridReminder.text).toContain('Paris, and online');
    expect(hybridReminder.text).toContain(JOIN);
  });

  it('never shows the link to a former buyer (refund, cancellation)', async () => {
    const refunded = sampleOrder({ refundedCents: 8100 });
    for (const email of [
      await renderRefundNotice({ event: online, order: refunded, amountCents: 8100, isFull: true }),
      await renderEventCancelled({ event: online, order, refundedCents: 8100 }),
    ]) {
      expect(email.text).not.toContain('meet.example.com');
      expect(email.html).not.toContain('meet.example.com');
    }
  });
});

describe('renderEmailWithSlots (bulk messages compiled once)', () => {
  /** A second recipient of the same compiled shape, whose values all need escaping. */
  const hostileBuyer = () => ({
    order: sampleOrder({
      id: 'other-order',
      buyerName: `"Q" & <A> 'x' zz`,
      buyerEmail: 'o&o@example.com',
      url: 'https://tickets.example.com/orders/2?token=a"b&c=<d>',
    }),
    tickets: tickets.map((t, i) => ({ ...t, code: `CODE-${i}`, attendeeName: `<i>${i}</i> & co` })),
  });
  const frameFor =
    (who: { order: EmailOrder; tickets: EmailTicket[] }) =>
    (slot: Slot): EmailFrame => ({
      subject: `Tomorrow: ${event.title}`,
      preheader: 'See you there',
      badge: { text: 'Reminder', tone: 'info' },
      event,
      blocks: [
        paragraph(`Hi ${slot(who.order.buyerName)},`),
        {
          kind: 'tickets',
          tickets: who.tickets.map((t) => ({
            ...t,
            code: slot(t.code),
            attendeeName: slot(t.attendeeName),
            pdfUrl: slot(t.pdfUrl, 'url'),
          })),
        },
        { kind: 'button', label: 'View your order', href: slot(who.order.url, 'url') },
      ],
      reason: `Order ${slot(who.order.id)} of ${slot(who.order.buyerEmail)}.`,
    });

  it('gives byte for byte what renderEmail gives, for every recipient (hostile values included)', async () => {
    const people = [{ order, tickets }, hostileBuyer()];
    for (const who of people) {
      const fast = await renderEmailWithSlots(frameFor(who));
      const slow = await renderEmail(frameFor(who)((value) => value));
      expect(fast).toEqual(slow);
      expect(fast.html).not.toContain('slot.invalid');
    }
  });

  it('refuses a non-http(s) link in a slot, as renderEmail does', async () => {
    const bad = { order: sampleOrder({ url: 'javascript:alert(1)' }), tickets };
    await expect(renderEmailWithSlots(frameFor(bad))).rejects.toThrow(/non-http/);
  });

  it('renders the confirmation byte for byte as renderEmail would, for each buyer of one compiled shape', async () => {
    const buyers = [
      { event, order, tickets },
      { event, ...hostileBuyer() },
    ];
    for (const input of buyers) {
      const fast = await renderOrderConfirmation(input);
      const slow = await renderEmail(orderConfirmationFrame(input, (value) => value));
      expect(fast).toEqual(slow);
      expect(fast.html).not.toMatch(/zz[0-9a-f]{12}s\d+zz|slot\.invalid/);
    }
  });

  it('renders the reminder as renderEmail would', async () => {
    // renderReminder uses slots: its HTML must hold every escaped per-order value and no placeholder.
    const email = await renderReminder({ event, order, tickets, offsetMinutes: 120 });
    expect(email.html).toContain(escapeHtml(order.buyerName));
    expect(email.html).toContain(escapeHtml(order.url));
    for (const ticket of tickets) expect(email.html).toContain(escapeHtml(ticket.attendeeName));
    expect(email.html).not.toMatch(/zz[0-9a-f]{12}s\d+zz/);
  });
});

describe('renderLatePaymentRefunded', () => {
  it('explains the refund and that nothing is needed', async () => {
    const email = await renderLatePaymentRefunded({ event, order, amountCents: 8100 });
    expect(email.subject).toBe(`Your payment for ${HOSTILE_TITLE} has been refunded`);
    expect(email.text).toContain('refunded your payment of €81.00 automatically');
    expect(email.text).toContain('Nothing for you to do');
    expect(email.text).toContain(event.url);
    expect(email.html).toContain(`href="${event.url}"`);
  });
});

/** What each language's emails must say, for the same event, order and tickets as above. */
const LANGUAGE_CASES = [
  {
    language: 'de',
    confirmationSubject: `Ihre Tickets für ${HOSTILE_TITLE}`,
    labels: ['Bestellübersicht', 'Ihre Tickets', 'Zwischensumme', 'Rabatt', 'Gesamt', 'Wann:', 'Wo:'],
    schedule: 'Freitag, 18. Dezember 2026, 19:00 – 23:00 (Europe/Paris)',
    total: '81,00\u00a0€',
    item: /General Admission \(2 × 25,00\u00a0€\) +50,00\u00a0€/,
    sentBy: 'Versendet von Z-Events im Auftrag von Rock & <Roll> Collective.',
    reminderSubject: `In 2 Stunden: ${HOSTILE_TITLE}`,
    reminderBody: `${HOSTILE_TITLE} beginnt in 2 Stunden.`,
    // Subjects are one line of plain spaces (singleLine): Intl's no-break space before € included.
    refundSubject: `Erstattung von 81,00 € für ${HOSTILE_TITLE}`,
    refundLabels: ['Ihre Tickets sind nicht mehr gültig', 'Jetzt erstattet:', 'Bestellung ansehen'],
  },
  {
    language: 'fr',
    confirmationSubject: `Vos billets pour ${HOSTILE_TITLE}`,
    labels: [
      'Récapitulatif de la commande',
      'Vos billets',
      'Sous-total',
      'Remise',
      'Quand\u00a0:',
      'Où\u00a0:',
    ],
    schedule: 'vendredi 18 décembre 2026, 19:00 – 23:00 (Europe/Paris)',
    total: '81,00\u00a0€',
    item: /General Admission \(2 × 25,00\u00a0€\) +50,00\u00a0€/,
    sentBy: 'Envoyé par Z-Events pour le compte de Rock & <Roll> Collective.',
    reminderSubject: `Dans 2 heures : ${HOSTILE_TITLE}`,
    reminderBody: `${HOSTILE_TITLE} commence dans 2 heures.`,
    refundSubject: `Remboursement de 81,00 € pour ${HOSTILE_TITLE}`,
    refundLabels: ['Vos billets ne sont plus valables', 'Remboursé maintenant\u00a0:', 'Voir votre commande'],
  },
  {
    language: 'es',
    confirmationSubject: `Tus entradas para ${HOSTILE_TITLE}`,
    labels: ['Resumen del pedido', 'Tus entradas', 'Subtotal', 'Descuento', 'Cuándo:', 'Dónde:'],
    schedule: 'viernes, 18 de diciembre de 2026, 19:00 – 23:00 (Europe/Paris)',
    total: '81,00\u00a0€',
    item: /General Admission \(2 × 25,00\u00a0€\) +50,00\u00a0€/,
    sentBy: 'Enviado por Z-Events en nombre de Rock & <Roll> Collective.',
    reminderSubject: `En 2 horas: ${HOSTILE_TITLE}`,
    reminderBody: `${HOSTILE_TITLE} empieza en 2 horas.`,
    refundSubject: `Reembolso de 81,00 € para ${HOSTILE_TITLE}`,
    refundLabels: ['Tus entradas ya no son válidas', 'Reembolsado ahora:', 'Ver tu pedido'],
  },
] as const;

/** English fixed texts that must not survive in a translated email (user text aside). */
const ENGLISH_TEXTS = [
  'Order summary',
  'Your ticket',
  'Thank you',
  'Hi ',
  'Sent by',
  'Event page',
  'You are receiving',
  'View your',
  'When:',
  'Where:',
  'Download ticket',
  'Ticket 1 of',
  'Discount',
  'Order confirmed',
  'Add it to your calendar',
  'A quick reminder',
  'At the door',
  'Refunded now',
  'Order total',
  'no longer valid',
  ' at 19:00',
];

function expectNoEnglish(email: RenderedEmail) {
  for (const english of ENGLISH_TEXTS) {
    expect(email.text, english).not.toContain(english);
    expect(email.html, english).not.toContain(english);
  }
}

describe.each(LANGUAGE_CASES)('emails of an event in $language', (expected) => {
  const localEvent = sampleEvent({ language: expected.language });

  it('the confirmation is translated, with dates and money as the language writes them', async () => {
    const email = await renderOrderConfirmation({
      event: localEvent,
      order,
      tickets,
      invoiceNumber: 'INV-7',
    });
    expect(email.subject).toBe(expected.confirmationSubject);
    for (const label of expected.labels) expect(email.text).toContain(label);
    expect(email.text).toContain(expected.schedule);
    expect(email.html).toContain(expected.schedule);
    expect(email.text).toMatch(expected.item);
    expect(email.text).toContain(expected.total);
    expect(email.html).toContain(expected.total);
    expect(email.text).toContain(expected.sentBy);
    expect(email.html).toContain(`lang="${expected.language}"`);
    expectNoEnglish(email);
    // Translated or not, user text stays escaped in the HTML.
    expect(email.html).toContain(ESCAPED_TITLE);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt; Camille');
    expect(email.html).not.toMatch(/<script/i);
  });

  it('the confirmation compiled once per shape is still what renderEmail gives, in its own language', async () => {
    const english = await renderOrderConfirmation({ event, order, tickets });
    const fast = await renderOrderConfirmation({ event: localEvent, order, tickets });
    const slow = await renderEmail(orderConfirmationFrame({ event: localEvent, order, tickets }, (v) => v));
    expect(fast).toEqual(slow);
    expect(fast.html).not.toBe(english.html);
  });

  it('the reminder says when in the language, plurals included', async () => {
    const email = await renderReminder({ event: localEvent, order, tickets, offsetMinutes: 120 });
    expect(email.subject).toBe(expected.reminderSubject);
    expect(email.text).toContain(expected.reminderBody);
    expect(email.text).toContain(expected.schedule);
    expectNoEnglish(email);
    expect(email.html).toContain(ESCAPED_TITLE);
  });

  it('the refund notice is translated, its amounts in the locale', async () => {
    const refunded = sampleOrder({ refundedCents: 8100 });
    const email = await renderRefundNotice({
      event: localEvent,
      order: refunded,
      amountCents: 8100,
      isFull: true,
    });
    expect(email.subject).toBe(expected.refundSubject);
    for (const label of expected.refundLabels) expect(email.text).toContain(label);
    expect(email.text).toContain(expected.total);
    expectNoEnglish(email);
    expect(email.html).toContain(ESCAPED_TITLE);
    expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt; Camille');
  });
});

describe('describeReminderOffset in other languages', () => {
  it.each([
    [1440, 'de', 'Morgen'],
    [60, 'de', 'In 1 Stunde'],
    [4320, 'de', 'In 3 Tagen'],
    [1, 'fr', 'Dans 1 minute'],
    [10080, 'fr', 'Dans 1 semaine'],
    [1530, 'fr', 'Dans environ 26 heures'],
    [45, 'es', 'En 45 minutos'],
    [0, 'es', 'Empieza ahora'],
    [4000, 'es', 'En aproximadamente 3 días'],
  ] as const)('%i minutes in %s: "%s"', (minutes, language, phrase) => {
    expect(describeReminderOffset(minutes, language)).toBe(phrase);
  });
});

describe('the other buyer emails in German', () => {
  const german = sampleEvent({ language: 'de' });

  it('cancellation, change and late refund speak German with German dates and money', async () => {
    const cancelled = await renderEventCancelled({ event: german, order, refundedCents: 8100 });
    expect(cancelled.subject).toBe(`Abgesagt: ${HOSTILE_TITLE}`);
    expect(cancelled.text).toContain('81,00\u00a0€');
    const changed = await renderEventChanged({
      event: german,
      order,
      previous: {
        startsAt: new Date('2026-12-11T18:00:00Z'),
        endsAt: new Date('2026-12-11T22:00:00Z'),
        venue: 'Old <Hall>',
      },
    });
    expect(changed.subject).toBe(`Neue Uhrzeit und neuer Ort: ${HOSTILE_TITLE}`);
    expect(changed.text).toContain('Alt: Freitag, 11. Dezember 2026, 19:00 – 23:00 (Europe/Paris)');
    expect(changed.html).toContain('ALT</td>');
    const late = await renderLatePaymentRefunded({ event: german, order, amountCents: 8100 });
    expect(late.subject).toBe(`Ihre Zahlung für ${HOSTILE_TITLE} wurde erstattet`);
    for (const email of [cancelled, changed, late]) {
      expectNoEnglish(email);
      expect(email.html).toContain(ESCAPED_TITLE);
    }
  });
});
