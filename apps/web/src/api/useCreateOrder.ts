import { type CreateOrderBody, type Order, WAITING_ROOM_PASS_HEADER } from '@zevents/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { storeChangedOrder } from './order-keys';
import { eventAvailabilityQueryKey } from './useEventAvailability';

/** Reserves tickets (a hold until `expiresAt`). The key makes a retried click return the same order. */
export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      idempotencyKey,
      waitingRoomPass,
    }: {
      body: CreateOrderBody;
      idempotencyKey: string;
      /** The pass of an event's waiting room, once admitted. */
      waitingRoomPass?: string;
    }) =>
      api<Order>('/api/orders', {
        method: 'POST',
        body,
        headers: {
          'Idempotency-Key': idempotencyKey,
          ...(waitingRoomPass ? { [WAITING_ROOM_PASS_HEADER]: waitingRoomPass } : {}),
        },
      }),
    onSuccess: (order) => void storeChangedOrder(queryClient, order),
    // Success or SOLD_OUT alike, what is left has changed: refresh the counts the buyer sees.
    onSettled: (_order, _error, { body }) =>
      queryClient.invalidateQueries({ queryKey: eventAvailabilityQueryKey(body.eventId) }),
  });
}
