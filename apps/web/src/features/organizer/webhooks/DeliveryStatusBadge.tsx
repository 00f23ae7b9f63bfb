import { Badge } from '@mantine/core';
import type { WebhookDelivery } from '@zevents/contracts';

const LOOK: Record<WebhookDelivery['status'], { color: string; label: string }> = {
  succeeded: { color: 'teal', label: 'succeeded' },
  pending: { color: 'yellow', label: 'pending' },
  failed: { color: 'red', label: 'failed' },
};

/** A delivery's state: pending ones are still being retried. */
export function DeliveryStatusBadge({ status }: { status: WebhookDelivery['status'] }) {
  return (
    <Badge variant="light" radius="sm" color={LOOK[status].color}>
      {LOOK[status].label}
    </Badge>
  );
}
