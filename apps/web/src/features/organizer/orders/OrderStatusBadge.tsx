import { Badge } from '@mantine/core';
import type { OrderStatus } from '@zevents/contracts';

export const ORDER_STATUS_LOOK: Record<OrderStatus, { color: string; label: string }> = {
  reserved: { color: 'yellow', label: 'Reserved' },
  paid: { color: 'teal', label: 'Paid' },
  expired: { color: 'gray', label: 'Expired' },
  cancelled: { color: 'gray', label: 'Cancelled' },
  refunded: { color: 'red', label: 'Refunded' },
  partially_refunded: { color: 'orange', label: 'Part refunded' },
  awaiting_payment: { color: 'yellow', label: 'Awaiting transfer' },
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const look = ORDER_STATUS_LOOK[status];
  return (
    <Badge
      color={look.color}
      variant="light"
      radius="sm"
      style={{ whiteSpace: 'nowrap', flexShrink: 0 }}
      styles={{ label: { overflow: 'visible' } }}
    >
      {look.label}
    </Badge>
  );
}
