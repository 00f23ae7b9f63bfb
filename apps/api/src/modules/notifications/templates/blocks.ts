import { INTL_LOCALES, type Language, translatorFor } from '@zevents/i18n';
import type { EmailEvent, EmailOrder, EmailTicket } from './email-types';
import { escapeHref, escapeHtml, formatEventSchedule, formatMoney } from './format';

/**
 * Messages are written as a list of blocks holding plain, unescaped text. Each block is rendered twice,
 * to MJML and to plain text, so the two parts of an email always say the same thing, and escaping
 * happens in exactly one place: here, on the way into MJML.
 */
export type Tone = 'info' | 'success' | 'warning' | 'danger';

export type Inline = string | { text: string; isStrong?: boolean; href?: string };

export interface DetailRow {
  label: string;
  value: string;
  href?: string;
  isCode?: boolean;
}

export interface SummaryRow {
  label: string;
  /** Smaller text under the label, such as "2 × €25.00". */
  detail?: string;
  amount: string;
  isTotal?: boolean;
  /** Starts the subtotal/total part of the table with a rule above it. */
  hasRuleAbove?: boolean;
}

export interface Change {
  label: string;
  before: string;
  after: string;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'details'; rows: DetailRow[] }
  | { kind: 'notice'; tone: Tone; title: string; text: string }
  | { kind: 'summary'; rows: SummaryRow[] }
  | { kind: 'tickets'; tickets: EmailTicket[] }
  | { kind: 'changes'; changes: Change[] }
  | { kind: 'button'; label: string; href: string }
  /** An image attached to the message (`src` is `cid:...`), `alt` saying what it shows in words. */
  | { kind: 'image'; src: string; alt: string; width: number; height: number }
  /** An organizer's Markdown, already rendered to safe HTML (see markdown.ts), with its source as text. */
  | { kind: 'markdown'; html: string; text: string };

export const COLORS = {
  band: '#1E1B4B',
  accent: '#818CF8',
  link: '#4F46E5',
  bandText: '#FFFFFF',
  bandMuted: '#C7D2FE',
  text: '#111827',
  body: '#374151',
  muted: '#6B7280',
  rule: '#E5E7EB',
  panel: '#F9FAFB',
  page: '#F3F4F6',
} as const;

/** `fill` tints a notice; `pill` is the stronger tint of the badge, as on the ticket's status pill. */
export const TONES: Record<Tone, { fill: string; pill: string; ink: string; edge: string }> = {
  info: { fill: '#EEF2FF', pill: '#E0E7FF', ink: '#3730A3', edge: '#818CF8' },
  success: { fill: '#F0FDF4', pill: '#DCFCE7', ink: '#166534', edge: '#22C55E' },
  warning: { fill: '#FFFBEB', pill: '#FEF3C7', ink: '#92400E', edge: '#F59E0B' },
  danger: { fill: '#FEF2F2', pill: '#FEE2E2', ink: '#991B1B', edge: '#EF4444' },
};

export const MONO_FONT = "'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace";

// ---- Building blocks shared by several messages ----

/** The language an event's buyer emails speak: its organizer's choice, English when none is recorded. */
export function languageOf(event: Pick<EmailEvent, 'language'>): Language {
  return event.language ?? 'en';
}

export function paragraph(...content: Inline[]): Block {
  return { kind: 'paragraph', content };
}

// Bold words inside a translated sentence go to i18next as markers and are cut back out afterwards, so
// each language puts them wherever its grammar wants them ("{{organizer}} a annulé {{title}}").
const MARK = '\u0001';

/** The marker to pass as a placeholder's value when `sentence` is to show that value in bold. */
export function strong(name: string): string {
  return `${MARK}${name}${MARK}`;
}

/** A translated sentence made with `strong` markers, as inline parts with those values in bold. */
export function sentence(text: string, bold: Record<string, string>): Inline[] {
  return text
    .split(MARK)
    .map((part, index): Inline => (index % 2 === 0 ? part : { text: bold[part] ?? part, isStrong: true }))
    .filter((part) => part !== '');
}

export function eventDetails(event: EmailEvent, extra: DetailRow[] = []): Block {
  const language = languageOf(event);
  const t = translatorFor(language);
  return {
    kind: 'details',
    rows: [
      { label: t('email.blocks.when'), value: formatEventSchedule(event, language) },
      { label: t('email.blocks.where'), value: whereOf(event) },
      ...extra,
    ],
  };
}

function whereOf(event: EmailEvent): string {
  const t = translatorFor(languageOf(event));
  if (event.kind === 'online') return t('email.blocks.online');
  const venue = event.venue ?? t('email.blocks.venueTba');
  return event.kind === 'hybrid' ? t('email.blocks.venueAndOnline', { venue }) : venue;
}

