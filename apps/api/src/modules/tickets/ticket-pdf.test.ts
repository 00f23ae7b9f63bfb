import { describe, expect, it } from 'vitest';
import { createTicketSigner } from './ticket-qr';
import { formatEventSchedule, pdfText, renderTicketPdf, type TicketPdfInput } from './ticket-pdf';

const signer = createTicketSigner('pdf-test-secret');

function sampleInput(overrides: { status?: TicketPdfInput['ticket']['status'] } = {}): TicketPdfInput {
  return {
    event: {
      title: 'Midnight Jazz at Le Caveau',
      venue: 'Le Caveau de la Huchette, 5 Rue de la Huchette, 75005 Paris',
      startsAt: new Date('2026-12-18T18:00:00Z'),
      endsAt: new Date('2026-12-18T22:00:00Z'),
      timezone: 'Europe/Paris',
    },
    organizationName: 'Paris Live Music Collective',
    ticket: {
      code: '7K3M-9PQZ',
      qr: signer.sign({
        ticketId: '0195f7d2-5b8e-7c3a-9d41-2f6b8a1c3e57',
        eventId: '0195f7d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
      }),
      attendeeName: 'Zoë Martin',
      ticketTypeName: 'General Admission – Standing',
      status: overrides.status ?? 'valid',
    },
    order: { id: '0195f7d3-8c9d-7e0f-a1b2-c3d4e5f60718', buyerName: 'Camille Dubois' },
  };
}

function pageCount(pdf: Buffer): number {
  // Page objects are never compressed by pdfkit, only their content streams.
  return pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
}

function expectOnePagePdf(pdf: Buffer): void {
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(5 * 1024);
  expect(pageCount(pdf)).toBe(1);
}

describe('renderTicketPdf', () => {
  it.each(['valid', 'checked_in', 'void'] as const)(
    'renders a one-page PDF for a %s ticket',
    async (status) => {
      expectOnePagePdf(await renderTicketPdf(sampleInput({ status })));
    },
  );

  it('renders text the built-in fonts cannot draw without throwing', async () => {
    const input = sampleInput({ status: 'void' });
    input.event.title = '東京ジャズ・フェスティバル 🎷🎉 مهرجان Фестиваль';
    input.event.venue = '渋谷区 1-2-3\nTokyo\u0000\u200b';
    input.organizationName = 'µ Ünïcödé Łódź 👩‍👩‍👧 Ő';
    input.ticket.attendeeName = '李小龍 \uD800 e\u0301 🏳️‍🌈';
    input.ticket.ticketTypeName = 'VIP 🥂';
    input.order.buyerName = 'Ωmega';
    expectOnePagePdf(await renderTicketPdf(input));
  });

  it('stays on one page with very long text, no venue and an unknown time zone', async () => {
    const input = sampleInput();
    input.event.title = 'A very long event title '.repeat(200);
    input.event.venue = null;
    input.event.timezone = 'Mars/Olympus_Mons';
    input.event.endsAt = new Date('2026-12-20T03:00:00Z');
    input.organizationName = 'Organisation '.repeat(100);
    input.ticket.attendeeName = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(20);
    input.ticket.ticketTypeName = 'Premium '.repeat(300);
    input.ticket.code = 'X'.repeat(200);
    input.order.buyerName = 'Buyer '.repeat(100);
    expectOnePagePdf(await renderTicketPdf(input));
  });
});

describe('formatEventSchedule', () => {
  it('formats in the event time zone', () => {
    expect(formatEventSchedule(sampleInput().event)).toBe(
      'Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)',
    );
  });

  it('follows daylight saving time', () => {
    const summer = {
      startsAt: new Date('2026-07-03T18:00:00Z'),
      endsAt: new Date('2026-07-03T21:30:00Z'),
      timezone: 'Europe/Paris',
    };
    expect(formatEventSchedule(summer)).toBe('Friday 3 July 2026, 20:00 – 23:30 (Europe/Paris)');
  });

  it('names both days only when the event runs past local midnight', () => {
    const lateNight = {
      startsAt: new Date('2026-12-18T21:00:00Z'),
      endsAt: new Date('2026-12-19T02:00:00Z'),
      timezone: 'America/New_York',
    };
    expect(formatEventSchedule(lateNight)).toBe('Friday 18 December 2026, 16:00 – 21:00 (America/New_York)');
    expect(formatEventSchedule({ ...lateNight, timezone: 'Europe/Paris' })).toBe(
      'Friday 18 December 2026, 22:00 – Saturday 19 December 2026, 03:00 (Europe/Paris)',
    );
  });

  it('falls back to UTC, and says so, for an unknown time zone', () => {
    expect(formatEventSchedule({ ...sampleInput().event, timezone: 'Not/AZone' })).toBe(
      'Friday 18 December 2026, 18:00 – 22:00 (UTC)',
    );
  });
});

describe('pdfText', () => {
  it.each([
    ['Zoë Martin', 'Zoë Martin'],
    ['Crème brûlée – 10 €', 'Crème brûlée – 10 €'],
    ['Łódź', 'Lódz'],
    ['Ő Ű ő', 'O U o'],
    ['e\u0301', 'é'],
    ['ﬁne', 'fine'],
    ['李小龍', '???'],
    ['Family 👩‍👩‍👧 here', 'Family ? here'],
    ['line\nbreak\ttab', 'line break tab'],
    ['zero\u200bwidth', 'zerowidth'],
    ['lone \uD800 surrogate', 'lone ? surrogate'],
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(pdfText(input)).toBe(expected);
  });
});
