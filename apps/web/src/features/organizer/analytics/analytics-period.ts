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
export function withDays(period: AnalyticsPeriod, days: PeriodDays): AnalyticsPeriod {
  return { days, interval: isIntervalAllowed(days, period.interval) ? period.interval : 'day' };
}

/**
 * The report's query string. The period ends now and is computed at each fetch, so a live refresh
 * moves the window on rather than keeping the moment the page was opened.
 */
export function analyticsQuery(period: AnalyticsPeriod, now = Date.now()): string {
  const from = new Date(now - period.days * 86_400_000).toISOString();
  return `?${new URLSearchParams({ from, interval: period.interval }).toString()}`;
}
