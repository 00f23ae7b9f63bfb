import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CheckInBody, CheckInResult } from '@zevents/contracts';
import { api } from '../../api/client';
import { eventAttendeesRootKey } from '../organizer/queries/useEventAttendees';
import { eventStatsQueryKey } from '../organizer/queries/useLiveEventStats';

/**
 * Admits one ticket by its scanned QR string or its typed short code. With `dateId` the door admits
 * that date's tickets only: one of another date is refused (422 WRONG_DATE).
 */
export function useCheckIn(eventId: string, dateId?: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => {
      const body: CheckInBody = { code: code.trim(), ...(dateId ? { dateId } : {}) };
      return api<CheckInResult>(`/api/events/${encodeURIComponent(eventId)}/check-ins`, {
        method: 'POST',
        body,
      });
    },
    // Scans, succeeded or refused, can change the count and the list; refresh both either way.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: eventStatsQueryKey(eventId) }),
        queryClient.invalidateQueries({ queryKey: eventAttendeesRootKey(eventId) }),
      ]),
  });
}
