import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CheckInResult } from '@zevents/contracts';
import { api } from '../../api/client';
import { eventAttendeesRootKey } from '../organizer/queries/useEventAttendees';
import { eventStatsQueryKey } from '../organizer/queries/useLiveEventStats';

/** Admits one ticket by its scanned QR string or its typed short code. */
export function useCheckIn(eventId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api<CheckInResult>(`/api/events/${encodeURIComponent(eventId)}/check-ins`, {
        method: 'POST',
        body: { code: code.trim() },
      }),
    // Scans, succeeded or refused, can change the count and the list; refresh both either way.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: eventStatsQueryKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: eventAttendeesRootKey(eventId) }),
      ]),
  });
}
