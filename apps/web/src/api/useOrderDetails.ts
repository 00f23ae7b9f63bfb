import type { OrderDetails, OrderDetailsBody } from '@zevents/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { orderKeys } from './order-keys';
import { orderPath } from './useOrder';

const detailsKey = (orderId: string) => [...orderKeys.detail(orderId), 'details'] as const;

/** The details step of an order: its questions, the answers so far and what is still missing. */
export function useOrderDetails(orderId: string | undefined, token: string | null) {
  return useQuery({
    queryKey: detailsKey(orderId ?? ''),
    queryFn: ({ signal }) => api<OrderDetails>(orderPath(orderId ?? '', token, '/details'), { signal }),
    enabled: Boolean(orderId),
  });
}

/** Saves the buyer's answers; the answer (with `complete` and `missing`) replaces the cached step. */
export function useSaveOrderDetails(orderId: string, token: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrderDetailsBody) =>
      api<OrderDetails>(orderPath(orderId, token, '/details'), { method: 'PUT', body }),
    onSuccess: (details) => {
      queryClient.setQueryData(detailsKey(orderId), details);
      // The buyer's name may have changed, and tickets after payment carry the attendees.
      void queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId), exact: true });
    },
  });
}
