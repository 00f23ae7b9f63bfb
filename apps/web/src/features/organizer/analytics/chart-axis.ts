import { currencyDigits } from '@zevents/contracts';
import { formatMoneyCompact } from '../../../components/ui/money';
import { currentIntlLocale } from '../../../i18n/i18n';

/** Roughly what one character of a 12 px tick takes, and what the axis keeps beside its labels. */
const CHAR_PX = 7;
const PADDING_PX = 12;

/** A Y axis wide enough for its longest label: "1.400,00 €" needs more room than "€1.4K". */
export function axisWidth(labels: readonly string[], minimum = 36): number {
  const longest = labels.reduce((most, label) => Math.max(most, label.length), 0);
  return Math.max(minimum, Math.ceil(longest * CHAR_PX + PADDING_PX));
}

/**
 * A money Y axis for amounts drawn in whole units of `currency`: its tick labels in the page's language
 * and a width that fits them. The axis rounds its top tick up past the largest amount, so a quarter
 * more is measured too (99,500 may be drawn up to 100,000).
 */
export function moneyAxis(
  currency: string,
  amounts: readonly number[],
  locale: string = currentIntlLocale(),
): { width: number; tickFormatter: (value: number) => string } {
  const digits = currencyDigits(currency);
  const tickFormatter = (value: number) =>
    formatMoneyCompact(Math.round(value * 10 ** digits), currency, locale);
  const finite = amounts.filter((amount) => Number.isFinite(amount));
  const extremes = [Math.max(0, ...finite), Math.min(0, ...finite)].flatMap((amount) => [
    amount,
    amount * 1.25,
  ]);
  return { width: axisWidth(extremes.map(tickFormatter), 48), tickFormatter };
}
