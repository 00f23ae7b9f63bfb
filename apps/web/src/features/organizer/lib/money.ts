/** Money is an integer of minor units beside an ISO 4217 code; these turn it into text and back. */

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits ?? 2);
  }
  return digits ?? 2;
}

/** `formatMoney(123450, 'EUR')` gives "€1,234.50" in the viewer's locale. */
export function formatMoney(cents: number, currency: string, locale?: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 10 ** digits);
}

/** A compact figure for cards: "€12.3K" past ten thousand, exact below. */
export function formatMoneyCompact(cents: number, currency: string, locale?: string): string {
  const digits = currencyDigits(currency);
  const amount = cents / 10 ** digits;
  if (Math.abs(amount) < 10_000) return formatMoney(cents, currency, locale);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount);
}

/** The decimal amount typed in a form ("12.5") as integer minor units (1250). */
export function toMinorUnits(amount: number | string, currency: string): number {
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return Number.NaN;
  // Math.round absorbs binary float noise (19.99 * 100 = 1998.9999999999998).
  return Math.round(value * 10 ** currencyDigits(currency));
}

/** Integer minor units as the decimal amount a form shows. */
export function fromMinorUnits(cents: number, currency: string): number {
  return cents / 10 ** currencyDigits(currency);
}

/** The currency's symbol alone ("€", "US$"), for input prefixes. */
export function currencySymbol(currency: string, locale?: string): string {
  try {
    const part = new Intl.NumberFormat(locale, { style: 'currency', currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}

export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A share as a whole percent ("37%"); "—" when there is nothing to divide by. */
export function formatPercent(part: number, whole: number, locale?: string): string {
  if (whole <= 0) return '—';
  const ratio = Math.min(part / whole, 1);
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: ratio > 0 && ratio < 0.01 ? 1 : 0,
  }).format(ratio);
}
