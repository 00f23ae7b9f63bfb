import type { Order, PayOrderBody } from '@zevents/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './client';
import { orderKeys, storeChangedOrder } from './order-keys';
import { orderPath } from './useOrder';

/** Pays a reserved order; on success the order (now with tickets) replaces the cached one. */
export function usePayOrder(orderId: string, token: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PayOrderBody; idempotencyKey: string }) =>
      api<Order>(orderPath(orderId, token, '/pay'), {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (order) => void storeChangedOrder(queryClient, order),
    onError: (error) => {
      // Expired or no longer payable: the stored order is stale, read it again.
      if (error instanceof ApiError && (error.code === 'HOLD_EXPIRED' || error.code === 'ORDER_NOT_PAYABLE'))
        void queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) });
    },
  });
}
