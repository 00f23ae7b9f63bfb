/**
 * How the pages show money and counts. The arithmetic of minor units (`formatMoney`, `toMinorUnits`)
 * lives in `@zevents/contracts`, shared with the API's emails; these are the display-only extras.
 */
import { currentIntlLocale, i18n } from '../../i18n/i18n';
import { fromMinorUnits, formatMoney } from '@zevents/contracts';

/** A price for a ticket: `Free` for zero, else the formatted amount. */
export function formatPrice(
  minorUnits: number,
  currency: string,
  locale: string = currentIntlLocale(),
): string {
  return minorUnits === 0 ? i18n.t('web.common.free') : formatMoney(minorUnits, currency, locale);
}

/** A compact figure for cards: "€12.3K" past ten thousand, exact below. */
export function formatMoneyCompact(
  minorUnits: number,
  currency: string,
  locale: string = currentIntlLocale(),
): string {
  const amount = fromMinorUnits(minorUnits, currency);
  if (Math.abs(amount) < 10_000) return formatMoney(minorUnits, currency, locale);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount);
}

/** The currency's symbol alone ("€", "US$"), for input prefixes. */
export function currencySymbol(currency: string, locale: string = currentIntlLocale()): string {
  try {
    const part = new Intl.NumberFormat(locale, { style: 'currency', currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}

export function formatCount(value: number, locale: string = currentIntlLocale()): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A share as a whole percent ("37%"); "—" when there is nothing to divide by. */
export function formatPercent(part: number, whole: number, locale: string = currentIntlLocale()): string {
  if (whole <= 0) return '—';
  const ratio = Math.min(part / whole, 1);
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: ratio > 0 && ratio < 0.01 ? 1 : 0,
  }).format(ratio);
}
