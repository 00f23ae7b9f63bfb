import { Badge } from '@mantine/core';
import type { WebhookDelivery } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';

const LOOK: Record<WebhookDelivery['status'], { color: string; labelKey: string }> = {
  succeeded: { color: 'teal', labelKey: 'web.org.settings.webhooks.delivery.succeeded' },
  pending: { color: 'yellow', labelKey: 'web.org.settings.webhooks.delivery.pending' },
  failed: { color: 'red', labelKey: 'web.org.settings.webhooks.delivery.failed' },
};

/** A delivery's state: pending ones are still being retried. */
export function DeliveryStatusBadge({ status }: { status: WebhookDelivery['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" radius="sm" color={LOOK[status].color}>
      {t(LOOK[status].labelKey)}
    </Badge>
  );
}
