import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTicketTypeBody, TicketType, UpdateTicketTypeBody } from '@zevents/contracts';
import { api } from '../../../api/client';
import { capacityPoolsQueryKey } from '../queries/useCapacityPools';
import { eventQueryKey } from '../queries/useEvent';
import { eventDatesQueryKey } from '../queries/useEventDates';
import { eventStatsQueryKey } from '../queries/useLiveEventStats';
import { promoCodesQueryKey } from '../queries/usePromoCodes';

/**
 * Ticket types live inside the event; capacity also feeds the dashboard figures and each date's
 * stock of the type (a date without its own capacity for it follows the type's).
 */
function useInvalidateTicketTypes(eventId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: eventQueryKey(eventId), exact: true }),
      queryClient.invalidateQueries({ queryKey: eventStatsQueryKey(eventId) }),
      queryClient.invalidateQueries({ queryKey: eventDatesQueryKey(eventId) }),
    ]);
}

export function useCreateTicketType(eventId: string) {
  const invalidate = useInvalidateTicketTypes(eventId);
  return useMutation({
    mutationFn: (body: CreateTicketTypeBody) =>
      api<TicketType>(`/api/events/${encodeURIComponent(eventId)}/ticket-types`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateTicketType(eventId: string) {
  const invalidate = useInvalidateTicketTypes(eventId);
  return useMutation({
    mutationFn: ({ ticketTypeId, body }: { ticketTypeId: string; body: UpdateTicketTypeBody }) =>
      api<TicketType>(`/api/ticket-types/${encodeURIComponent(ticketTypeId)}`, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

/** A removed type also drops out of promo codes scoped to it and of capacity pools: both lists are read again. */
export function useDeleteTicketType(eventId: string) {
  const invalidate = useInvalidateTicketTypes(eventId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticketTypeId: string) =>
      api<void>(`/api/ticket-types/${encodeURIComponent(ticketTypeId)}`, { method: 'DELETE' }),
    onSuccess: () =>
      Promise.all([
        invalidate(),
        queryClient.invalidateQueries({ queryKey: promoCodesQueryKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: capacityPoolsQueryKey(eventId) }),
      ]),
  });
}
