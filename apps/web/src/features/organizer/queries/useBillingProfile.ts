import { useQuery } from '@tanstack/react-query';
import type { BillingProfile } from '@zevents/contracts';
import { api, ApiError } from '../../../api/client';

export const billingProfileQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'billing'] as const;

export const billingProfilePath = (organizationId: string) =>
  `/api/organizations/${encodeURIComponent(organizationId)}/billing`;

/** The seller its invoices name; `configured: false` (every field null) until someone saves it. */
export function useBillingProfile(organizationId: string) {
  return useQuery({
    queryKey: billingProfileQueryKey(organizationId),
    queryFn: ({ signal }) => api<BillingProfile>(billingProfilePath(organizationId), { signal }),
    // A 403 or 404 will not turn into a 200 by asking again.
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 3,
  });
}
