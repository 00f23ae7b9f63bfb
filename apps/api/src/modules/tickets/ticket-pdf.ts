import { INTL_LOCALES, type Language, translatorFor } from '@zevents/i18n';
import { DateTime } from 'luxon';
import { collectPdf, createPdfDocument, isWinAnsi } from '../../shared/pdf-document';
import { createSegmentCache, type SegmentCounts } from '../../shared/pdf-segments';
import { drawQrCode, qrModules, type QrModules } from './ticket-qr-vector';

export interface TicketPdfInput {
  event: {
    title: string;
    venue: string | null;
    startsAt: Date;
    endsAt: Date;
    timezone: string;
    /** 'online' and 'hybrid' events print their join link: the ticket is only ever in its holder's hands. */
    kind?: string;
    onlineUrl?: string | null;
  };
  organizationName: string;
  /**
   * The event's cover (JPEG or PNG bytes, about 600 px wide), drawn behind the title band; absent: the
   * plain band. A Uint8Array because it crosses to the rendering threads by structured clone.
   */
  cover?: Uint8Array;
  ticket: {
    code: string;
    qr: string;
    attendeeName: string;
    ticketTypeName: string;
    status: 'valid' | 'checked_in' | 'void';
  };
  order: { id: string; buyerName: string };
  /** The event's language (its organizer's choice for emails and tickets); English when absent. */
  language?: Language;
}

type Doc = PDFKit.PDFDocument;

// A4 in points; every position below is computed from these so nothing depends on pdfkit's margins.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 48;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
// About 8 cm printed: scans from a phone held at arm's length, and from a phone screen at the door.
const QR_SIZE = 236;
const QR_PADDING = 12;
const COLUMN_GAP = 32;
const NOTES_HEIGHT = 74;
const FOOTER_TOP = PAGE_HEIGHT - 40;

const TICKET_FONTS = ['Helvetica-Bold', 'Courier-Bold', 'Courier', 'Helvetica'] as const;

const COLORS = {
  band: '#1E1B4B',
  accent: '#818CF8',
  bandText: '#FFFFFF',
  bandMuted: '#C7D2FE',
  text: '#111827',
  muted: '#6B7280',
  rule: '#E5E7EB',
  panel: '#F9FAFB',
  void: '#DC2626',
} as const;

const TITLE_STYLE = {
  width: CONTENT_WIDTH,
  font: 'Helvetica-Bold',
  sizes: [30, 26, 22, 19],
  maxLines: 3,
  color: COLORS.bandText,
} as const;
const SCHEDULE_STYLE = {
  width: CONTENT_WIDTH,
  font: 'Helvetica',
  sizes: [12.5],
  maxLines: 2,
  color: COLORS.bandMuted,
} as const;

interface FieldStyle {
  /** Tried largest first: the first size at which the value fits in maxLines is drawn. */
  sizes: readonly number[];
  bold: boolean;
  maxLines: number;
}

const FIELD_STYLE: FieldStyle = { sizes: [13], bold: false, maxLines: 3 };
// Its three lines must show whole (a ticket once read "02:00…"): the widest (a long weekday and
// month, the longest zone name) still fit the column, one line each, at 11 points.
const SCHEDULE_FIELD_STYLE: FieldStyle = { sizes: [13, 12, 11, 10, 9], bold: false, maxLines: 3 };

const STATUS_COLORS = {
  valid: { fill: '#DCFCE7', ink: '#166534' },
  checked_in: { fill: '#FEF3C7', ink: '#92400E' },
  void: { fill: '#FEE2E2', ink: '#991B1B' },
} as const;

