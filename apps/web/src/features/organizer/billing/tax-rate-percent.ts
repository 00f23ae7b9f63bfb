import { i18n } from '../../../i18n/i18n';

/** The API's ceiling for a rate: 10,000 basis points, 100%. */
export const MAX_RATE_BASIS_POINTS = 10_000;

export type PercentParse =
  | { ok: true; basisPoints: number }
  | { ok: false; reason: 'empty' | 'not-a-number' | 'too-precise' | 'too-high' };

/** "19", "7.25", "7,25" (a European keyboard), "0.5": digits, then at most one separator and decimals. */
const PERCENT_PATTERN = /^(\d+)(?:[.,](\d*))?$/;

/**
 * A percentage as typed -> basis points, by its digits rather than by multiplying a float: 7.25 * 100
 * is 724.9999…, and a rate that drifts by one basis point misprices every ticket. More than two
 * decimals is refused, never rounded: 19.999% is not a rate anyone means.
 */
export function percentToBasisPoints(typed: string): PercentParse {
  const text = typed.trim().replace(/\s*%$/, '');
  if (text === '') return { ok: false, reason: 'empty' };
  const match = PERCENT_PATTERN.exec(text);
  if (!match) return { ok: false, reason: 'not-a-number' };
  const whole = match[1] ?? '0';
  const decimals = (match[2] ?? '').replace(/0+$/, '');
  if (decimals.length > 2) return { ok: false, reason: 'too-precise' };
  // Leading zeros and a long run of digits: compare as numbers only once they are known to be small.
  if (whole.replace(/^0+/, '').length > 3) return { ok: false, reason: 'too-high' };
  const basisPoints = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  if (basisPoints > MAX_RATE_BASIS_POINTS) return { ok: false, reason: 'too-high' };
  return { ok: true, basisPoints };
}

/** Basis points -> the percentage a person types, without the sign: 1900 -> "19", 725 -> "7.25", 1950 -> "19.5". */
export function basisPointsToPercentText(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const cents = Math.abs(basisPoints % 100);
  if (cents === 0) return String(whole);
  return `${whole}.${String(cents).padStart(2, '0').replace(/0$/, '')}`;
}

/** 1925 -> "19.25%", as the rates table shows it. */
export function formatRate(basisPoints: number): string {
  return `${basisPointsToPercentText(basisPoints)}%`;
}

/** Each refusal's catalog key (written out whole for the catalog check). */
export const PERCENT_REFUSAL_KEYS: Record<Exclude<PercentParse, { ok: true }>['reason'], string> = {
  empty: 'web.org.settings.billing.rates.percentEmpty',
  'not-a-number': 'web.org.settings.billing.rates.percentNaN',
  'too-precise': 'web.org.settings.billing.rates.percentPrecise',
  'too-high': 'web.org.settings.billing.rates.percentHigh',
};

/** The sentence to show under the rate field, or null when it is a rate the API takes. */
export function percentError(typed: string): string | null {
  const parsed = percentToBasisPoints(typed);
  return parsed.ok ? null : i18n.t(PERCENT_REFUSAL_KEYS[parsed.reason]);
}