/** The join link of an online or hybrid event, for messages to ticket holders only; none otherwise. */
export function joinOnline(event: EmailEvent): Block[] {
  if (!event.joinUrl) return [];
  const t = translatorFor(languageOf(event));
  return [
    { kind: 'button', label: t('email.blocks.joinOnline'), href: event.joinUrl },
    paragraph(event.kind === 'hybrid' ? t('email.blocks.joinNoteHybrid') : t('email.blocks.joinNoteOnline')),
  ];
}

function formatPrice(minorUnits: number, currency: string, language: Language): string {
  return minorUnits === 0
    ? translatorFor(language)('email.blocks.free')
    : formatMoney(minorUnits, currency, language);
}

export function orderSummary(order: EmailOrder, language: Language = 'en'): Block {
  const t = translatorFor(language);
  const money = (minorUnits: number): string => formatMoney(minorUnits, order.currency, language);
  const rows: SummaryRow[] = order.items.map((item) => ({
    label: item.ticketTypeName,
    detail: `${item.quantity} × ${formatPrice(item.unitPriceCents, order.currency, language)}`,
    amount: formatPrice(item.quantity * item.unitPriceCents, order.currency, language),
  }));
  const fee = order.feeCents ?? 0;
  const taxes = order.taxes ?? [];
  const onTop = taxes.filter((tax) => !tax.inclusive && tax.cents > 0);
  // Every line the buyer paid, as the checkout showed them: subtotal, discount, fee, tax on top.
  const hasLines = order.discountCents > 0 || fee > 0 || onTop.length > 0;
  if (hasLines)
    rows.push({ label: t('email.blocks.subtotal'), amount: money(order.subtotalCents), hasRuleAbove: true });
  if (order.discountCents > 0)
    rows.push({ label: t('email.blocks.discount'), amount: `−${money(order.discountCents)}` });
  if (fee > 0) rows.push({ label: t('email.blocks.serviceFee'), amount: money(fee) });
  for (const tax of onTop) rows.push({ label: tax.label, amount: money(tax.cents) });
  rows.push({
    label: t('email.blocks.total'),
    amount: formatPrice(order.totalCents, order.currency, language),
    isTotal: true,
    hasRuleAbove: !hasLines,
  });
  for (const tax of taxes.filter((included) => included.inclusive && included.cents > 0))
    rows.push({ label: t('email.blocks.including', { tax: tax.label }), amount: money(tax.cents) });
  return { kind: 'summary', rows };
}

// ---- MJML ----

const SECTION = 'padding="0 40px 20px" css-class="pad"';

function inlineToHtml(content: Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      const text = escapeHtml(part.text);
      const inner = part.isStrong ? `<strong style="color:${COLORS.text}">${text}</strong>` : text;
      if (part.href === undefined) return inner;
      return `<a href="${escapeHref(part.href)}" style="color:${COLORS.link}">${inner}</a>`;
    })
    .join('');
}

function section(inner: string, columnAttributes = ''): string {
  return `<mj-section ${SECTION}><mj-column ${columnAttributes}>${inner}</mj-column></mj-section>`;
}

function label(text: string, color: string = COLORS.muted): string {
  return (
    `<div style="font-size:11px;line-height:16px;font-weight:700;letter-spacing:1.2px;` +
    `text-transform:uppercase;color:${color}">${escapeHtml(text)}</div>`
  );
}

function detailsToMjml(rows: DetailRow[]): string {
  const fields = rows.map((row, index) => {
    const style = row.isCode
      ? `font-family:${MONO_FONT};font-size:14px;word-break:break-all`
      : 'font-size:15px';
    const value = row.href
      ? `<a href="${escapeHref(row.href)}" style="color:${COLORS.link}">${escapeHtml(row.value)}</a>`
      : escapeHtml(row.value);
    const padding = index === rows.length - 1 ? '0' : '0 0 14px';
    return (
      `<mj-text padding="${padding}">${label(row.label)}` +
      `<div style="${style};line-height:22px;color:${COLORS.text};padding-top:2px">${value}</div></mj-text>`
    );
  });
  return section(
    fields.join(''),
    `background-color="${COLORS.panel}" border-radius="10px" padding="18px 20px" border="1px solid ${COLORS.rule}"`,
  );
}

