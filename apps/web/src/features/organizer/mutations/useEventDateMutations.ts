import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateEventDateBody, EventDate, UpdateEventDateBody } from '@zevents/contracts';
import { api } from '../../../api/client';
import { eventQueryKey } from '../queries/useEvent';
import { eventDatesQueryKey } from '../queries/useEventDates';
import { eventStatsQueryKey } from '../queries/useLiveEventStats';

/**
 * The event's own start and end follow its dates (first start, last end), and the first date takes
 * over the types' stock, so the event and its figures are read again along with the date list.
 */
function useInvalidateEventDates(eventId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: eventDatesQueryKey(eventId) }),
      queryClient.invalidateQueries({ queryKey: eventQueryKey(eventId), exact: true }),
      queryClient.invalidateQueries({ queryKey: eventStatsQueryKey(eventId) }),
    ]);
}

export function useCreateEventDate(eventId: string) {
  const invalidate = useInvalidateEventDates(eventId);
  return useMutation({
    mutationFn: (body: CreateEventDateBody) =>
      api<EventDate>(`/api/events/${encodeURIComponent(eventId)}/dates`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateEventDate(eventId: string) {
  const invalidate = useInvalidateEventDates(eventId);
  return useMutation({
    mutationFn: ({ dateId, body }: { dateId: string; body: UpdateEventDateBody }) =>
      api<EventDate>(`/api/event-dates/${encodeURIComponent(dateId)}`, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

export function useDeleteEventDate(eventId: string) {
  const invalidate = useInvalidateEventDates(eventId);
  return useMutation({
    mutationFn: (dateId: string) =>
      api<void>(`/api/event-dates/${encodeURIComponent(dateId)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
