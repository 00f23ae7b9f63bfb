import { useQuery } from '@tanstack/react-query';
import type { Page, PromoCode } from '@zevents/contracts';
import { api } from '../../../api/client';

export const promoCodesQueryKey = (eventId: string) => ['events', eventId, 'promo-codes'] as const;

export function usePromoCodes(eventId: string) {
  return useQuery({
    queryKey: promoCodesQueryKey(eventId),
    queryFn: ({ signal }) =>
      api<Page<PromoCode>>(`/api/events/${encodeURIComponent(eventId)}/promo-codes`, { signal }),
  });
}
