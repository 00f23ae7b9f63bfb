import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { EventOrderListItem, OrderStatus } from '@zevents/contracts';
import { fetchPage } from '../lib/pagination';

export interface EventOrdersFilter {
  status?: OrderStatus;
  q?: string;
}

/** Every list of an event's orders sits under this key, so one invalidation refreshes them all. */
export const eventOrdersRootKey = (eventId: string) => ['events', eventId, 'orders'] as const;
export const eventOrdersQueryKey = (eventId: string, filter: EventOrdersFilter) =>
  [...eventOrdersRootKey(eventId), 'list', filter] as const;

const PAGE_SIZE = 25;

/** An event's orders, newest first, filtered by status and buyer search. */
export function useEventOrders(eventId: string, filter: EventOrdersFilter) {
  return useInfiniteQuery({
    queryKey: eventOrdersQueryKey(eventId, filter),
    queryFn: ({ pageParam, signal }) =>
      fetchPage<EventOrderListItem>(
        `/api/events/${encodeURIComponent(eventId)}/orders`,
        { limit: PAGE_SIZE, cursor: pageParam, status: filter.status, q: filter.q },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
