import { useQuery } from '@tanstack/react-query';
import type { Event } from '@zevents/contracts';
import { api } from '../../../api/client';

export const eventQueryKey = (eventId: string) => ['events', eventId] as const;

/** One event with its ticket types, as its organizers see it (drafts included). */
export function useEvent(eventId: string | undefined) {
  return useQuery({
    queryKey: eventQueryKey(eventId ?? ''),
    queryFn: ({ signal }) => api<Event>(`/api/events/${encodeURIComponent(eventId ?? '')}`, { signal }),
    enabled: Boolean(eventId),
  });
}
