import type { Order } from '@zevents/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { storeChangedOrder } from './order-keys';
import { eventAvailabilityQueryKey } from './useEventAvailability';
import { orderPath } from './useOrder';

/** Cancels a reserved order: the held tickets go back on sale. */
export function useCancelOrder(orderId: string, token: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<Order>(orderPath(orderId, token, '/cancel'), { method: 'POST' }),
    onSuccess: (order) => {
      void storeChangedOrder(queryClient, order);
      void queryClient.invalidateQueries({ queryKey: eventAvailabilityQueryKey(order.eventId) });
    },
  });
}
