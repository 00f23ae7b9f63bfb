import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AnalyticsSummarySettings,
  SendAnalyticsSummaryBody,
  UpdateAnalyticsSummaryBody,
} from '@zevents/contracts';
import { api } from '../../../api/client';
import {
  analyticsSummaryPath,
  analyticsSummarySettingsQueryKey,
} from '../queries/useAnalyticsSummarySettings';

/** The answer is the saved settings with the new next sending time: it replaces the cached ones as is. */
export function useUpdateAnalyticsSummary(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAnalyticsSummaryBody) =>
      api<AnalyticsSummarySettings>(analyticsSummaryPath(organizationId), { method: 'PUT', body }),
    onSuccess: (settings) =>
      queryClient.setQueryData(analyticsSummarySettingsQueryKey(organizationId), settings),
  });
}

/** Queues yesterday's or last week's summary to the caller now; the schedule is not changed by it. */
export function useSendAnalyticsSummary(organizationId: string) {
  return useMutation({
    mutationFn: (body: SendAnalyticsSummaryBody) =>
      api<{ emailId: string }>(`${analyticsSummaryPath(organizationId)}/send`, { method: 'POST', body }),
  });
}
