import type { AnalyticsInterval, OrganizationAnalytics } from '@zevents/contracts';
import { fromWallTime, toWallTime } from '../lib/zoned-time';

export type RevenueRow = OrganizationAnalytics['series'][number];

/** One bucket of the chart: revenue in minor units per currency (absent: nothing sold in it). */
export interface RevenueBucket {
  start: string;
  revenueCents: Readonly<Record<string, number>>;
}

/** Past this many buckets the empty ones are not drawn (the API answers at most 800 anyway). */
const MAX_FILLED_BUCKETS = 800;
const HOUR_MS = 3_600_000;

/** The currencies sold in, the biggest earner first, so the first colour goes to the main one. */
export function currenciesOf(series: readonly RevenueRow[]): string[] {
  const totals = revenueTotals(series);
  return [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0) || a.localeCompare(b));
}

/** Revenue per currency over the whole period, in minor units. */
export function revenueTotals(series: readonly RevenueRow[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of series) totals.set(row.currency, (totals.get(row.currency) ?? 0) + row.revenueCents);
  return totals;
}

/** The calendar day after `YYYY-MM-DD`. */
function nextDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 1)).toISOString().slice(0, 10);
}

/**
 * Every bucket start from the one holding `from` up to `to`, in `timeZone` as the API buckets them
 * (`date_trunc` in the zone): local midnights by day (23 or 25 hours apart across a clock change),
 * local hour starts by hour.
 */
export function bucketStarts(
  from: string,
  to: string,
  interval: AnalyticsInterval,
  timeZone: string,
): string[] {
  const end = Date.parse(to);
  const starts: string[] = [];
  if (interval === 'hour') {
    const first = Date.parse(fromWallTime(`${toWallTime(from, timeZone).slice(0, 13)}:00:00`, timeZone));
    for (let at = first; at < end && starts.length < MAX_FILLED_BUCKETS; at += HOUR_MS)
      starts.push(new Date(at).toISOString());
    return starts;
  }
  let day = toWallTime(from, timeZone).slice(0, 10);
  for (let at = fromWallTime(`${day} 00:00:00`, timeZone); Date.parse(at) < end;) {
    if (starts.length === MAX_FILLED_BUCKETS) break;
    starts.push(at);
    day = nextDay(day);
    at = fromWallTime(`${day} 00:00:00`, timeZone);
  }
  return starts;
}

/**
 * The API sends only the buckets something sold in, one row per bucket and currency. The chart wants
 * one point per bucket with a figure per currency, and the quiet buckets as zero-height bars, so the
 * time axis keeps its spacing instead of drawing two busy days a week apart side by side.
 */
export function revenueBuckets(report: OrganizationAnalytics): RevenueBucket[] {
  const byStart = new Map<number, Record<string, number>>();
  for (const start of bucketStarts(report.from, report.to, report.interval, report.timezone))
    byStart.set(Date.parse(start), {});
  for (const row of report.series) {
    const key = Date.parse(row.start);
    const amounts = byStart.get(key) ?? {};
    amounts[row.currency] = (amounts[row.currency] ?? 0) + row.revenueCents;
    byStart.set(key, amounts);
  }
  return [...byStart.entries()]
    .sort(([a], [b]) => a - b)
    .map(([start, revenueCents]) => ({ start: new Date(start).toISOString(), revenueCents }));
}