/** Every fixed text of the page in one language (keys written out whole: catalogs.test.ts checks them). */
function labelsIn(language: Language) {
  const t = translatorFor(language);
  return {
    admission: t('ticket.admission'),
    scanHint: t('ticket.scanHint'),
    attendee: t('ticket.attendee'),
    dateAndTime: t('ticket.dateAndTime'),
    ticketType: t('ticket.ticketType'),
    venue: t('ticket.venue'),
    joinOnline: t('ticket.joinOnline'),
    online: t('ticket.online'),
    venueTba: t('ticket.venueTba'),
    voidNotice: t('ticket.voidNotice'),
    order: t('ticket.order'),
    purchasedBy: t('ticket.purchasedBy'),
    goodToKnow: t('ticket.goodToKnow'),
    advice: t('ticket.advice'),
    footer: (orderId: string) => t('ticket.footer', { orderId }),
    status: {
      valid: t('ticket.status.valid'),
      checked_in: t('ticket.status.checked_in'),
      void: t('ticket.status.void'),
    },
    voidStamp: t('ticket.voidStamp'),
  };
}
type Labels = ReturnType<typeof labelsIn>;

/**
 * One A4 page. Built-in fonts only, so rendering needs no font files and no network. What is the
 * same on every ticket of the event is drawn on its first ticket and replayed on the next ones (the
 * same bytes); `keepSegments: false` draws everything (the tests compare the two).
 */
export async function renderTicketPdf(
  input: TicketPdfInput,
  options: { keepSegments?: boolean } = {},
): Promise<Buffer> {
  const qr = qrModules(input.ticket.qr);
  const part = eventPartOf(input, options.keepSegments !== false);
  const doc = createPdfDocument({
    size: 'A4',
    margin: 0,
    // PDF metadata is UTF-16, so it keeps the real title even where the page falls back to "?".
    info: { Title: `${input.event.title} - ticket ${input.ticket.code}`, Author: input.organizationName },
  });
  const done = collectPdf(doc);
  // Every font the page may use, opened in one order so each has the same id in every ticket: kept
  // drawing names fonts by id. Opening costs nothing; only fonts drawn with are written to the file.
  for (const font of TICKET_FONTS) doc.font(font);

  const bandBottom = drawHeader(doc, part, input.cover);
  const bodyTop = bandBottom + 36;
  const qrBottom = drawQrPanel(doc, input, part, qr, bodyTop);
  const detailsBottom = drawDetails(doc, input, part, bodyTop);
  const stubTop = Math.max(qrBottom, detailsBottom) + 40;
  drawStub(doc, input, part, stubTop);
  // Across the QR code on purpose: a void ticket should not even look scannable.
  if (input.ticket.status === 'void') drawVoidStamp(doc, part.labels, (bodyTop + stubTop) / 2);

  doc.end();
  return done;
}

type EventSchedule = Pick<TicketPdfInput['event'], 'startsAt' | 'endsAt' | 'timezone'>;

/** "Friday 18 December 2026, 19:00 – 23:00 (Europe/Paris)", in the event's own time zone. */
export function formatEventSchedule(event: EventSchedule, language: Language = 'en'): string {
  const [first, second, zone] = scheduleLines(event, language);
  return first.endsWith('–') ? `${first} ${second} ${zone}` : `${first}, ${second} ${zone}`;
}

/**
 * The same schedule as three lines that read well in a narrow column: the start, the end (or the
 * day, then the hours) and the zone on a line of its own, since zone names run to 32 characters.
 */
function scheduleLines(event: EventSchedule, language: Language = 'en'): [string, string, string] {
  // An unknown zone must not print "Invalid DateTime" on a ticket; UTC is wrong but says so.
  const zone = DateTime.local().setZone(event.timezone).isValid ? event.timezone : 'UTC';
  const start = DateTime.fromJSDate(event.startsAt, { zone }).setLocale(INTL_LOCALES[language]);
  const end = DateTime.fromJSDate(event.endsAt, { zone }).setLocale(INTL_LOCALES[language]);
  // English keeps its own pattern (no comma after the weekday); the others read as their locale writes
  // a full date ("Freitag, 18. Dezember 2026", "vendredi 18 décembre 2026").
  const dayOf = (at: DateTime) =>
    language === 'en' ? at.toFormat('cccc d LLLL yyyy') : at.toLocaleString(DateTime.DATE_HUGE);
  const time = (at: DateTime) => at.toFormat('HH:mm');
  if (start.hasSame(end, 'day')) {
    return [dayOf(start), `${time(start)} – ${time(end)}`, `(${zone})`];
  }
  return [`${dayOf(start)}, ${time(start)} –`, `${dayOf(end)}, ${time(end)}`, `(${zone})`];
}

