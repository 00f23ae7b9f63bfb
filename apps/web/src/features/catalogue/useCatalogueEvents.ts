import type { Page, PublicEventFacets, PublicEventSummary } from '@zevents/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { type CatalogueQuery, toSearchParams } from './catalogue-filters';

const PAGE_SIZE = 12;

/** Upcoming published events matching the storefront's filters, soonest first, 12 at a time. */
export function useCatalogueEvents(query: CatalogueQuery) {
  const search = toSearchParams(query).toString();
  return useInfiniteQuery({
    queryKey: ['public-events', search] as const,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams(search);
      params.set('limit', String(PAGE_SIZE));
      if (pageParam) params.set('cursor', pageParam);
      return api<Page<PublicEventSummary>>(`/api/public/events?${params}`, { signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The categories, cities and currencies of upcoming events: what the filters can offer. */
export function useEventFacets() {
  return useQuery({
    queryKey: ['public-event-facets'] as const,
    queryFn: ({ signal }) => api<PublicEventFacets>('/api/public/event-facets', { signal }),
    // They change when organizers publish, not while a visitor browses.
    staleTime: 60_000,
  });
}
