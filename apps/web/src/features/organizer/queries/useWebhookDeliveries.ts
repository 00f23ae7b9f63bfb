import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { WebhookDelivery, WebhookDeliveryPage } from '@zevents/contracts';
import { fetchPage } from '../lib/pagination';

export type DeliveryStatus = WebhookDelivery['status'];

const PAGE_SIZE = 20;
/** While a delivery is still being retried the log asks again this often (one small query). */
export const PENDING_POLL_MS = 3_000;

export const webhookDeliveriesQueryKey = (webhookId: string, status?: DeliveryStatus) =>
  status
    ? (['webhooks', webhookId, 'deliveries', { status }] as const)
    : (['webhooks', webhookId, 'deliveries'] as const);

export function hasPendingDelivery(pages: readonly WebhookDeliveryPage[] | undefined): boolean {
  return (pages ?? []).some((page) => page.items.some((delivery) => delivery.status === 'pending'));
}

/** An endpoint's delivery log, newest first; polled while any delivery shown is still pending. */
export function useWebhookDeliveries(webhookId: string, status?: DeliveryStatus) {
  return useInfiniteQuery({
    queryKey: webhookDeliveriesQueryKey(webhookId, status),
    queryFn: ({ pageParam, signal }) =>
      fetchPage<WebhookDelivery>(
        `/api/webhooks/${encodeURIComponent(webhookId)}/deliveries`,
        { limit: PAGE_SIZE, cursor: pageParam, status },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (hasPendingDelivery(query.state.data?.pages) ? PENDING_POLL_MS : false),
  });
}