/**
 * What every ticket of an event shows alike, worked out once per event rather than per ticket: the
 * cleaned texts, the schedule (luxon formatting) and the title's fitted size (text measurement). A
 * sale renders thousands of tickets of one event in a row; a few events' parts are kept.
 */
interface EventPart {
  title: string;
  schedule: string;
  scheduleLines: string;
  organization: string;
  venue: string;
  labels: Labels;
  /** The join link of an online or hybrid event; null for one at a venue. */
  joinUrl: string | null;
  /** Measured on the first ticket: measurement only depends on the built-in fonts' metrics. */
  fits?: { title: FitResult; schedule: FitResult };
  /**
   * Draws what every ticket of the event shows alike (keyed by what it depends on besides the event):
   * drawn on the first, replayed after.
   */
  same: (<T>(doc: Doc, key: string, draw: () => T) => T) & { counts?: SegmentCounts };
}

const drawEveryTime = <T>(_doc: Doc, _key: string, draw: () => T): T => draw();

const EVENT_PARTS = new Map<string, EventPart>();
const EVENT_PARTS_KEPT = 32;

/** What this thread's tickets replayed, kept and drew of their events' common parts (for tests). */
export function keptDrawingCounts(): SegmentCounts {
  const total: SegmentCounts = { replayed: 0, recorded: 0, drawn: 0 };
  for (const { same } of EVENT_PARTS.values()) {
    total.replayed += same.counts?.replayed ?? 0;
    total.recorded += same.counts?.recorded ?? 0;
    total.drawn += same.counts?.drawn ?? 0;
  }
  return total;
}

function eventPartOf(input: TicketPdfInput, keepSegments: boolean): EventPart {
  const { event } = input;
  const key = JSON.stringify([
    event.title,
    event.venue,
    +event.startsAt,
    +event.endsAt,
    event.timezone,
    event.kind,
    event.onlineUrl,
    input.organizationName,
    input.language,
  ]);
  const cached = EVENT_PARTS.get(key);
  if (cached) return keepSegments ? cached : { ...cached, same: drawEveryTime };
  const language = input.language ?? 'en';
  const labels = labelsIn(language);
  const part: EventPart = {
    title: pdfText(event.title),
    schedule: pdfText(formatEventSchedule(event, language)),
    scheduleLines: scheduleLines(event, language).join('\n'),
    // Upper-cased first: some letters (µ -> Μ) leave Latin-1 only when capitalized.
    organization: pdfText(input.organizationName.toUpperCase()),
    venue: event.kind === 'online' ? labels.online : (event.venue ?? labels.venueTba),
    labels,
    joinUrl: (event.kind === 'online' || event.kind === 'hybrid') && event.onlineUrl ? event.onlineUrl : null,
    same: createSegmentCache(),
  };
  if (EVENT_PARTS.size >= EVENT_PARTS_KEPT) EVENT_PARTS.delete(EVENT_PARTS.keys().next().value ?? '');
  EVENT_PARTS.set(key, part);
  return keepSegments ? part : { ...part, same: drawEveryTime };
}

