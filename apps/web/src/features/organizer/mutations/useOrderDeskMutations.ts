import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Order, ResendOrderBody, Ticket, UpdateTicketBody } from '@zevents/contracts';
import { api } from '../../../api/client';
import { orderKeys } from '../../../api/order-keys';

/** Resending the confirmation and correcting an attendee: the order and its timeline are read again. */
export function useOrderDeskMutations(orderId: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) });
  return {
    resend: useMutation({
      mutationFn: (body: ResendOrderBody) =>
        api<Order>(`/api/orders/${encodeURIComponent(orderId)}/resend`, { method: 'POST', body }),
      onSuccess: refresh,
    }),
    editTicket: useMutation({
      mutationFn: ({ ticketId, body }: { ticketId: string; body: UpdateTicketBody }) =>
        api<Ticket>(`/api/tickets/${encodeURIComponent(ticketId)}`, { method: 'PATCH', body }),
      onSuccess: refresh,
    }),
  };
}
