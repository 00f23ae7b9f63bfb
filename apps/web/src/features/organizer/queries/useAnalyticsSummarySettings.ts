import { useQuery } from '@tanstack/react-query';
import type { AnalyticsSummarySettings } from '@zevents/contracts';
import { api, ApiError } from '../../../api/client';

export const analyticsSummarySettingsQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'analytics', 'summary-email'] as const;

export const analyticsSummaryPath = (organizationId: string) =>
  `/api/organizations/${encodeURIComponent(organizationId)}/analytics/summary-email`;

/** The signed-in member's own summary email in this organization: how often, in which zone, when next. */
export function useAnalyticsSummarySettings(organizationId: string) {
  return useQuery({
    queryKey: analyticsSummarySettingsQueryKey(organizationId),
    queryFn: ({ signal }) => api<AnalyticsSummarySettings>(analyticsSummaryPath(organizationId), { signal }),
    // A 403 or 404 will not turn into a 200 by asking again.
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 3,
  });
}
