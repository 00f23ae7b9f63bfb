import { useQuery } from '@tanstack/react-query';
import type { Order } from '@zevents/contracts';
import { api } from '../../../api/client';

export const orderQueryKey = (orderId: string) => ['orders', orderId] as const;

/** One order with its tickets (organizers of its event may read it). */
export function useOrder(orderId: string | undefined) {
  return useQuery({
    queryKey: orderQueryKey(orderId ?? ''),
    queryFn: ({ signal }) => api<Order>(`/api/orders/${encodeURIComponent(orderId ?? '')}`, { signal }),
    enabled: Boolean(orderId),
  });
}
