import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Event } from '@zevents/contracts';
import { api } from '../../../api/client';
import { orderKeys } from '../../../api/order-keys';
import { eventQueryKey } from '../queries/useEvent';
import { eventAttendeesRootKey } from '../queries/useEventAttendees';
import { eventStatsQueryKey } from '../queries/useLiveEventStats';
import { organizationEventsQueryKey } from '../queries/useOrganizationEvents';

/** Publishes a draft (422 NO_TICKET_TYPES without a ticket type). */
export function usePublishEvent(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<Event>(`/api/events/${encodeURIComponent(eventId)}/publish`, { method: 'POST' }),
    onSuccess: (event) => {
      queryClient.setQueryData(eventQueryKey(eventId), event);
      return queryClient.invalidateQueries({ queryKey: organizationEventsQueryKey(event.organizationId) });
    },
  });
}

/** Cancels an event: holds close, paid orders are refunded, so the figures and lists change too. */
export function useCancelEvent(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<Event>(`/api/events/${encodeURIComponent(eventId)}/cancel`, { method: 'POST' }),
    onSuccess: (event) => {
      queryClient.setQueryData(eventQueryKey(eventId), event);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: organizationEventsQueryKey(event.organizationId) }),
        queryClient.invalidateQueries({ queryKey: eventStatsQueryKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: orderKeys.ofEvent(eventId) }),
        queryClient.invalidateQueries({ queryKey: eventAttendeesRootKey(eventId) }),
      ]);
    },
  });
}
