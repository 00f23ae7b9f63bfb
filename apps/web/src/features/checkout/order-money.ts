import { formatMoney, type Order } from '@zevents/contracts';

/** One line of the money part of an order summary. */
export interface MoneyLine {
  key: string;
  label: string;
  amount: string;
  /** A discount (shown as taken off), a tax included in prices (shown for information), or plain. */
  tone?: 'discount' | 'included' | 'total' | 'refund';
}

const percentFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 3 });

/** "19%" from 1900 basis points, "8.88%" from 888. */
export function formatRate(rateBasisPoints: number): string {
  return `${percentFormat.format(rateBasisPoints / 100)}%`;
}

/**
 * Every amount the buyer pays or is told about, in order: subtotal, discount, service fee, the tax
 * of each rate added on top, the total, then the tax included in the prices, then refunds.
 */
export function orderMoneyLines(order: Order): MoneyLine[] {
  const money = (cents: number) => formatMoney(cents, order.currency);
  const lines: MoneyLine[] = [{ key: 'subtotal', label: 'Subtotal', amount: money(order.subtotalCents) }];
  if (order.discountCents > 0)
    lines.push({
      key: 'discount',
      label: 'Discount',
      amount: `− ${money(order.discountCents)}`,
      tone: 'discount',
    });
  if (order.feeCents > 0) lines.push({ key: 'fee', label: 'Service fee', amount: money(order.feeCents) });

  // The tax of each rate, summed over the lines priced with it (in the order the lines come).
  const taxes = new Map<string, { label: string; inclusive: boolean; cents: number }>();
  for (const item of order.items) {
    if (!item.taxRate || !item.taxCents) continue;
    const rate = item.taxRate;
    // "VAT 19%", whether the organizer named the rate "VAT" or "VAT 19%".
    const named = rate.name.includes(formatRate(rate.rateBasisPoints))
      ? rate.name
      : `${rate.name} ${formatRate(rate.rateBasisPoints)}`;
    const entry = taxes.get(rate.id) ?? {
      label: `${named}${rate.inclusive ? ' (included)' : ''}`,
      inclusive: rate.inclusive,
      cents: 0,
    };
    entry.cents += item.taxCents;
    taxes.set(rate.id, entry);
  }
  for (const [id, tax] of taxes)
    if (!tax.inclusive) lines.push({ key: `tax-${id}`, label: tax.label, amount: money(tax.cents) });
  lines.push({ key: 'total', label: 'Total', amount: money(order.totalCents), tone: 'total' });
  for (const [id, tax] of taxes)
    if (tax.inclusive)
      lines.push({ key: `tax-${id}`, label: tax.label, amount: money(tax.cents), tone: 'included' });
  if (order.refundedCents > 0)
    lines.push({
      key: 'refunded',
      label: 'Refunded',
      amount: `− ${money(order.refundedCents)}`,
      tone: 'refund',
    });
  return lines;
}
