import { decimalAmount, formatMoney } from '@zevents/contracts';
import { DateTime } from 'luxon';

/**
 * What an invoice or a credit note says, worked out from the stored money of the order (its lines'
 * discount, tax and fee as the rounding rule gave them) or of the refund (what it gave back of each
 * line): integer sums only, never a float, so the printed figures add up to the cent. The PDF
 * renderer only draws this.
 */

export interface InvoiceOrderLine {
  ticketTypeId: string;
  ticketTypeName: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  feeCents: number;
  taxCents: number;
  /** After discount, with exclusive tax and the passed-on fee share. */
  totalCents: number;
  taxName: string | null;
  taxRateBasisPoints: number | null;
  taxInclusive: boolean | null;
}

export interface InvoiceOrder {
  id: string;
  currency: string;
  buyerName: string;
  buyerEmail: string;
  billingDetails: { companyName: string; address?: string | null; taxId?: string | null } | null;
  subtotalCents: number;
  discountCents: number;
  feeCents: number;
  feePassedOn: boolean;
  taxCents: number;
  totalCents: number;
  paidAt: Date | null;
}

export interface InvoiceSeller {
  organizationName: string;
  legalName: string | null;
  address: string | null;
  taxId: string | null;
  footer: string | null;
  timezone: string;
}

export interface InvoiceEvent {
  title: string;
  venue: string | null;
  startsAt: Date;
  timezone: string;
}

/** What one refund gave back of one line (refunds.lines). */
export interface RefundedLine {
  ticketTypeId: string;
  priceCents: number;
  taxCents: number;
  feeCents: number;
}

export interface DocumentRow {
  description: string;
  quantity: string;
  unitPrice: string;
  discount: string;
  taxRate: string;
  tax: string;
  total: string;
  /** The same figures in minor units (tests and sums read these). */
  cents: { unitPrice: number | null; discount: number; tax: number; total: number };
}

export interface DocumentTotal {
  label: string;
  amount: string;
  cents: number;
  isGrandTotal?: boolean;
}

export interface InvoiceDocument {
  kind: 'invoice' | 'credit_note';
  title: string;
  number: string;
  issueDate: string;
  /** "Refers to invoice INV-2026-000001" on a credit note. */
  reference: string | null;
  paidDate: string | null;
  seller: { name: string; lines: string[] };
  buyer: { name: string; lines: string[] };
  event: { title: string; date: string };
  orderId: string;
  currency: string;
  rows: DocumentRow[];
  totals: DocumentTotal[];
  /** Why the tax column reads as it does ("Prices include VAT"), when some rate was inclusive. */
  notes: string[];
  footer: string | null;
}

interface Issued {
  number: string;
  issuedAt: Date;
}

const LOCALE = 'en-GB';

/**
 * "€1,234.50", "-€5.00"; a symbol the PDF's built-in fonts cannot draw (₹, ₩) reads as the code
 * instead ("1234.50 INR") rather than as "?".
 */
function money(cents: number, currency: string): string {
  const formatted = formatMoney(cents, currency, LOCALE);
  return /^[\u0020-\u007e\u00a0-\u00ff\u20ac]*$/.test(formatted)
    ? formatted
    : `${decimalAmount(cents, currency)} ${currency}`;
}

function validZone(zone: string): string {
  return DateTime.local().setZone(zone).isValid ? zone : 'UTC';
}

function dayOf(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone: validZone(zone) })
    .setLocale(LOCALE)
    .toFormat('d LLLL yyyy');
}

