import { useQuery } from '@tanstack/react-query';
import type { WaitlistList } from '@zevents/contracts';
import { api } from '../../../api/client';

export const waitingListQueryKey = (eventId: string) => ['events', eventId, 'waiting-list'] as const;

/** The event's waiting lists: every entry by ticket type and place, with the counts by status. */
export function useWaitingList(eventId: string) {
  return useQuery({
    queryKey: waitingListQueryKey(eventId),
    queryFn: ({ signal }) =>
      api<WaitlistList>(`/api/events/${encodeURIComponent(eventId)}/waiting-list`, { signal }),
  });
}
