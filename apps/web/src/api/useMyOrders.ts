import type { Order, Page } from '@zevents/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import { orderKeys } from './order-keys';

/** The logged-in buyer's orders, newest first. */
export function useMyOrders(enabled = true) {
  return useInfiniteQuery({
    queryKey: orderKeys.mine(),
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '20' });
      if (pageParam) params.set('cursor', pageParam);
      return api<Page<Order>>(`/api/me/orders?${params}`, { signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}