/** "19%" or "7.25%" from basis points, exactly. */
export function percentOf(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const rest = basisPoints % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

function rateLabel(line: Pick<InvoiceOrderLine, 'taxName' | 'taxRateBasisPoints' | 'taxInclusive'>): string {
  if (line.taxRateBasisPoints === null) return '-';
  const name = line.taxName ?? 'Tax';
  const percent = percentOf(line.taxRateBasisPoints);
  // A rate named "VAT 19%" already says its percent.
  return name.includes(percent) ? name : `${name} ${percent}`;
}

function sellerOf(seller: InvoiceSeller): InvoiceDocument['seller'] {
  const lines = splitLines(seller.address);
  if (seller.taxId) lines.push(`Tax ID: ${seller.taxId}`);
  return { name: seller.legalName ?? seller.organizationName, lines };
}

function buyerOf(order: InvoiceOrder): InvoiceDocument['buyer'] {
  const details = order.billingDetails;
  if (details?.companyName) {
    const lines = splitLines(details.address ?? null);
    if (details.taxId) lines.push(`Tax ID: ${details.taxId}`);
    lines.push(`Attn. ${order.buyerName}`, order.buyerEmail);
    return { name: details.companyName, lines };
  }
  return { name: order.buyerName, lines: [order.buyerEmail] };
}

function splitLines(text: string | null): string[] {
  return (text ?? '')
    .split(/\r?\n|,\s*(?=\S)/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

interface TaxGroup {
  label: string;
  inclusive: boolean;
  cents: number;
}

/** Tax per rate (and per included / added), in the order the lines first name them. */
function taxGroups(
  lines: ReadonlyArray<{
    line: Pick<InvoiceOrderLine, 'taxName' | 'taxRateBasisPoints' | 'taxInclusive'>;
    taxCents: number;
  }>,
): TaxGroup[] {
  const groups = new Map<string, TaxGroup>();
  for (const { line, taxCents } of lines) {
    if (line.taxRateBasisPoints === null) continue;
    const label = rateLabel(line);
    const inclusive = line.taxInclusive === true;
    const key = `${label}|${inclusive}`;
    const group = groups.get(key) ?? { label, inclusive, cents: 0 };
    group.cents += taxCents;
    groups.set(key, group);
  }
  return [...groups.values()];
}

function commonParts(
  order: InvoiceOrder,
  seller: InvoiceSeller,
  event: InvoiceEvent,
  issued: Issued,
): Pick<
  InvoiceDocument,
  'number' | 'issueDate' | 'paidDate' | 'seller' | 'buyer' | 'event' | 'orderId' | 'currency' | 'footer'
> {
  return {
    number: issued.number,
    issueDate: dayOf(issued.issuedAt, seller.timezone),
    paidDate: order.paidAt ? dayOf(order.paidAt, seller.timezone) : null,
    seller: sellerOf(seller),
    buyer: buyerOf(order),
    event: {
      title: event.title,
      date:
        DateTime.fromJSDate(event.startsAt, { zone: validZone(event.timezone) })
          .setLocale(LOCALE)
          .toFormat('cccc d LLLL yyyy, HH:mm') + (event.venue ? ` · ${event.venue}` : ''),
    },
    orderId: order.id,
    currency: order.currency,
    footer: seller.footer,
  };
}

/** The invoice of a paid order: one row per line, the passed-on fee as its own row, totals per rate. */
export function invoiceDocument(input: {
  order: InvoiceOrder;
  lines: readonly InvoiceOrderLine[];
  seller: InvoiceSeller;
  event: InvoiceEvent;
  invoice: Issued;
}): InvoiceDocument {
  const { order, lines } = input;
  const c = order.currency;
  const fee = order.feePassedOn ? order.feeCents : 0;
  const rows: DocumentRow[] = lines.map((line) => {
    const lineFee = order.feePassedOn ? line.feeCents : 0;
    const total = line.totalCents - lineFee;
    return {
      description: line.ticketTypeName,
      quantity: String(line.quantity),
      unitPrice: money(line.unitPriceCents, c),
      discount: line.discountCents > 0 ? money(-line.discountCents, c) : '-',
      taxRate: rateLabel(line) + (line.taxRateBasisPoints !== null && line.taxInclusive ? ' (incl.)' : ''),
      tax: line.taxRateBasisPoints === null ? '-' : money(line.taxCents, c),
      total: money(total, c),
      cents: { unitPrice: line.unitPriceCents, discount: line.discountCents, tax: line.taxCents, total },
    };
  });
  if (fee > 0)
    rows.push({
      description: 'Service fee',
      quantity: '1',
      unitPrice: money(fee, c),
      discount: '-',
      taxRate: '-',
      tax: '-',
      total: money(fee, c),
      cents: { unitPrice: fee, discount: 0, tax: 0, total: fee },
    });

  const totals: DocumentTotal[] = [
    { label: 'Subtotal', amount: money(order.subtotalCents, c), cents: order.subtotalCents },
  ];
  if (order.discountCents > 0)
    totals.push({ label: 'Discount', amount: money(-order.discountCents, c), cents: -order.discountCents });
  if (fee > 0) totals.push({ label: 'Service fee', amount: money(fee, c), cents: fee });
  const groups = taxGroups(lines.map((line) => ({ line, taxCents: line.taxCents })));
  for (const group of groups.filter((g) => !g.inclusive))
    totals.push({ label: group.label, amount: money(group.cents, c), cents: group.cents });
  totals.push({
    label: 'Total',
    amount: money(order.totalCents, c),
    cents: order.totalCents,
    isGrandTotal: true,
  });
  for (const group of groups.filter((g) => g.inclusive))
    totals.push({ label: `Included ${group.label}`, amount: money(group.cents, c), cents: group.cents });

  return {
    kind: 'invoice',
    title: 'Invoice',
    reference: null,
    ...commonParts(order, input.seller, input.event, input.invoice),
    rows,
    totals,
    notes: notesOf(groups, order.currency),
  };
}

function notesOf(groups: readonly TaxGroup[], currency: string): string[] {
  const notes: string[] = [];
  if (groups.some((g) => g.inclusive))
    notes.push('Unit prices include the taxes marked (incl.); the included tax is shown below the total.');
  notes.push(`All amounts in ${currency}.`);
  return notes;
}

/**
 * The credit note of one refund: what it gave back of each line (price after discount, tax, fee),
 * as negative amounts. A refund recorded without its lines counts as price of the first line.
 */
export function creditNoteDocument(input: {
  order: InvoiceOrder;
  lines: readonly InvoiceOrderLine[];
  refund: { amountCents: number; lines: readonly RefundedLine[] };
  seller: InvoiceSeller;
  event: InvoiceEvent;
  creditNote: Issued;
  invoiceNumber: string | null;
}): InvoiceDocument {
  const { order, lines, refund } = input;
  const c = order.currency;
  const first = lines[0];
  const given: readonly RefundedLine[] =
    refund.lines.length > 0 || !first
      ? refund.lines
      : [{ ticketTypeId: first.ticketTypeId, priceCents: refund.amountCents, taxCents: 0, feeCents: 0 }];
  const byType = new Map(lines.map((line) => [line.ticketTypeId, line]));
  const credited = given
    .filter((part) => part.priceCents + part.taxCents + part.feeCents > 0)
    .map((part) => ({ part, line: byType.get(part.ticketTypeId) }));

  const rows: DocumentRow[] = credited
    .filter(({ part }) => part.priceCents + part.taxCents > 0)
    .map(({ part, line }) => {
      const total = part.priceCents + part.taxCents;
      return {
        description: line?.ticketTypeName ?? 'Tickets',
        quantity: '-',
        unitPrice: money(-part.priceCents, c),
        discount: '-',
        taxRate: line ? rateLabel(line) : '-',
        tax: line?.taxRateBasisPoints == null ? '-' : money(-part.taxCents, c),
        total: money(-total, c),
        cents: { unitPrice: -part.priceCents, discount: 0, tax: -part.taxCents, total: -total },
      };
    });
  const fee = credited.reduce((sum, { part }) => sum + part.feeCents, 0);
  if (fee > 0)
    rows.push({
      description: 'Service fee',
      quantity: '-',
      unitPrice: money(-fee, c),
      discount: '-',
      taxRate: '-',
      tax: '-',
      total: money(-fee, c),
      cents: { unitPrice: -fee, discount: 0, tax: 0, total: -fee },
    });

  const net = credited.reduce((sum, { part }) => sum + part.priceCents, 0);
  const totals: DocumentTotal[] = [{ label: 'Net amount (excl. tax)', amount: money(-net, c), cents: -net }];
  if (fee > 0) totals.push({ label: 'Service fee', amount: money(-fee, c), cents: -fee });
  const groups = taxGroups(
    credited.flatMap(({ part, line }) => (line ? [{ line, taxCents: part.taxCents }] : [])),
  );
  for (const group of groups)
    totals.push({ label: group.label, amount: money(-group.cents, c), cents: -group.cents });
  const total = net + fee + groups.reduce((sum, g) => sum + g.cents, 0);
  totals.push({ label: 'Total credited', amount: money(-total, c), cents: -total, isGrandTotal: true });

  return {
    kind: 'credit_note',
    title: 'Credit note',
    reference: input.invoiceNumber ? `Refers to invoice ${input.invoiceNumber}` : null,
    ...commonParts(order, input.seller, input.event, input.creditNote),
    rows,
    totals,
    notes: [
      'The amounts above were refunded to the original means of payment.',
      `All amounts in ${order.currency}.`,
    ],
  };
}
