import { Badge, type MantineSize } from '@mantine/core';
import type { EventStatus } from '@zevents/contracts';

const LOOK: Record<EventStatus, { color: string; label: string }> = {
  draft: { color: 'gray', label: 'Draft' },
  published: { color: 'teal', label: 'On sale' },
  cancelled: { color: 'red', label: 'Cancelled' },
};

export function EventStatusBadge({ status, size = 'sm' }: { status: EventStatus; size?: MantineSize }) {
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant="light" size={size} radius="sm">
      {look.label}
    </Badge>
  );
}
