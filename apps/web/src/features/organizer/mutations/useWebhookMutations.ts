import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhookBody, UpdateWebhookBody, Webhook, WebhookDelivery } from '@zevents/contracts';
import { api } from '../../../api/client';
import { webhookDeliveriesQueryKey } from '../queries/useWebhookDeliveries';
import { webhooksQueryKey } from '../queries/useWebhooks';

const webhookPath = (webhookId: string) => `/api/webhooks/${encodeURIComponent(webhookId)}`;

/** The list shows the new endpoint; its secret comes back in the answer and in the list. */
export function useCreateWebhook(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) =>
      api<Webhook>(`/api/organizations/${encodeURIComponent(organizationId)}/webhooks`, {
        method: 'POST',
        body,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey(organizationId) }),
  });
}

/** Edits, and turning an endpoint off or on (which also clears what three days of failures set). */
export function useUpdateWebhook(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ webhookId, body }: { webhookId: string; body: UpdateWebhookBody }) =>
      api<Webhook>(webhookPath(webhookId), { method: 'PATCH', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey(organizationId) }),
  });
}

export function useDeleteWebhook(organizationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhookId: string) => api<void>(webhookPath(webhookId), { method: 'DELETE' }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksQueryKey(organizationId) }),
  });
}

/**
 * A test event or a redelivery answers with the delivery and its outcome. The log gains a row, and a
 * success may end the endpoint's "failing since", so both are read again.
 */
function useManualDelivery<Variables>(
  organizationId: string,
  send: (variables: Variables) => Promise<WebhookDelivery>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (delivery) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: webhookDeliveriesQueryKey(delivery.webhookId) }),
        queryClient.invalidateQueries({ queryKey: webhooksQueryKey(organizationId) }),
      ]),
  });
}

export function useSendTestEvent(organizationId: string) {
  return useManualDelivery(organizationId, (webhookId: string) =>
    api<WebhookDelivery>(`${webhookPath(webhookId)}/test`, { method: 'POST' }),
  );
}

export function useRedeliver(organizationId: string) {
  return useManualDelivery(
    organizationId,
    ({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) =>
      api<WebhookDelivery>(
        `${webhookPath(webhookId)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
        { method: 'POST' },
      ),
  );
}
