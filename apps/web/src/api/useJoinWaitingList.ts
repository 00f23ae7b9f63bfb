import type { JoinWaitlistBody, WaitlistJoined } from '@zevents/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './client';
import { eventAvailabilityQueryKey } from './useEventAvailability';

/** Puts a buyer on the waiting list of a sold-out ticket type; the answer carries their place. */
export function useJoinWaitingList(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: JoinWaitlistBody) =>
      api<WaitlistJoined>(`/api/public/events/${encodeURIComponent(eventId)}/waiting-list`, {
        method: 'POST',
        body,
      }),
    onError: (error) => {
      // Tickets came back since the page loaded: the counts on it are stale.
      if (error instanceof ApiError && error.code === 'TICKETS_AVAILABLE')
        void queryClient.invalidateQueries({ queryKey: eventAvailabilityQueryKey(eventId) });
    },
  });
}
