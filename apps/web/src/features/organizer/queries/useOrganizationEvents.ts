import { useInfiniteQuery } from '@tanstack/react-query';
import type { Event } from '@zevents/contracts';
import { fetchPage } from '../lib/pagination';

export const organizationEventsQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'events'] as const;

const PAGE_SIZE = 24;

/** The organization's events, latest event date first, a page at a time. */
export function useOrganizationEvents(organizationId: string) {
  return useInfiniteQuery({
    queryKey: organizationEventsQueryKey(organizationId),
    queryFn: ({ pageParam, signal }) =>
      fetchPage<Event>(
        `/api/organizations/${encodeURIComponent(organizationId)}/events`,
        { limit: PAGE_SIZE, cursor: pageParam, sort: 'startsAt' },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
