import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OrganizationAnalytics } from '@zevents/contracts';
import { api } from '../../../api/client';
import { analyticsQuery, type AnalyticsPeriod } from '../analytics/analytics-period';
import { ANALYTICS_REFRESH_MS } from './useEventAnalytics';

export const organizationAnalyticsQueryKey = (
  organizationId: string,
  period: AnalyticsPeriod,
  timezone: string,
) => ['organizations', organizationId, 'analytics', period.days, period.interval, timezone] as const;

/** Every event of the organization side by side, and its revenue per currency, over the last `days`. */
export function useOrganizationAnalytics(organizationId: string, period: AnalyticsPeriod, timezone: string) {
  return useQuery({
    queryKey: organizationAnalyticsQueryKey(organizationId, period, timezone),
    queryFn: ({ signal }) =>
      api<OrganizationAnalytics>(
        `/api/organizations/${encodeURIComponent(organizationId)}/analytics${analyticsQuery(period, Date.now(), { timezone })}`,
        { signal },
      ),
    // Another period keeps the figures on screen until its own arrive, instead of a spinner.
    placeholderData: keepPreviousData,
    refetchInterval: ANALYTICS_REFRESH_MS,
    refetchIntervalInBackground: false,
  });
}
