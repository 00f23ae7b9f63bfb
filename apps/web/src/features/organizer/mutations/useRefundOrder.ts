import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Order, RefundOrderBody } from '@zevents/contracts';
import { api, newIdempotencyKey } from '../../../api/client';
import { eventAttendeesRootKey } from '../queries/useEventAttendees';
import { eventOrdersRootKey } from '../queries/useEventOrders';
import { eventStatsQueryKey } from '../queries/useLiveEventStats';
import { orderQueryKey } from '../queries/useOrder';

export interface RefundInput {
  orderId: string;
  body: RefundOrderBody;
  /** One key per confirmation, so a retried click never refunds twice. */
  idempotencyKey?: string;
}

/** Refunds an order whole or in part; figures, lists and the order itself change. */
export function useRefundOrder(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ orderId, body, idempotencyKey }: RefundInput) =>
      api<Order>(`/api/orders/${encodeURIComponent(orderId)}/refund`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey ?? newIdempotencyKey() },
      }),
    onSuccess: (order) => {
      queryClient.setQueryData(orderQueryKey(order.id), order);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: eventOrdersRootKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: eventStatsQueryKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: eventAttendeesRootKey(eventId) }),
      ]);
    },
  });
}
