import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { BillingProfile, BillingProfileBody } from '@zevents/contracts';
import { api } from '../../../api/client';
import { billingProfilePath, billingProfileQueryKey } from '../queries/useBillingProfile';

/** The answer is the saved profile: it replaces the cached one as is. */
export function useSaveBillingProfile(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BillingProfileBody) =>
      api<BillingProfile>(billingProfilePath(organizationId), { method: 'PUT', body }),
    onSuccess: (profile) => queryClient.setQueryData(billingProfileQueryKey(organizationId), profile),
  });
}
