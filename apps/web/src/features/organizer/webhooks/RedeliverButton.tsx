import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import type { WebhookDelivery } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useRedeliver } from '../mutations/useWebhookMutations';
import { formatDeliveryTime, outcomeLine } from './delivery-outcome';

/** Sends the delivery's event again now (same event id, so receivers de-duplicate) and says how it went. */
export function RedeliverButton({
  organizationId,
  delivery,
}: {
  organizationId: string;
  delivery: WebhookDelivery;
}) {
  const { t } = useTranslation();
  const redeliver = useRedeliver(organizationId);
  const send = () =>
    redeliver.mutate(
      { webhookId: delivery.webhookId, deliveryId: delivery.id },
      {
        // No title on these: under one, Mantine dims the message below the contrast AA asks for.
        onSuccess: (sent) =>
          notifications.show(
            sent.status === 'pending'
              ? // The worker picked it up first: the log (polling while it is pending) shows the answer.
                { color: 'blue', message: t('web.org.settings.webhooks.delivery.redeliverySent') }
              : {
                  color: sent.status === 'succeeded' ? 'teal' : 'red',
                  message: t('web.org.settings.webhooks.delivery.redeliveryDone', {
                    status:
                      sent.status === 'succeeded'
                        ? t('web.org.settings.webhooks.delivery.succeeded')
                        : t('web.org.settings.webhooks.delivery.failed'),
                    outcome: outcomeLine(sent),
                  }),
                },
          ),
        onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
      },
    );
  return (
    <Button
      size="compact-sm"
      variant="default"
      leftSection={<IconRefresh size={14} />}
      loading={redeliver.isPending}
      onClick={send}
      aria-label={t('web.org.settings.webhooks.delivery.redeliverLabel', {
        type: delivery.eventType,
        time: formatDeliveryTime(delivery.createdAt),
      })}
    >
      {t('web.org.settings.webhooks.delivery.redeliver')}
    </Button>
  );
}