function drawHeader(doc: Doc, part: EventPart, cover: Uint8Array | undefined): number {
  const top = 44;
  const titleTop = top + 26;
  const { title, schedule } = part;
  // pdfkit has no layers: measure the text first so the band behind it can be sized to fit.
  part.fits ??= { title: fitText(doc, title, TITLE_STYLE), schedule: fitText(doc, schedule, SCHEDULE_STYLE) };
  const { title: titleFit, schedule: scheduleFit } = part.fits;
  const scheduleTop = titleTop + titleFit.height + 10;
  const bandBottom = Math.max(172, scheduleTop + scheduleFit.height + 34);

  part.same(doc, 'band', () => {
    doc.rect(0, 0, PAGE_WIDTH, bandBottom).fill(COLORS.band);
  });
  // The cover is an image object of each file: drawn every time, between the band and its texts.
  if (cover) drawCover(doc, cover, bandBottom);
  part.same(doc, 'header', () => {
    doc.rect(0, bandBottom - 6, PAGE_WIDTH, 6).fill(COLORS.accent);
    doc.font('Helvetica-Bold').fontSize(9).fillColor(COLORS.bandMuted);
    drawLine(doc, part.organization, MARGIN, top, {
      width: CONTENT_WIDTH - 170,
      characterSpacing: 1.5,
    });
    drawLine(doc, pdfText(part.labels.admission), PAGE_WIDTH - MARGIN - 160, top, {
      width: 160,
      align: 'right',
      characterSpacing: 1.5,
    });
    drawFitted(doc, title, MARGIN, titleTop, TITLE_STYLE, titleFit.size);
    drawFitted(doc, schedule, MARGIN, scheduleTop, SCHEDULE_STYLE, scheduleFit.size);
  });
  return bandBottom;
}

/**
 * The cover fills the band, cropped to it, under a veil of the band's colour so the white title
 * stays readable over every picture. A file pdfkit cannot read leaves the plain band.
 */
function drawCover(doc: Doc, cover: Uint8Array, bandBottom: number): void {
  const image = Buffer.from(cover.buffer, cover.byteOffset, cover.byteLength);
  doc.save();
  doc.rect(0, 0, PAGE_WIDTH, bandBottom).clip();
  try {
    doc.image(image, 0, 0, { cover: [PAGE_WIDTH, bandBottom], align: 'center', valign: 'center' });
    doc.fillOpacity(0.72).rect(0, 0, PAGE_WIDTH, bandBottom).fill(COLORS.band);
  } catch {
    // Not a JPEG or PNG pdfkit understands: the band stays plain.
  }
  doc.restore();
}

function drawQrPanel(doc: Doc, input: TicketPdfInput, part: EventPart, qr: QrModules, top: number): number {
  const panelWidth = QR_SIZE + 2 * QR_PADDING;
  const left = PAGE_WIDTH - MARGIN - panelWidth;
  const codeTop = top + panelWidth + 14;
  const panelHeight = panelWidth + 78;

  part.same(doc, 'qr-panel', () => {
    doc
      .roundedRect(left, top, panelWidth, panelHeight, 10)
      .lineWidth(1)
      .fillAndStroke('#FFFFFF', COLORS.rule);
  });
  drawQrCode(doc, qr, left + QR_PADDING, top + QR_PADDING, QR_SIZE);
  if (input.ticket.status === 'void') {
    // Washed out so the stamp across it reads clearly and nobody tries to scan it.
    doc.save();
    doc
      .opacity(0.75)
      .rect(left + QR_PADDING, top + QR_PADDING, QR_SIZE, QR_SIZE)
      .fill('#FFFFFF');
    doc.restore();
  }
  doc.font('Courier-Bold').fontSize(28).fillColor(COLORS.text);
  drawLine(doc, pdfText(input.ticket.code), left + QR_PADDING, codeTop, { width: QR_SIZE, align: 'center' });
  part.same(doc, 'scan-hint', () => {
    doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted);
    drawLine(doc, pdfText(part.labels.scanHint), left, codeTop + 36, {
      width: panelWidth,
      align: 'center',
    });
  });
  return top + panelHeight;
}

