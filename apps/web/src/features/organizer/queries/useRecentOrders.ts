import { useQuery } from '@tanstack/react-query';
import type { EventOrderListItem } from '@zevents/contracts';
import { orderKeys } from '../../../api/order-keys';
import { fetchPage } from '../lib/pagination';

/** The last few orders for the dashboard; refreshed by useLiveEventStats when the figures move. */
export function useRecentOrders(eventId: string, limit = 6) {
  return useQuery({
    queryKey: orderKeys.eventRecent(eventId),
    queryFn: ({ signal }) =>
      fetchPage<EventOrderListItem>(`/api/events/${encodeURIComponent(eventId)}/orders`, { limit }, signal),
  });
}
