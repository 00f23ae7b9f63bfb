/**
 * Money is an integer of minor units beside an ISO 4217 code. These turn it into text and back, for the
 * web app and the API's emails alike; Intl knows each currency's minor units (EUR 2, JPY 0, KWD 3).
 */

const digitsCache = new Map<string, number>();

/** How many minor-unit digits a currency has (2 for EUR, 0 for JPY, 3 for KWD); 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsCache.set(currency, digits);
  }
  return digits;
}

// Building an Intl.NumberFormat costs far more than using one: an email batch or a long table formats
// thousands of amounts in a handful of currencies.
const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `formatMoney(123450, 'EUR', 'en-US')` gives "€1,234.50"; one division at display time, never a float sum. */
export function formatMoney(minorUnits: number, currency: string, locale?: string): string {
  const key = `${locale ?? ''}|${currency}`;
  let format = moneyFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    moneyFormats.set(key, format);
  }
  return format.format(fromMinorUnits(minorUnits, currency));
}

/** The decimal amount a person typed ("12.5") as integer minor units (1250); NaN for what is not a number. */
export function toMinorUnits(amount: number | string, currency: string): number {
  const value = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(value)) return Number.NaN;
  // Math.round absorbs binary float noise (19.99 * 100 = 1998.9999999999998).
  return Math.round(value * 10 ** currencyDigits(currency));
}

/** Integer minor units as the decimal amount a form shows (1999 EUR -> 19.99). */
export function fromMinorUnits(minorUnits: number, currency: string): number {
  return minorUnits / 10 ** currencyDigits(currency);
}

/**
 * Integer minor units as an exact decimal string with the currency's digits ("1234.50" EUR, "1234"
 * JPY, "1.234" KWD): for exports, where a float's rounding would cost a spreadsheet a cent.
 */
export function decimalAmount(minorUnits: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minorUnits < 0 ? '-' : '';
  const text = String(Math.abs(Math.trunc(minorUnits))).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
