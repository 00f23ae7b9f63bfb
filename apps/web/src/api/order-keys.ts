import type { QueryClient } from '@tanstack/react-query';
import type { Order } from '@zevents/contracts';

/**
 * The one key scheme for orders: the buyer's order page, checkout, my orders and the organizer's order
 * views all read under `['orders', ...]`, so an order fetched by one is cached for the others and one
 * invalidation reaches every list that may show it.
 */
export const orderKeys = {
  all: ['orders'] as const,
  detail: (orderId: string) => [...orderKeys.all, 'detail', orderId] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  mine: () => [...orderKeys.lists(), 'mine'] as const,
  /** Every list of one event's orders (the orders page with any filter, the dashboard's recent ones). */
  ofEvent: (eventId: string) => [...orderKeys.lists(), 'event', eventId] as const,
  eventSearch: <Filter extends object>(eventId: string, filter: Filter) =>
    [...orderKeys.ofEvent(eventId), 'search', filter] as const,
  eventRecent: (eventId: string) => [...orderKeys.ofEvent(eventId), 'recent'] as const,
};

/** After a mutation answered with the order: cache it as the order's detail and refresh every order list. */
export function storeChangedOrder(queryClient: QueryClient, order: Order): Promise<void> {
  queryClient.setQueryData(orderKeys.detail(order.id), order);
  return queryClient.invalidateQueries({ queryKey: orderKeys.lists() });
}
