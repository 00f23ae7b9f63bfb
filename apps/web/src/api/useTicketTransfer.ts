import type { HeldTicket, TicketTransferResult, TransferTicketBody } from '@zevents/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { orderKeys } from './order-keys';

const ticketPath = (ticketId: string, token: string | null | undefined, suffix = '') =>
  `/api/tickets/${encodeURIComponent(ticketId)}${suffix}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

export const ticketPdfPath = (ticketId: string, token: string | null) => ticketPath(ticketId, token, '.pdf');

/** A ticket opened by its holder with the ticket's own token (or by an organizer). */
export function useHeldTicket(ticketId: string | undefined, token: string | null) {
  return useQuery({
    queryKey: ['tickets', ticketId ?? '', token ?? ''],
    queryFn: ({ signal }) => api<HeldTicket>(ticketPath(ticketId ?? '', token), { signal }),
    enabled: Boolean(ticketId),
  });
}

/** Passes a ticket on; the order (and its lists) are read again, the ticket now has a new code. */
export function useTransferTicket(orderId: string, token: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ticketId, body }: { ticketId: string; body: TransferTicketBody }) =>
      api<TicketTransferResult>(ticketPath(ticketId, token, '/transfer'), { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: orderKeys.detail(orderId) }),
  });
}
