import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { EventOrderListItem, OrderStatus } from '@zevents/contracts';
import { orderKeys } from '../../../api/order-keys';
import { fetchPage } from '../lib/pagination';

export interface EventOrdersFilter {
  status?: OrderStatus;
  q?: string;
}

const PAGE_SIZE = 25;

/** An event's orders, newest first, filtered by status and buyer search. */
export function useEventOrders(eventId: string, filter: EventOrdersFilter) {
  return useInfiniteQuery({
    queryKey: orderKeys.eventSearch(eventId, filter),
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
