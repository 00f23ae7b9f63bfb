import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Order, RefundOrderBody } from '@zevents/contracts';
import { api, newIdempotencyKey } from '../../../api/client';
import { storeChangedOrder } from '../../../api/order-keys';
import { orderPath } from '../../../api/useOrder';
import { eventAttendeesRootKey } from '../queries/useEventAttendees';
import { eventStatsQueryKey } from '../queries/useLiveEventStats';

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
      api<Order>(orderPath(orderId, null, '/refund'), {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey ?? newIdempotencyKey() },
      }),
    onSuccess: (order) =>
      Promise.all([
        storeChangedOrder(queryClient, order),
        queryClient.invalidateQueries({ queryKey: eventStatsQueryKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: eventAttendeesRootKey(eventId) }),
      ]),
  });
}
