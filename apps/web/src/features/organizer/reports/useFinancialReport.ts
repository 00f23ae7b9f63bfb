import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FinancialReport } from '@zevents/contracts';
import { api } from '../../../api/client';
import { type ReportRange, reportPath } from './report-range';

export const financialReportQueryKey = (organizationId: string, range: ReportRange) =>
  [
    'organizations',
    organizationId,
    'reports',
    'financial',
    range.eventId ?? 'all',
    range.from,
    range.to,
  ] as const;

/** The organization's financial report, or one event's, over the range in the address. */
export function useFinancialReport(organizationId: string, range: ReportRange) {
  return useQuery({
    queryKey: financialReportQueryKey(organizationId, range),
    queryFn: ({ signal }) => api<FinancialReport>(reportPath(organizationId, range, 'json'), { signal }),
    placeholderData: keepPreviousData,
  });
}
