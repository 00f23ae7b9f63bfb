import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTaxRateBody, TaxRate, UpdateTaxRateBody } from '@zevents/contracts';
import { api } from '../../../api/client';
import { taxRatesPath, taxRatesQueryKey } from '../queries/useTaxRates';

const taxRatePath = (taxRateId: string) => `/api/tax-rates/${encodeURIComponent(taxRateId)}`;

/** The list is read again: it is ordered by the server (retired rates last). */
function useInvalidateTaxRates(organizationId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: taxRatesQueryKey(organizationId) });
}

export function useCreateTaxRate(organizationId: string) {
  const invalidate = useInvalidateTaxRates(organizationId);
  return useMutation({
    mutationFn: (body: CreateTaxRateBody) =>
      api<TaxRate>(taxRatesPath(organizationId), { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/** Renames, retires and brings back; a new rate or inclusiveness only while no order used it (409). */
export function useUpdateTaxRate(organizationId: string) {
  const invalidate = useInvalidateTaxRates(organizationId);
  return useMutation({
    mutationFn: ({ taxRateId, body }: { taxRateId: string; body: UpdateTaxRateBody }) =>
      api<TaxRate>(taxRatePath(taxRateId), { method: 'PATCH', body }),
    // A 409 means another tab's order made it in use: the list learns that too.
    onSettled: invalidate,
  });
}

/** Deletes an unused rate; the server retires one that orders were priced with instead. */
export function useDeleteTaxRate(organizationId: string) {
  const invalidate = useInvalidateTaxRates(organizationId);
  return useMutation({
    mutationFn: (taxRateId: string) => api<void>(taxRatePath(taxRateId), { method: 'DELETE' }),
    onSettled: invalidate,
  });
}
