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

export function paragraph(...content: Inline[]): Block {
  return { kind: 'paragraph', content };
}

export function eventDetails(event: EmailEvent, extra: DetailRow[] = []): Block {
  return {
    kind: 'details',
    rows: [
      { label: 'When', value: formatEventSchedule(event) },
      { label: 'Where', value: whereOf(event) },
      ...extra,
    ],
  };
}

function whereOf(event: EmailEvent): string {
  if (event.kind === 'online') return 'Online';
  const venue = event.venue ?? 'Venue to be announced';
  return event.kind === 'hybrid' ? `${venue}, and online` : venue;
}

/** The join link of an online or hybrid event, for messages to ticket holders only; none otherwise. */
export function joinOnline(event: EmailEvent): Block[] {
  if (!event.joinUrl) return [];
  return [
    { kind: 'button', label: 'Join online', href: event.joinUrl },
    paragraph(
      'This link is for ticket holders: please do not share it. ',
      event.kind === 'hybrid' ? 'At the venue, your QR code gets you in.' : 'It opens when the event starts.',
    ),
  ];
}

function formatPrice(minorUnits: number, currency: string): string {
  return minorUnits === 0 ? 'Free' : formatMoney(minorUnits, currency);
}

export function orderSummary(order: EmailOrder): Block {
  const money = (minorUnits: number): string => formatMoney(minorUnits, order.currency);
  const rows: SummaryRow[] = order.items.map((item) => ({
    label: item.ticketTypeName,
    detail: `${item.quantity} × ${formatPrice(item.unitPriceCents, order.currency)}`,
    amount: formatPrice(item.quantity * item.unitPriceCents, order.currency),
  }));
  const fee = order.feeCents ?? 0;
  const taxes = order.taxes ?? [];
  const onTop = taxes.filter((tax) => !tax.inclusive && tax.cents > 0);
  // Every line the buyer paid, as the checkout showed them: subtotal, discount, fee, tax on top.
  const hasLines = order.discountCents > 0 || fee > 0 || onTop.length > 0;
  if (hasLines) rows.push({ label: 'Subtotal', amount: money(order.subtotalCents), hasRuleAbove: true });
  if (order.discountCents > 0) rows.push({ label: 'Discount', amount: `−${money(order.discountCents)}` });
  if (fee > 0) rows.push({ label: 'Service fee', amount: money(fee) });
  for (const tax of onTop) rows.push({ label: tax.label, amount: money(tax.cents) });
  rows.push({
    label: 'Total',
    amount: formatPrice(order.totalCents, order.currency),
    isTotal: true,
    hasRuleAbove: !hasLines,
  });
  for (const tax of taxes.filter((included) => included.inclusive && included.cents > 0))
    rows.push({ label: `Including ${tax.label}`, amount: money(tax.cents) });
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

function ticketsToMjml(tickets: EmailTicket[]): string {
  return tickets
    .map((ticket, index) => {
      const heading = `Ticket ${index + 1} of ${tickets.length} · ${ticket.ticketTypeName}`;
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
        `text-decoration:none">Download ticket (PDF) &rarr;</a></div></mj-text></mj-column></mj-section>`
      );
    })
    .join('');
}

function changesToMjml(changes: Change[]): string {
  const rows = changes.map((change, index) => {
    const isChanged = change.before !== change.after;
    const padding = index === changes.length - 1 ? '0' : '0 0 16px';
    const body = isChanged
      ? `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin-top:6px">` +
        `<tr><td style="width:48px;font-size:12px;font-weight:700;color:${COLORS.muted};vertical-align:top;` +
        `padding:2px 0">WAS</td><td style="font-size:15px;line-height:22px;color:${COLORS.muted};` +
        `text-decoration:line-through;padding:0 0 4px">${escapeHtml(change.before)}</td></tr>` +
        `<tr><td style="width:48px;font-size:12px;font-weight:700;color:${TONES.warning.ink};` +
        `vertical-align:top;padding:2px 0">NOW</td><td style="font-size:15px;line-height:22px;` +
        `font-weight:700;color:${COLORS.text}">${escapeHtml(change.after)}</td></tr></table>`
      : `<div style="font-size:15px;line-height:22px;color:${COLORS.text};padding-top:2px">` +
        `${escapeHtml(change.after)} <span style="color:${COLORS.muted}">(unchanged)</span></div>`;
    return `<mj-text padding="${padding}">${label(change.label)}${body}</mj-text>`;
  });
  return section(
    rows.join(''),
    `background-color="${COLORS.panel}" border-radius="10px" padding="18px 20px" border="1px solid ${COLORS.rule}"`,
  );
}

export function blockToMjml(block: Block): string {
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
      return ticketsToMjml(block.tickets);
    case 'changes':
      return changesToMjml(block.changes);
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

function alignLabels(rows: Array<{ label: string; value: string }>): string {
  const width = Math.max(...rows.map((row) => row.label.length)) + 1;
  return rows.map((row) => `${`${row.label}:`.padEnd(width)} ${row.value}`).join('\n');
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

export function blockToText(block: Block): string {
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
      );
    case 'notice':
      return `** ${block.title} **\n${block.text}`;
    case 'summary':
      return summaryToText(block.rows);
    case 'tickets':
      return block.tickets
        .map(
          (ticket, index) =>
            `${index + 1}. ${ticket.attendeeName} (${ticket.ticketTypeName})\n` +
            `   Code: ${ticket.code}\n` +
            `   PDF:  ${ticket.pdfUrl}`,
        )
        .join('\n\n');
    case 'changes':
      return block.changes
        .map((change) =>
          change.before === change.after
            ? `${change.label}: ${change.after} (unchanged)`
            : `${change.label}:\n  Was: ${change.before}\n  Now: ${change.after}`,
        )
        .join('\n\n');
    case 'button':
      return `${block.label}:\n${block.href}`;
    case 'markdown':
      return block.text;
    case 'image':
      return block.alt;
  }
}
