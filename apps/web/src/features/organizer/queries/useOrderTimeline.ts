import { useQuery } from '@tanstack/react-query';
import type { OrderTimeline } from '@zevents/contracts';
import { api } from '../../../api/client';
import { orderKeys } from '../../../api/order-keys';

export const orderTimelineKey = (orderId: string) => [...orderKeys.detail(orderId), 'timeline'] as const;

/** What happened to one order (organizers, staff included). */
export function useOrderTimeline(orderId: string) {
  return useQuery({
    queryKey: orderTimelineKey(orderId),
    queryFn: ({ signal }) =>
      api<OrderTimeline>(`/api/orders/${encodeURIComponent(orderId)}/timeline`, { signal }),
  });
}