function summaryToMjml(rows: SummaryRow[]): string {
  const cells = rows.map((row) => {
    const rule = row.hasRuleAbove ? `border-top:1px solid ${COLORS.rule};` : '';
    const top = row.hasRuleAbove ? '12px' : '6px';
    const size = row.isTotal ? 'font-size:17px;font-weight:700;' : 'font-size:15px;';
    const detail = row.detail
      ? `<div style="font-size:13px;color:${COLORS.muted};padding-top:2px">${escapeHtml(row.detail)}</div>`
      : '';
    return (
      `<tr><td style="${rule}${size}padding:${top} 12px 6px 0;color:${COLORS.text};vertical-align:top">` +
      `${escapeHtml(row.label)}${detail}</td>` +
      `<td style="${rule}${size}padding:${top} 0 6px;color:${COLORS.text};text-align:right;` +
      `vertical-align:top;white-space:nowrap">${escapeHtml(row.amount)}</td></tr>`
    );
  });
  return section(`<mj-table padding="0" width="100%" line-height="22px">${cells.join('')}</mj-table>`);
}

function ticketsToMjml(tickets: EmailTicket[], language: Language): string {
  const t = translatorFor(language);
  const download = escapeHtml(t('email.blocks.downloadPdf'));
  return tickets
    .map((ticket, index) => {
      const heading = t('email.blocks.ticketOf', {
        number: index + 1,
        total: tickets.length,
        type: ticket.ticketTypeName,
      });
      const bottom = index === tickets.length - 1 ? '20px' : '12px';
      return (
        `<mj-section padding="0 40px ${bottom}" css-class="pad"><mj-column border="1px solid ${COLORS.rule}" ` +
        `border-left="4px solid ${COLORS.accent}" border-radius="10px" padding="16px 20px">` +
        `<mj-text padding="0">${label(heading)}` +
        `<div style="font-size:16px;line-height:24px;font-weight:700;color:${COLORS.text};padding-top:4px">` +
        `${escapeHtml(ticket.attendeeName)}</div>` +
        `<div style="font-family:${MONO_FONT};font-size:20px;line-height:28px;font-weight:700;` +
        `letter-spacing:2px;color:${COLORS.band};padding-top:6px">${escapeHtml(ticket.code)}</div>` +
        `<div style="font-size:14px;line-height:20px;padding-top:10px">` +
        `<a href="${escapeHref(ticket.pdfUrl)}" style="color:${COLORS.link};font-weight:600;` +
        `text-decoration:none">${download} &rarr;</a></div></mj-text></mj-column></mj-section>`
      );
    })
    .join('');
}

function changesToMjml(changes: Change[], language: Language): string {
  const t = translatorFor(language);
  const upper = (text: string) => escapeHtml(text.toLocaleUpperCase(INTL_LOCALES[language]));
  const rows = changes.map((change, index) => {
    const isChanged = change.before !== change.after;
    const padding = index === changes.length - 1 ? '0' : '0 0 16px';
    const body = isChanged
      ? `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin-top:6px">` +
        `<tr><td style="width:48px;font-size:12px;font-weight:700;color:${COLORS.muted};vertical-align:top;` +
        `padding:2px 0">${upper(t('email.blocks.was'))}</td><td style="font-size:15px;line-height:22px;color:${COLORS.muted};` +
        `text-decoration:line-through;padding:0 0 4px">${escapeHtml(change.before)}</td></tr>` +
        `<tr><td style="width:48px;font-size:12px;font-weight:700;color:${TONES.warning.ink};` +
        `vertical-align:top;padding:2px 0">${upper(t('email.blocks.now'))}</td><td style="font-size:15px;line-height:22px;` +
        `font-weight:700;color:${COLORS.text}">${escapeHtml(change.after)}</td></tr></table>`
      : `<div style="font-size:15px;line-height:22px;color:${COLORS.text};padding-top:2px">` +
        `${escapeHtml(change.after)} <span style="color:${COLORS.muted}">` +
        `${escapeHtml(t('email.blocks.unchanged'))}</span></div>`;
    return `<mj-text padding="${padding}">${label(change.label)}${body}</mj-text>`;
  });
  return section(
    rows.join(''),
    `background-color="${COLORS.panel}" border-radius="10px" padding="18px 20px" border="1px solid ${COLORS.rule}"`,
  );
}

