import { useQuery } from '@tanstack/react-query';
import type { EventOrderListItem } from '@zevents/contracts';
import { fetchPage } from '../lib/pagination';
import { eventOrdersRootKey } from './useEventOrders';

export const recentOrdersQueryKey = (eventId: string) => [...eventOrdersRootKey(eventId), 'recent'] as const;

/** The last few orders for the dashboard; refreshed by useLiveEventStats when the figures move. */
export function useRecentOrders(eventId: string, limit = 6) {
  return useQuery({
    queryKey: recentOrdersQueryKey(eventId),
    queryFn: ({ signal }) =>
      fetchPage<EventOrderListItem>(`/api/events/${encodeURIComponent(eventId)}/orders`, { limit }, signal),
  });
}
