import { useInfiniteQuery } from '@tanstack/react-query';
import type { Event } from '@zevents/contracts';
import { useEffect, useMemo } from 'react';
import { fetchPage } from '../lib/pagination';

export const organizationEventsQueryKey = (organizationId: string) =>
  ['organizations', organizationId, 'events'] as const;

const PAGE_SIZE = 24;
/** The API's largest page: a picker loads every event in as few requests as it can. */
const PICKER_PAGE_SIZE = 200;

function useEventPages(organizationId: string, scope: 'list' | 'all') {
  const pageSize = scope === 'all' ? PICKER_PAGE_SIZE : PAGE_SIZE;
  return useInfiniteQuery({
    // Under the list's key, so a change to the events refreshes both; its own entry, so the events
    // page does not suddenly show every page a picker loaded.
    queryKey:
      scope === 'all'
        ? [...organizationEventsQueryKey(organizationId), 'all']
        : organizationEventsQueryKey(organizationId),
    queryFn: ({ pageParam, signal }) =>
      fetchPage<Event>(
        `/api/organizations/${encodeURIComponent(organizationId)}/events`,
        { limit: pageSize, cursor: pageParam, sort: 'startsAt' },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The organization's events, latest event date first, a page at a time. */
export function useOrganizationEvents(organizationId: string) {
  return useEventPages(organizationId, 'list');
}

/**
 * Every event of the organization, for the pickers (the financial report's, the embed snippet's):
 * the pages load one after another until the last, so an organization with more events than a page
 * can pick any of them, and an event named in the address is found. `isComplete` once all are in.
 */
export function useAllOrganizationEvents(organizationId: string) {
  const query = useEventPages(organizationId, 'all');
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  // The pages loaded so far is a dependency too: a page that arrives within one render leaves the
  // flags as they were (more to come, nothing loading) and must still ask for the next.
  const pagesLoaded = query.data?.pages.length ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage, pagesLoaded]);
  const events = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);
  return { events, isComplete: query.isSuccess && !hasNextPage, isError };
}
