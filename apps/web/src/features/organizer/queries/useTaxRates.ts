import { useQuery } from '@tanstack/react-query';
import type { TaxRateList } from '@zevents/contracts';
import { api, ApiError } from '../../../api/client';

export const taxRatesQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'tax-rates'] as const;

export const taxRatesPath = (organizationId: string) =>
  `/api/organizations/${encodeURIComponent(organizationId)}/tax-rates`;

/** The organization's tax rates, retired ones last (every member reads them; owners and admins change them). */
export function useTaxRates(organizationId: string) {
  return useQuery({
    queryKey: taxRatesQueryKey(organizationId),
    queryFn: ({ signal }) => api<TaxRateList>(taxRatesPath(organizationId), { signal }),
    // A 403 or 404 will not turn into a 200 by asking again.
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 3,
  });
}
