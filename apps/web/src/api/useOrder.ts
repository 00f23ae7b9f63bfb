import type { Order } from '@zevents/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import { orderKeys } from './order-keys';

/** `/api/orders/{id}?token=...`: the token is the order's secret from the reserve answer or the email. */
export function orderPath(orderId: string, token: string | null | undefined, suffix = ''): string {
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `/api/orders/${encodeURIComponent(orderId)}${suffix}${query}`;
}

/**
 * One order with its tickets, readable with its access token, the buyer's session, or as an organizer
 * of its event. While payment is pending with an outside provider (Stripe confirms by webhook), it polls
 * until the order settles.
 */
export function useOrder(orderId: string | undefined, token: string | null = null) {
  return useQuery({
    queryKey: orderKeys.detail(orderId ?? ''),
    queryFn: ({ signal }) => api<Order>(orderPath(orderId ?? '', token), { signal }),
    enabled: Boolean(orderId),
    refetchInterval: (query) =>
      query.state.data?.status === 'reserved' && query.state.data.payment?.status === 'pending'
        ? 3_000
        : false,
  });
}
