import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PromoCode, UpdatePromoCodeBody } from '@zevents/contracts';
import { api } from '../../../api/client';
import { promoCodesQueryKey } from '../queries/usePromoCodes';

/** Edits, deactivation and removal only change the event's code list. */
export function useUpdatePromoCode(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ promoCodeId, body }: { promoCodeId: string; body: UpdatePromoCodeBody }) =>
      api<PromoCode>(`/api/promo-codes/${encodeURIComponent(promoCodeId)}`, { method: 'PATCH', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promoCodesQueryKey(eventId) }),
  });
}

export function useDeletePromoCode(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (promoCodeId: string) =>
      api<void>(`/api/promo-codes/${encodeURIComponent(promoCodeId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promoCodesQueryKey(eventId) }),
  });
}
