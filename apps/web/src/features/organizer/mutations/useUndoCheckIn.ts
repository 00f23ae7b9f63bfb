import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { eventAttendeesRootKey } from '../queries/useEventAttendees';
import { eventStatsQueryKey } from '../queries/useLiveEventStats';

/**
 * Reverses a mistaken check-in (owners and admins any time, staff their own scan within 60 s): the
 * attendee lists and the count change.
 */
export function useUndoCheckIn(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ticketId: string) =>
      api<void>(`/api/events/${encodeURIComponent(eventId)}/check-ins/${encodeURIComponent(ticketId)}`, {
        method: 'DELETE',
      }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: eventAttendeesRootKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: eventStatsQueryKey(eventId) }),
      ]),
  });
}
