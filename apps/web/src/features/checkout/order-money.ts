import { formatMoney, type Order } from '@zevents/contracts';
import { currentIntlLocale, i18n } from '../../i18n/i18n';

/** One line of the money part of an order summary. */
export interface MoneyLine {
  key: string;
  label: string;
  amount: string;
  /** A discount (shown as taken off), a tax included in prices (shown for information), or plain. */
  tone?: 'discount' | 'included' | 'total' | 'refund';
}

/** "19%" from 1900 basis points, "8.88%" from 888 (in German "8,88%"). */
export function formatRate(rateBasisPoints: number, locale: string = currentIntlLocale()): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(rateBasisPoints / 100)}%`;
}

/**
 * Every amount the buyer pays or is told about, in order: subtotal, discount, service fee, the tax
 * of each rate added on top, the total, then the tax included in the prices, then refunds.
 */
export function orderMoneyLines(order: Order): MoneyLine[] {
  const locale = currentIntlLocale();
  const money = (cents: number) => formatMoney(cents, order.currency, locale);
  const lines: MoneyLine[] = [
    { key: 'subtotal', label: i18n.t('web.checkout.money.subtotal'), amount: money(order.subtotalCents) },
  ];
  if (order.discountCents > 0)
    lines.push({
      key: 'discount',
      label: i18n.t('web.checkout.money.discount'),
      amount: `− ${money(order.discountCents)}`,
      tone: 'discount',
    });
  if (order.feeCents > 0)
    lines.push({ key: 'fee', label: i18n.t('web.checkout.money.fee'), amount: money(order.feeCents) });

  // The tax of each rate, summed over the lines priced with it (in the order the lines come).
  const taxes = new Map<string, { label: string; inclusive: boolean; cents: number }>();
  for (const item of order.items) {
    if (!item.taxRate || !item.taxCents) continue;
    const rate = item.taxRate;
    // "VAT 19%", whether the organizer named the rate "VAT" or "VAT 19%".
    const shown = formatRate(rate.rateBasisPoints, locale);
    const named =
      rate.name.includes(shown) || rate.name.includes(formatRate(rate.rateBasisPoints, 'en'))
        ? rate.name
        : `${rate.name} ${shown}`;
    const entry = taxes.get(rate.id) ?? {
      label: rate.inclusive ? i18n.t('web.checkout.money.included', { name: named }) : named,
      inclusive: rate.inclusive,
      cents: 0,
    };
    entry.cents += item.taxCents;
    taxes.set(rate.id, entry);
  }
  for (const [id, tax] of taxes)
    if (!tax.inclusive) lines.push({ key: `tax-${id}`, label: tax.label, amount: money(tax.cents) });
  lines.push({
    key: 'total',
    label: i18n.t('web.checkout.money.total'),
    amount: money(order.totalCents),
    tone: 'total',
  });
  for (const [id, tax] of taxes)
    if (tax.inclusive)
      lines.push({ key: `tax-${id}`, label: tax.label, amount: money(tax.cents), tone: 'included' });
  if (order.refundedCents > 0)
    lines.push({
      key: 'refunded',
      label: i18n.t('web.checkout.money.refunded'),
      amount: `− ${money(order.refundedCents)}`,
      tone: 'refund',
    });
  return lines;
}