function drawDetails(doc: Doc, input: TicketPdfInput, part: EventPart, top: number): number {
  const width = CONTENT_WIDTH - (QR_SIZE + 2 * QR_PADDING) - COLUMN_GAP;
  const status = {
    ...STATUS_COLORS[input.ticket.status],
    text: pdfText(part.labels.status[input.ticket.status]),
  };

  part.same(doc, `pill:${input.ticket.status}`, () => {
    doc.font('Helvetica-Bold').fontSize(8.5);
    const pillWidth = doc.widthOfString(status.text, { characterSpacing: 1 }) + 20;
    doc.roundedRect(MARGIN, top, pillWidth, 20, 10).fill(status.fill);
    doc.fillColor(status.ink);
    drawLine(doc, status.text, MARGIN, top + 6.5, { width: pillWidth, align: 'center', characterSpacing: 1 });
  });

  let y = top + 40;
  const { labels } = part;
  // The attendee's name is each ticket's own; what follows moves with its height (one or two lines).
  part.same(doc, 'attendee-label', () => drawFieldLabel(doc, pdfText(labels.attendee), y, width));
  y = drawFieldValue(doc, input.ticket.attendeeName, y, width, { sizes: [18], bold: true, maxLines: 2 });
  const fieldAt = y;
  y = part.same(doc, `schedule@${at(fieldAt)}`, () =>
    drawField(doc, pdfText(labels.dateAndTime), part.scheduleLines, fieldAt, width, SCHEDULE_FIELD_STYLE),
  );
  const typeAt = y;
  y = part.same(doc, `type:${input.ticket.ticketTypeName}@${at(typeAt)}`, () =>
    drawField(doc, pdfText(labels.ticketType), input.ticket.ticketTypeName, typeAt, width, {
      ...FIELD_STYLE,
      maxLines: 2,
    }),
  );
  const venueAt = y;
  y = part.same(doc, `venue@${at(venueAt)}`, () =>
    drawField(doc, pdfText(labels.venue), part.venue, venueAt, width, FIELD_STYLE),
  );
  // A void ticket no longer admits its bearer, online either.
  if (part.joinUrl && input.ticket.status !== 'void')
    y = drawJoinLink(doc, pdfText(labels.joinOnline), part.joinUrl, y, width);
  if (input.ticket.status === 'void') {
    doc
      .font('Helvetica-Bold')
      .fontSize(10)
      .fillColor(COLORS.void)
      .text(pdfText(labels.voidNotice), MARGIN, y, { width });
    y = doc.y;
  }
  return y;
}

/** The join link, clickable in a PDF viewer and short enough to type from a printout. */
function drawJoinLink(doc: Doc, label: string, url: string, top: number, width: number): number {
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(COLORS.muted);
  drawLine(doc, label, MARGIN, top, { width, characterSpacing: 1.2 });
  const text = pdfText(url);
  const style: FitStyle = { width, font: 'Helvetica', sizes: [11, 10, 9], maxLines: 3, color: '#4338CA' };
  const { height, size } = fitText(doc, text, style);
  drawFitted(doc, text, MARGIN, top + 13, style, size);
  doc.link(MARGIN, top + 13, width, height, url);
  return top + 13 + height + 16;
}

function drawField(
  doc: Doc,
  label: string,
  value: string,
  top: number,
  width: number,
  style: FieldStyle,
): number {
  drawFieldLabel(doc, label, top, width);
  return drawFieldValue(doc, value, top, width, style);
}

function drawFieldLabel(doc: Doc, label: string, top: number, width: number): void {
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor(COLORS.muted);
  drawLine(doc, label, MARGIN, top, { width, characterSpacing: 1.2 });
}

/** The value under a field's label at `top`; answers where the next field starts. */
function drawFieldValue(
  doc: Doc,
  value: string,
  top: number,
  width: number,
  { sizes, bold, maxLines }: FieldStyle,
): number {
  const style: FitStyle = {
    width,
    font: bold ? 'Helvetica-Bold' : 'Helvetica',
    sizes,
    maxLines,
    color: COLORS.text,
  };
  // Line breaks are the caller's layout; anything else that is not printable is cleaned per line.
  const text = value.split('\n').map(pdfText).join('\n');
  const { height, size } = fitText(doc, text, style);
  drawFitted(doc, text, MARGIN, top + 13, style, size);
  return top + 13 + height + 16;
}

