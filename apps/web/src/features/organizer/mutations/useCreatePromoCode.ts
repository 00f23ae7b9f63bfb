import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatePromoCodeBody, PromoCode } from '@zevents/contracts';
import { api } from '../../../api/client';
import { promoCodesQueryKey } from '../queries/usePromoCodes';

export function useCreatePromoCode(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePromoCodeBody) =>
      api<PromoCode>(`/api/events/${encodeURIComponent(eventId)}/promo-codes`, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: promoCodesQueryKey(eventId) }),
  });
}
