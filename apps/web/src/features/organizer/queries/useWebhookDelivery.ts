import { useQuery } from '@tanstack/react-query';
import type { WebhookDelivery } from '@zevents/contracts';
import { api } from '../../../api/client';

/** How often a test or redelivery still on its way is read again: someone is watching it. */
export const SETTLING_POLL_MS = 1_000;

export const webhookDeliveryQueryKey = (webhookId: string, deliveryId: string) =>
  ['webhooks', webhookId, 'delivery', deliveryId] as const;

const isPending = (delivery: WebhookDelivery | undefined) => delivery?.status === 'pending';

/**
 * A delivery the page just sent (a test, a redelivery), starting from the answer of the POST. That
 * answer usually carries the outcome; when the worker picked the delivery up first it is still
 * pending, so it is read again until it settles.
 */
export function useWebhookDelivery(sent: WebhookDelivery | undefined) {
  return useQuery({
    queryKey: webhookDeliveryQueryKey(sent?.webhookId ?? '', sent?.id ?? ''),
    queryFn: ({ signal }) =>
      api<WebhookDelivery>(
        `/api/webhooks/${encodeURIComponent(sent?.webhookId ?? '')}/deliveries/${encodeURIComponent(sent?.id ?? '')}`,
        { signal },
      ),
    enabled: sent !== undefined,
    initialData: sent,
    staleTime: (query) => (isPending(query.state.data) ? 0 : Infinity),
    refetchInterval: (query) => (isPending(query.state.data) ? SETTLING_POLL_MS : false),
  });
}
