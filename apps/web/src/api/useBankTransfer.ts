import type { Order } from '@zevents/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { storeChangedOrder } from './order-keys';
import { eventAvailabilityQueryKey } from './useEventAvailability';
import { orderPath } from './useOrder';

/** The buyer chooses bank transfer: the order awaits the transfer, its tickets held until the deadline. */
export function useRequestBankTransfer(orderId: string, token: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<Order>(orderPath(orderId, token, '/bank-transfer'), { method: 'POST' }),
    onSuccess: (order) => void storeChangedOrder(queryClient, order),
  });
}

/** The organizer received the transfer: the order turns paid and its tickets are issued. */
export function useMarkOrderPaid(orderId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<Order>(orderPath(orderId, null, '/mark-paid'), { method: 'POST' }),
    onSuccess: (order) => {
      void storeChangedOrder(queryClient, order);
      void queryClient.invalidateQueries({ queryKey: eventAvailabilityQueryKey(order.eventId) });
    },
  });
}
