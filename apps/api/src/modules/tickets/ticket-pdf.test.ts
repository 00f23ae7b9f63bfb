import { inflateSync } from 'node:zlib';
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import sharp from 'sharp';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTicketSigner } from './ticket-qr';
import {
  foldForPdf,
  formatEventSchedule,
  keptDrawingCounts,
  pdfText,
  renderTicketPdf,
  type TicketPdfInput,
} from './ticket-pdf';

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
  // The QR code is vector rectangles now (it was a 600 px PNG): a page is about 5 kB.
  expect(pdf.length).toBeGreaterThan(3 * 1024);
  expect(pageCount(pdf)).toBe(1);
}

/** The page's drawing operators: pdfkit deflates each content stream. */
function pageContent(pdf: Buffer): string {
  const streams = pdf.toString('latin1').matchAll(/stream\n([\s\S]*?)\nendstream/g);
  return [...streams]
    .map((m) => {
      try {
        return inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
      } catch {
        // An image stream (a JPEG cover is stored as is), not drawing operators.
        return '';
      }
    })
    .join('\n');
}

/** Each line of text drawn on the page: a shown string is an array of hex runs split where pdfkit kerns. */
function shownLines(pdf: Buffer): string[] {
  return [...pageContent(pdf).matchAll(/\[(.*)\] TJ/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<([0-9a-f]*)>/g)]
      .map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1'))
      .join(''),
  );
}

/**
 * The page's characters in reading order without white space, so a text is there whole whether it
 * wrapped at a space or at a slash; WinAnsi's en dash (0x96) read back as itself.
 */
function pageCharacters(pdf: Buffer): string {
  return shownLines(pdf).join('').replace(/\s+/g, '').replace(/\x96/g, '–');
}

/**
 * Reads the QR code back from the page as the door's scanner (ZXing) does: the black rectangles
 * filled together are painted into a grey-scale image, 4 pixels per module with a white margin.
 */
function decodeQrOnPage(pdf: Buffer): string {
  const block = /((?:[\d.]+ [\d.]+ [\d.]+ [\d.]+ re\n)+)\/DeviceRGB cs\n0 0 0 scn\nf/.exec(pageContent(pdf));
  if (!block?.[1]) throw new Error('no QR code drawn on the page');
  const rects = block[1]
    .trim()
    .split('\n')
    .map((line) => line.split(' ').slice(0, 4).map(Number) as [number, number, number, number]);
  const cell = Math.min(...rects.map((r) => r[3]));
  const left = Math.min(...rects.map((r) => r[0]));
  const top = Math.min(...rects.map((r) => r[1]));
  const size = Math.round((Math.max(...rects.map((r) => r[0] + r[2])) - left) / cell);
  const scale = 4;
  const margin = 4 * scale;
  const side = size * scale + 2 * margin;
  const pixels = new Uint8ClampedArray(side * side).fill(255);
  for (const [x, y, width] of rects) {
    const row = Math.round((y - top) / cell);
    const col = Math.round((x - left) / cell);
    for (let py = 0; py < scale; py++) {
      const start = (margin + row * scale + py) * side + margin + col * scale;
      pixels.fill(0, start, start + Math.round(width / cell) * scale);
    }
  }
  const image = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(pixels, side, side)));
  return new QRCodeReader().decode(image).getText();
}

