import type { Page, PublicEventSummary } from '@zevents/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';

export interface PublicEventsFilter {
  q?: string;
  /** ISO start of the range (events starting at or after). */
  from?: string;
  /** ISO end of the range (events starting before). */
  to?: string;
}

const PAGE_SIZE = 12;

export const publicEventsQueryKey = (filter: PublicEventsFilter) => ['public-events', filter] as const;

/** Upcoming published events, soonest first, one page of 12 at a time. */
export function usePublicEvents(filter: PublicEventsFilter) {
  return useInfiniteQuery({
    queryKey: publicEventsQueryKey(filter),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (filter.q) params.set('q', filter.q);
      if (filter.from) params.set('from', filter.from);
      if (filter.to) params.set('to', filter.to);
      if (pageParam) params.set('cursor', pageParam);
      return api<Page<PublicEventSummary>>(`/api/public/events?${params}`, { signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