/** A block as MJML, its fixed words (ticket headings, "Was" and "Now") in the message's language. */
export function blockToMjml(block: Block, language: Language = 'en'): string {
  switch (block.kind) {
    case 'heading':
      return section(
        `<mj-text padding="8px 0 0" font-size="18px" line-height="26px" font-weight="700" ` +
          `color="${COLORS.text}">${escapeHtml(block.text)}</mj-text>`,
      );
    case 'paragraph':
      return section(`<mj-text padding="0">${inlineToHtml(block.content)}</mj-text>`);
    case 'details':
      return detailsToMjml(block.rows);
    case 'notice': {
      const tone = TONES[block.tone];
      return section(
        `<mj-text padding="0" color="${tone.ink}"><div style="font-weight:700;padding-bottom:4px">` +
          `${escapeHtml(block.title)}</div>${escapeHtml(block.text)}</mj-text>`,
        `background-color="${tone.fill}" border-left="4px solid ${tone.edge}" border-radius="8px" ` +
          `padding="14px 18px"`,
      );
    }
    case 'summary':
      return summaryToMjml(block.rows);
    case 'tickets':
      return ticketsToMjml(block.tickets, language);
    case 'changes':
      return changesToMjml(block.changes, language);
    case 'button':
      return section(
        `<mj-button href="${escapeHref(block.href)}" align="left" padding="4px 0 0">` +
          `${escapeHtml(block.label)}</mj-button>`,
      );
    case 'markdown':
      return section(`<mj-text padding="0">${block.html}</mj-text>`);
    case 'image':
      return section(
        // Only attachments of the message itself: never a remote image that tracks the reader.
        `<mj-image src="${escapeHtml(block.src.startsWith('cid:') ? block.src : `cid:${block.src}`)}" alt="${escapeHtml(block.alt)}" width="${block.width}px" ` +
          `height="${block.height}px" padding="0" />`,
      );
  }
}

// ---- Plain text ----

function inlineToText(content: Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      return part.href === undefined ? part.text : `${part.text} (${part.href})`;
    })
    .join('');
}

/** "When:" in English, "Quand :" in French (which puts a space before a colon). */
function labelled(text: string, language: Language): string {
  return translatorFor(language)('email.layout.label', { label: text });
}

function alignLabels(rows: Array<{ label: string; value: string }>, language: Language): string {
  const labels = rows.map((row) => labelled(row.label, language));
  const width = Math.max(...labels.map((text) => text.length));
  return rows.map((row, index) => `${(labels[index] ?? '').padEnd(width)} ${row.value}`).join('\n');
}

function summaryToText(rows: SummaryRow[]): string {
  const lefts = rows.map((row) => (row.detail ? `${row.label} (${row.detail})` : row.label));
  const leftWidth = Math.max(...lefts.map((left) => left.length));
  const rightWidth = Math.max(...rows.map((row) => row.amount.length));
  const lines: string[] = [];
  rows.forEach((row, index) => {
    if (row.hasRuleAbove) lines.push('-'.repeat(leftWidth + 2 + rightWidth));
    lines.push(`${(lefts[index] ?? '').padEnd(leftWidth)}  ${row.amount.padStart(rightWidth)}`);
  });
  return lines.join('\n');
}

export function blockToText(block: Block, language: Language = 'en'): string {
  switch (block.kind) {
    case 'heading':
      return `${block.text}\n${'-'.repeat(block.text.length)}`;
    case 'paragraph':
      return inlineToText(block.content);
    case 'details':
      return alignLabels(
        block.rows.map((row) => ({
          label: row.label,
          value: row.href ? `${row.value} (${row.href})` : row.value,
        })),
        language,
      );
    case 'notice':
      return `** ${block.title} **\n${block.text}`;
    case 'summary':
      return summaryToText(block.rows);
    case 'tickets':
      return ticketsToText(block.tickets, language);
    case 'changes':
      return changesToText(block.changes, language);
    case 'button':
      return `${labelled(block.label, language)}\n${block.href}`;
    case 'markdown':
      return block.text;
    case 'image':
      return block.alt;
  }
}

function ticketsToText(tickets: EmailTicket[], language: Language): string {
  const t = translatorFor(language);
  const [code, pdf] = [labelled(t('email.blocks.code'), language), labelled(t('email.blocks.pdf'), language)];
  const width = Math.max(code.length, pdf.length);
  return tickets
    .map(
      (ticket, index) =>
        `${index + 1}. ${ticket.attendeeName} (${ticket.ticketTypeName})\n` +
        `   ${code.padEnd(width)} ${ticket.code}\n` +
        `   ${pdf.padEnd(width)} ${ticket.pdfUrl}`,
    )
    .join('\n\n');
}

function changesToText(changes: Change[], language: Language): string {
  const t = translatorFor(language);
  const [was, now] = [labelled(t('email.blocks.was'), language), labelled(t('email.blocks.now'), language)];
  const width = Math.max(was.length, now.length);
  return changes
    .map((change) =>
      change.before === change.after
        ? `${labelled(change.label, language)} ${change.after} ${t('email.blocks.unchanged')}`
        : `${labelled(change.label, language)}\n  ${was.padEnd(width)} ${change.before}\n` +
          `  ${now.padEnd(width)} ${change.after}`,
    )
    .join('\n\n');
}
