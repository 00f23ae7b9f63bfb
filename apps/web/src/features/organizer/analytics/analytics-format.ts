import type { AnalyticsInterval, EventAnalytics } from '@zevents/contracts';
import { currentIntlLocale } from '../../../i18n/i18n';

export type FunnelStepName = EventAnalytics['funnel'][number]['step'];
export type SourceKind = EventAnalytics['sources'][number]['kind'];

/** What each step of the funnel means to an organizer (catalog keys: translated where shown). */
export const FUNNEL_LABEL_KEYS = {
  views: 'web.org.insight.analytics.funnel.views',
  selections: 'web.org.insight.analytics.funnel.selections',
  holds: 'web.org.insight.analytics.funnel.holds',
  details: 'web.org.insight.analytics.funnel.details',
  paid: 'web.org.insight.analytics.funnel.paid',
} as const satisfies Record<FunnelStepName, string>;

export const SOURCE_KIND_LABEL_KEYS = {
  tracking_link: 'web.org.insight.analytics.sourceKind.trackingLink',
  campaign: 'web.org.insight.analytics.sourceKind.campaign',
  referrer: 'web.org.insight.analytics.sourceKind.referrer',
  direct: 'web.org.insight.analytics.sourceKind.direct',
} as const satisfies Record<SourceKind, string>;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(timeZone: string, options: Intl.DateTimeFormatOptions, locale: string) {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    } catch {
      // A zone this browser does not know: UTC, rather than no chart.
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    }
    formats.set(key, format);
  }
  return format;
}

/** A bucket's start on the time axis, in the event's zone: "14 Mar" by day, "14 Mar, 19:00" by hour. */
export function formatBucket(
  iso: string,
  timeZone: string,
  interval: AnalyticsInterval,
  locale: string = currentIntlLocale(),
): string {
  const options: Intl.DateTimeFormatOptions =
    interval === 'day'
      ? { day: 'numeric', month: 'short' }
      : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return formatIn(timeZone, options, locale).format(new Date(iso));
}

/** A time of day in the event's zone ("19:35"), for the door's 5-minute bins. */
export function formatClock(iso: string, timeZone: string, locale: string = currentIntlLocale()): string {
  return formatIn(timeZone, { hour: '2-digit', minute: '2-digit' }, locale).format(new Date(iso));
}

/** A conversion (a ratio, 0.125) as "12.5%"; "—" when there was nothing to convert. */
export function formatRatio(ratio: number | null, locale: string = currentIntlLocale()): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: ratio > 0 && ratio < 0.1 ? 1 : 0,
  }).format(ratio);
}

/** A rate with one decimal ("2.4"), or a whole number when it is one. */
export function formatRate(value: number, locale: string = currentIntlLocale()): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** A ratio for a CSV cell: a plain decimal with four places ("0.1250"), which spreadsheets read as a number. */
export function csvRatio(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '' : ratio.toFixed(4);
}
