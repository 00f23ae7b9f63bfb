import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EventAnalytics } from '@zevents/contracts';
import { api } from '../../../api/client';
import { analyticsQuery, type AnalyticsPeriod } from '../analytics/analytics-period';

/** Every period's report of the event, so a live push refreshes whichever is shown. */
export const eventAnalyticsRootKey = (eventId: string) => ['events', eventId, 'analytics'] as const;
const eventAnalyticsQueryKey = (eventId: string, period: AnalyticsPeriod) =>
  [...eventAnalyticsRootKey(eventId), period.days, period.interval] as const;

/** Page views arrive without a push (the server records them in batches): read them again now and then. */
export const ANALYTICS_REFRESH_MS = 60_000;

/** The event's funnel, series, sources, promo codes, forecast and door over the last `days`. */
export function useEventAnalytics(eventId: string, period: AnalyticsPeriod) {
  return useQuery({
    queryKey: eventAnalyticsQueryKey(eventId, period),
    queryFn: ({ signal }) =>
      api<EventAnalytics>(`/api/events/${encodeURIComponent(eventId)}/analytics${analyticsQuery(period)}`, {
        signal,
      }),
    enabled: Boolean(eventId),
    // Another period keeps the figures on screen until its own arrive, instead of a spinner.
    placeholderData: keepPreviousData,
    refetchInterval: ANALYTICS_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
