import type { AnalyticsInterval } from '@zevents/contracts';

export const PERIOD_DAYS = [7, 30, 90] as const;
export type PeriodDays = (typeof PERIOD_DAYS)[number];

export interface AnalyticsPeriod {
  days: PeriodDays;
  interval: AnalyticsInterval;
}

export const DEFAULT_PERIOD: AnalyticsPeriod = { days: 30, interval: 'day' };

/** The API answers at most 800 buckets: hours fit 30 days (720), not 90 (2,160). */
const MAX_BUCKETS = 800;

export function isIntervalAllowed(days: PeriodDays, interval: AnalyticsInterval): boolean {
  return interval === 'day' || days * 24 <= MAX_BUCKETS;
}

/** A new length keeps the grouping when it still fits, else falls back to days. */
/** A new period, from the one in the address at the moment it changes. */
export type PeriodUpdate = (current: AnalyticsPeriod) => AnalyticsPeriod;

export function withDays(period: AnalyticsPeriod, days: PeriodDays): AnalyticsPeriod {
  return { days, interval: isIntervalAllowed(days, period.interval) ? period.interval : 'day' };
}

/**
 * The report's query string. The period ends now and is computed at each fetch, so a live refresh
 * moves the window on rather than keeping the moment the page was opened. `extra` adds parameters a
 * report needs beside the period (the organization's report takes the viewer's time zone).
 */
export function analyticsQuery(
  period: AnalyticsPeriod,
  now = Date.now(),
  extra: Readonly<Record<string, string>> = {},
): string {
  const from = new Date(now - period.days * 86_400_000).toISOString();
  return `?${new URLSearchParams({ from, interval: period.interval, ...extra }).toString()}`;
}

/**
 * The period in the page's address, so a reload, back and forward, and a shared link keep the view:
 * `?period=7d&interval=hour`. A relative period rather than dates: a link shared today and opened next
 * week shows "the last 7 days" of then, like the page itself. Defaults are left out of the address.
 */
export const PERIOD_PARAM = 'period';
export const INTERVAL_PARAM = 'interval';

const periodValue = (days: PeriodDays) => `${days}d`;

function parseDays(value: string | null): PeriodDays | undefined {
  return PERIOD_DAYS.find((days) => periodValue(days) === value);
}

function parseInterval(value: string | null): AnalyticsInterval | undefined {
  return value === 'day' || value === 'hour' ? value : undefined;
}

/**
 * The period an address asks for. What it does not say, or says wrong (`?period=12d`, hours over 90
 * days from an edited link), is the default rather than an error page.
 */
export function periodFromSearch(search: URLSearchParams): AnalyticsPeriod {
  const days = parseDays(search.get(PERIOD_PARAM)) ?? DEFAULT_PERIOD.days;
  const interval = parseInterval(search.get(INTERVAL_PARAM)) ?? DEFAULT_PERIOD.interval;
  return { days, interval: isIntervalAllowed(days, interval) ? interval : DEFAULT_PERIOD.interval };
}

/** The address's parameters with `period` in them; the page's other parameters are kept. */
export function searchWithPeriod(search: URLSearchParams, period: AnalyticsPeriod): URLSearchParams {
  const next = new URLSearchParams(search);
  if (period.days === DEFAULT_PERIOD.days) next.delete(PERIOD_PARAM);
  else next.set(PERIOD_PARAM, periodValue(period.days));
  if (period.interval === DEFAULT_PERIOD.interval) next.delete(INTERVAL_PARAM);
  else next.set(INTERVAL_PARAM, period.interval);
  return next;
}

/** `?period=7d` (or "" for the default period), to carry the period on a link to another report. */
export function periodSearch(period: AnalyticsPeriod): string {
  const search = searchWithPeriod(new URLSearchParams(), period).toString();
  return search ? `?${search}` : '';
}
