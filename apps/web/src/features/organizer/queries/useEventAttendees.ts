import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { Attendee, TicketStatus } from '@zevents/contracts';
import { fetchPage } from '../lib/pagination';

export interface AttendeesFilter {
  q?: string;
  status?: TicketStatus;
  /** One date of an event with dates. */
  dateId?: string;
}

export const eventAttendeesRootKey = (eventId: string) => ['events', eventId, 'attendees'] as const;
export const eventAttendeesQueryKey = (eventId: string, filter: AttendeesFilter) =>
  [...eventAttendeesRootKey(eventId), filter] as const;

/** An event's attendees (one per ticket) with their check-in state; `q` searches names, emails, codes. */
export function useEventAttendees(
  eventId: string,
  filter: AttendeesFilter,
  options: { pageSize?: number; enabled?: boolean } = {},
) {
  return useInfiniteQuery({
    queryKey: eventAttendeesQueryKey(eventId, filter),
    queryFn: ({ pageParam, signal }) =>
      fetchPage<Attendee>(
        `/api/events/${encodeURIComponent(eventId)}/attendees`,
        {
          limit: options.pageSize ?? 50,
          cursor: pageParam,
          q: filter.q,
          status: filter.status,
          dateId: filter.dateId,
        },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
