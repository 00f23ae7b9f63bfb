import type { CreateOrderBody, Order } from '@zevents/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { eventAvailabilityQueryKey } from './useEventAvailability';
import { myOrdersQueryKey } from './useMyOrders';
import { orderQueryKey } from './useOrder';

/** Reserves tickets (a hold until `expiresAt`). The key makes a retried click return the same order. */
export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateOrderBody; idempotencyKey: string }) =>
      api<Order>('/api/orders', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: (order) => {
      queryClient.setQueryData(orderQueryKey(order.id), order);
      void queryClient.invalidateQueries({ queryKey: myOrdersQueryKey });
    },
    // Success or SOLD_OUT alike, what is left has changed: refresh the counts the buyer sees.
    onSettled: (_order, _error, { body }) =>
      queryClient.invalidateQueries({ queryKey: eventAvailabilityQueryKey(body.eventId) }),
  });
}
