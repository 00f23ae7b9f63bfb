import { useQuery } from '@tanstack/react-query';
import type { EventDateList } from '@zevents/contracts';
import { api } from '../../../api/client';

export const eventDatesQueryKey = (eventId: string) => ['events', eventId, 'dates'] as const;

/** The event's dates, soonest first, each with what every ticket type sold and holds on it. */
export function useEventDates(eventId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: eventDatesQueryKey(eventId),
    queryFn: ({ signal }) =>
      api<EventDateList>(`/api/events/${encodeURIComponent(eventId)}/dates`, { signal }),
    enabled: options.enabled ?? true,
  });
}