describe('renderTicketPdf', () => {
  it.each(['valid', 'checked_in', 'void'] as const)(
    'renders a one-page PDF for a %s ticket',
    async (status) => {
      expectOnePagePdf(await renderTicketPdf(sampleInput({ status })));
    },
  );

  it('draws the signed QR code so that it decodes to the ticket, and prints the fields', async () => {
    const input = sampleInput();
    const pdf = await renderTicketPdf(input);
    expect(decodeQrOnPage(pdf)).toBe(input.ticket.qr);
    expect(signer.verify(decodeQrOnPage(pdf))?.ticketId).toBe('0195f7d2-5b8e-7c3a-9d41-2f6b8a1c3e57');
    const shown = shownLines(pdf);
    for (const field of ['7K3M-9PQZ', 'ATTENDEE', 'Zoë Martin', 'VENUE', 'Camille Dubois'])
      expect(shown).toContain(field);
  });

  it('prints the whole schedule of an event past midnight in a long-named zone, nothing cut off', async () => {
    const input = sampleInput();
    // The widest schedule there is: a long weekday and month, two-digit days, the longest zone name.
    input.event.startsAt = new Date('2026-10-01T01:00:00Z');
    input.event.endsAt = new Date('2026-10-01T05:00:00Z');
    input.event.timezone = 'America/Argentina/ComodRivadavia';
    const pdf = await renderTicketPdf(input);
    expectOnePagePdf(pdf);
    const schedule = formatEventSchedule(input.event);
    expect(schedule).toBe(
      'Wednesday 30 September 2026, 22:00 – Thursday 1 October 2026, 02:00 (America/Argentina/ComodRivadavia)',
    );
    const text = pageCharacters(pdf);
    // Once in the header band, once in the details column (there on three lines).
    expect(text.split(schedule.replace(/\s+/g, ''))).toHaveLength(3);
    expect(text).not.toContain('…');
  });

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

  it('draws the cover behind the title band, clipped to it, and still decodes', async () => {
    const cover = await sharp({
      create: { width: 600, height: 338, channels: 3, background: { r: 200, g: 80, b: 40 } },
    })
      .jpeg()
      .toBuffer();
    const input = { ...sampleInput(), cover: new Uint8Array(cover) };
    const pdf = await renderTicketPdf(input);
    expectOnePagePdf(pdf);
    expect(pdf.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(decodeQrOnPage(pdf)).toBe(input.ticket.qr);
    // Without a cover there is no image at all (the QR code is vector).
    expect((await renderTicketPdf(sampleInput())).toString('latin1')).not.toMatch(/\/Subtype \/Image/);
  });

  it('keeps the plain band when the cover is not an image pdfkit reads', async () => {
    const input = { ...sampleInput(), cover: new Uint8Array(Buffer.from('not an image at all')) };
    expectOnePagePdf(await renderTicketPdf(input));
  });

  it('prints the join link of an online event as a link, and never on a void ticket', async () => {
    const input = sampleInput();
    input.event = { ...input.event, kind: 'online', onlineUrl: 'https://meet.example.com/jazz-night-2026' };
    const pdf = await renderTicketPdf(input);
    expectOnePagePdf(pdf);
    const shown = shownLines(pdf);
    expect(shown).toContain('JOIN ONLINE');
    expect(shown).toContain('Online');
    expect(pdf.toString('latin1')).toContain('(https://meet.example.com/jazz-night-2026)');

    const voided = sampleInput({ status: 'void' });
    voided.event = { ...voided.event, kind: 'online', onlineUrl: 'https://meet.example.com/jazz-night-2026' };
    const voidPdf = await renderTicketPdf(voided);
    expect(shownLines(voidPdf)).not.toContain('JOIN ONLINE');
    expect(voidPdf.toString('latin1')).not.toContain('meet.example.com');
  });

  it.each([
    ['de', 'TEILNEHMER', 'Freitag, 18. Dezember 2026', 'ÜLTIG'],
    ['fr', 'PARTICIPANT', 'vendredi 18 décembre 2026', 'ANNUL'],
    ['es', 'ASISTENTE', 'viernes, 18 de diciembre de 2026', 'ANULADA'],
  ] as const)(
    'speaks the event language %s: labels, the schedule and the void stamp',
    async (language, attendee, day, stamp) => {
      const input = { ...sampleInput({ status: 'void' }), language };
      const pdf = await renderTicketPdf(input);
      expectOnePagePdf(pdf);
      const shown = shownLines(pdf);
      expect(shown).toContain(attendee);
      expect(shown).not.toContain('ATTENDEE');
      expect(pageCharacters(pdf)).toContain(day.replace(/\s+/g, ''));
      expect(shown.some((line) => line.includes(stamp))).toBe(true);
    },
  );

  it('prints no join link for an in-person event even if a link was left behind', async () => {
    const input = sampleInput();
    input.event = { ...input.event, kind: 'in_person', onlineUrl: 'https://meet.example.com/old' };
    const pdf = await renderTicketPdf(input);
    expect(shownLines(pdf)).not.toContain('JOIN ONLINE');
    expect(pageCharacters(pdf)).toContain('LeCaveaudelaHuchette');
  });
});

describe('renderTicketPdf, drawing kept per event', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The tickets of one event (a title of its own: kept drawing lives as long as the thread). */
  function ticketsOf(title: string, cover?: Uint8Array) {
    const base = sampleInput();
    return (n: number, overrides: Partial<TicketPdfInput['ticket']> = {}): TicketPdfInput => ({
      ...base,
      event: { ...base.event, title },
      ...(cover ? { cover } : {}),
      ticket: {
        ...base.ticket,
        code: `KEPT-${n}`,
        qr: signer.sign({
          ticketId: `0195f7d2-5b8e-7c3a-9d41-2f6b8a1c3e${String(n).padStart(2, '0')}`,
          eventId: '0195f7d0-1a2b-7c3d-8e4f-5a6b7c8d9e0f',
        }),
        attendeeName: `Attendee ${n}`,
        ...overrides,
      },
      order: {
        id: `0195f7d3-8c9d-7e0f-a1b2-c3d4e5f607${String(n).padStart(2, '0')}`,
        buyerName: `Buyer ${n}`,
      },
    });
  }

  /** Each ticket as the kept drawing renders it, and as drawing everything renders it: the same bytes. */
  async function expectSameAsDrawn(tickets: TicketPdfInput[]) {
    // pdfkit dates the file, and its id follows from the date.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T12:00:00Z'));
    const before = keptDrawingCounts();
    for (const ticket of tickets) {
      const kept = await renderTicketPdf(ticket);
      const drawn = await renderTicketPdf(ticket, { keepSegments: false });
      expect(pageContent(kept)).toBe(pageContent(drawn));
      expect(kept.equals(drawn)).toBe(true);
      expect(decodeQrOnPage(kept)).toBe(ticket.ticket.qr);
    }
    // Most of what the later tickets share was replayed, not drawn again.
    const after = keptDrawingCounts();
    expect(after.replayed - before.replayed).toBeGreaterThan(4 * (tickets.length - 2));
    return after;
  }

  it('writes the same bytes as drawing every ticket in full, whatever each ticket holds', async () => {
    const ticket = ticketsOf(`Kept drawing ${Math.random()}`);
    await expectSameAsDrawn([
      ticket(1),
      ticket(2),
      // A name on two lines moves the fields under it, and the stub.
      ticket(3, { attendeeName: 'Maximiliane Wolfeschlegelsteinhausenberger-Dorffvoralternwaren' }),
      ticket(4, { ticketTypeName: 'VIP balcony' }),
      ticket(5, { status: 'checked_in' }),
      ticket(6, { status: 'void' }),
      ticket(7),
      ticket(8, { attendeeName: 'Zoë Martin', status: 'void' }),
    ]);
  });

  it('writes the same bytes with a cover between the band and its texts, and for an online event', async () => {
    const cover = await sharp({
      create: { width: 600, height: 338, channels: 3, background: { r: 20, g: 80, b: 140 } },
    })
      .jpeg()
      .toBuffer();
    const covered = ticketsOf(`Kept drawing with a cover ${Math.random()}`, new Uint8Array(cover));
    await expectSameAsDrawn([covered(1), covered(2), covered(3, { status: 'void' })]);
    const online = ticketsOf(`Kept drawing online ${Math.random()}`);
    const withLink = (n: number, status: TicketPdfInput['ticket']['status'] = 'valid') => {
      const input = online(n, { status });
      return { ...input, event: { ...input.event, kind: 'online', onlineUrl: 'https://meet.example.com/k' } };
    };
    await expectSameAsDrawn([withLink(1), withLink(2), withLink(3, 'void'), withLink(4)]);
  });

  it('writes the same bytes for a hybrid event in another language, and keeps each language apart', async () => {
    const title = `Kept drawing hybrid ${Math.random()}`;
    const hybrid = ticketsOf(title);
    const inLanguage = (
      n: number,
      language: 'de' | 'fr',
      status: TicketPdfInput['ticket']['status'] = 'valid',
    ) => {
      const input = hybrid(n, { status });
      return {
        ...input,
        language,
        event: { ...input.event, kind: 'hybrid', onlineUrl: 'https://meet.example.com/h' },
      };
    };
    await expectSameAsDrawn([
      inLanguage(1, 'de'),
      inLanguage(2, 'de'),
      inLanguage(3, 'fr'),
      inLanguage(4, 'fr', 'void'),
    ]);
    // The French tickets carry French labels, not the German ones kept first.
    const french = pageCharacters(await renderTicketPdf(inLanguage(5, 'fr')));
    expect(french).toContain('ScannezleQRcode');
    expect(french).not.toContain('QR-Codescannen');
    expect(pageCharacters(await renderTicketPdf(inLanguage(6, 'de')))).toContain('QR-Codescannen');
  });

  it('draws the next tickets of an event in less CPU than the first (the kept part is replayed)', async () => {
    const ticket = ticketsOf(`Kept drawing timing ${Math.random()}`);
    const cpu = async (inputs: TicketPdfInput[], keepSegments: boolean) => {
      const before = process.cpuUsage();
      for (const input of inputs) await renderTicketPdf(input, { keepSegments });
      const spent = process.cpuUsage(before);
      return spent.user + spent.system;
    };
    const inputs = Array.from({ length: 60 }, (_, n) => ticket(n));
    await cpu(inputs.slice(0, 10), true);
    await cpu(inputs.slice(0, 10), false);
    // Not a benchmark (bench:emails is): only that replaying is no slower than drawing, by a wide margin.
    expect(await cpu(inputs, true)).toBeLessThan(2 * (await cpu(inputs, false)));
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

  it('takes its shortcut for drawable text only where the general path gives the same', () => {
    // Drawable characters, the spaces the shortcut collapses, and ones it must leave to the general path.
    const alphabet = [...'aZ9 -é€–…\u00ad\u00a0', '\t', '\n', 'e\u0301', 'Ł', '李', '👩‍👧', '\u200b', '\uD800'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (chars) => {
        const value = chars.join('');
        expect(pdfText(value)).toBe(foldForPdf(value.normalize('NFC')));
      }),
      { numRuns: 2000 },
    );
  });
});