function drawStub(doc: Doc, input: TicketPdfInput, part: EventPart, top: number): void {
  const { labels } = part;
  const columns = [
    { label: pdfText(labels.order), value: input.order.id, font: 'Courier' },
    { label: pdfText(labels.purchasedBy), value: input.order.buyerName, font: 'Helvetica' },
  ];
  const columnWidth = (CONTENT_WIDTH - COLUMN_GAP) / 2;
  const columnX = (index: number) => MARGIN + index * (columnWidth + COLUMN_GAP);
  part.same(doc, `stub@${at(top)}`, () => {
    // A perforation line: the lower part is the buyer's receipt, the upper part is what the door needs.
    doc.save();
    doc
      .moveTo(MARGIN, top)
      .lineTo(PAGE_WIDTH - MARGIN, top)
      .dash(4, { space: 4 })
      .lineWidth(1)
      .stroke('#D1D5DB');
    doc.restore();
    columns.forEach((column, index) => {
      doc.font('Helvetica-Bold').fontSize(7.5).fillColor(COLORS.muted);
      drawLine(doc, column.label, columnX(index), top + 24, { width: columnWidth, characterSpacing: 1.2 });
    });
    // Long titles and names can push the stub down; the advice is the part that gives way.
    const notesTop = top + 70;
    if (notesTop + NOTES_HEIGHT <= FOOTER_TOP - 16) drawNotes(doc, labels, notesTop);
  });
  columns.forEach((column, index) => {
    doc.font(column.font).fontSize(9.5).fillColor(COLORS.text);
    drawLine(doc, pdfText(column.value), columnX(index), top + 37, { width: columnWidth });
  });

  doc.font('Helvetica').fontSize(7).fillColor('#9CA3AF');
  drawLine(doc, pdfText(labels.footer(input.order.id)), MARGIN, FOOTER_TOP, {
    width: CONTENT_WIDTH,
    align: 'center',
  });
}

function drawNotes(doc: Doc, labels: Labels, top: number): void {
  doc.roundedRect(MARGIN, top, CONTENT_WIDTH, NOTES_HEIGHT, 8).fill(COLORS.panel);
  doc.font('Helvetica-Bold').fontSize(9).fillColor(COLORS.text);
  drawLine(doc, pdfText(labels.goodToKnow), MARGIN + 16, top + 14, { width: CONTENT_WIDTH - 32 });
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .fillColor(COLORS.muted)
    .text(pdfText(labels.advice), MARGIN + 16, top + 30, { width: CONTENT_WIDTH - 32, lineGap: 2 });
}

function drawVoidStamp(doc: Doc, labels: Labels, centerY: number): void {
  const centerX = PAGE_WIDTH / 2;
  const width = 420;
  const height = 170;
  doc.save();
  doc.rotate(-30, { origin: [centerX, centerY] });
  doc.opacity(0.4);
  doc
    .roundedRect(centerX - width / 2, centerY - height / 2, width, height, 18)
    .lineWidth(10)
    .stroke(COLORS.void);
  doc.font('Helvetica-Bold').fillColor(COLORS.void);
  // 150 points for "VOID"; a longer word in another language shrinks to stay inside the frame.
  const stamp = pdfText(labels.voidStamp);
  doc.fontSize(150);
  const size = Math.min(150, (150 * (width - 40)) / Math.max(doc.widthOfString(stamp), 1));
  doc
    .fontSize(size)
    .text(stamp, centerX - width / 2, centerY - size * 0.39, { width, align: 'center', lineBreak: false });
  doc.restore();
}

/**
 * A position in a kept drawing's key. Positions below a name's height come out of sums whose last
 * bits differ from name to name (330.27 after one, 330.2699999999999 after the next); the page prints
 * numbers to a millionth, so to a millionth they are one position.
 */
