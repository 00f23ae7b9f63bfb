import { Badge } from '@mantine/core';
import type { OrderStatus } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';

export const ORDER_STATUS_LOOK: Record<OrderStatus, { color: string; labelKey: string }> = {
  reserved: { color: 'yellow', labelKey: 'web.org.core.orders.status.reserved' },
  paid: { color: 'teal', labelKey: 'web.org.core.orders.status.paid' },
  expired: { color: 'gray', labelKey: 'web.org.core.orders.status.expired' },
  cancelled: { color: 'gray', labelKey: 'web.org.core.orders.status.cancelled' },
  refunded: { color: 'red', labelKey: 'web.org.core.orders.status.refunded' },
  partially_refunded: { color: 'orange', labelKey: 'web.org.core.orders.status.partially_refunded' },
  awaiting_payment: { color: 'yellow', labelKey: 'web.org.core.orders.status.awaiting_payment' },
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  const look = ORDER_STATUS_LOOK[status];
  return (
    <Badge
      color={look.color}
      variant="light"
      radius="sm"
      style={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {t(look.labelKey)}
    </Badge>
  );
}
