import { useQuery } from '@tanstack/react-query';
import type { Event } from '@zevents/contracts';
import { api } from '../../../api/client';

export const eventQueryKey = (eventId: string) => ['events', eventId] as const;

/** How often a cancelled event is read again while its refunds run in the background. */
export const REFUNDS_POLL_MS = 2_000;

/** One event with its ticket types, as its organizers see it (drafts included). */
export function useEvent(eventId: string | undefined) {
  return useQuery({
    queryKey: eventQueryKey(eventId ?? ''),
    queryFn: ({ signal }) => api<Event>(`/api/events/${encodeURIComponent(eventId ?? '')}`, { signal }),
    enabled: Boolean(eventId),
    refetchInterval: (query) => ((query.state.data?.refundsPending ?? 0) > 0 ? REFUNDS_POLL_MS : false),
  });
}