function at(y: number): string {
  return String(Math.round(y * 1e6));
}

interface FitStyle {
  width: number;
  font: string;
  sizes: readonly number[];
  maxLines: number;
  color: string;
}

const LINE_GAP = 1;

/**
 * The largest size at which the text fits in maxLines; at the smallest size the caller cuts it with an
 * ellipsis rather than letting it run off the page (pdfkit would silently start a second page).
 */
interface FitResult {
  size: number;
  height: number;
}

function fitText(doc: Doc, text: string, style: FitStyle): FitResult {
  doc.font(style.font);
  let size = style.sizes[style.sizes.length - 1] ?? 12;
  for (const candidate of style.sizes) {
    doc.fontSize(candidate);
    if (
      doc.heightOfString(text, { width: style.width, lineGap: LINE_GAP }) <= maxHeight(doc, style.maxLines)
    ) {
      size = candidate;
      break;
    }
  }
  doc.fontSize(size);
  const height = Math.min(
    doc.heightOfString(text, { width: style.width, lineGap: LINE_GAP }),
    maxHeight(doc, style.maxLines),
  );
  return { size, height };
}

function drawFitted(doc: Doc, text: string, x: number, y: number, style: FitStyle, size: number): void {
  doc.font(style.font).fontSize(size).fillColor(style.color);
  doc.text(text, x, y, {
    width: style.width,
    height: maxHeight(doc, style.maxLines),
    ellipsis: true,
    lineGap: LINE_GAP,
  });
}

/** One line, cut with an ellipsis: pdfkit still wraps with lineBreak: false once a width is given. */
function drawLine(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  options: { width: number; align?: 'left' | 'center' | 'right'; characterSpacing?: number },
): void {
  doc.text(text, x, y, { ...options, height: doc.currentLineHeight(true) + 1, ellipsis: true });
}

function maxHeight(doc: Doc, lines: number): number {
  // A little slack so rounding in pdfkit's measurement never drops the last allowed line.
  return lines * (doc.currentLineHeight(true) + LINE_GAP) + 0.5;
}

// Letters that do not decompose under NFKD, and dashes and primes, each with an obvious Latin-1 stand-in.
const FALLBACKS = new Map(
  ['łl', 'ŁL', 'đd', 'ĐD', 'ıi', 'ħh', 'ĦH', 'ŧt', 'ŦT', 'ŋn', 'ŊN', '‐-', '‑-', '‒-', '−-', "′'", '″"'].map(
    (pair) => [pair.slice(0, 1), pair.slice(1)],
  ),
);
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * Keeps what the built-in fonts can draw, folds accents they cannot ("ő" -> "o"), and shows one "?"
 * per remaining visible character (an emoji family counts as one), so names stay readable and
 * nothing ever throws.
 */
export function pdfText(value: string): string {
  const text = value.normalize('NFC');
  // Nearly every name and title is drawable as it is: then each character is its own grapheme and
  // the loop below would keep every one, so skip the segmenter (a tenth of a ticket's render time).
  if (isWinAnsi(text)) return text.replace(/ {2,}/g, ' ').trim();
  return foldForPdf(text);
}

/** pdfText's general path, grapheme by grapheme (exported for the test that checks the shortcut). */
export function foldForPdf(text: string): string {
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (/^[\p{Cc}\p{Zl}\p{Zp}]+$/u.test(segment)) {
      out += ' ';
    } else if (isWinAnsi(segment)) {
      out += segment;
    } else {
      const folded = segment.normalize('NFKD').replace(/[\p{M}\p{Cf}]/gu, '');
      const fallback = FALLBACKS.get(segment);
      if (folded.length > 0 && isWinAnsi(folded)) out += folded;
      else if (fallback !== undefined) out += fallback;
      else if (!/^[\p{M}\p{Cf}]+$/u.test(segment)) out += '?';
    }
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
