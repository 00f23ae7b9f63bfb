import { Badge, type MantineSize } from '@mantine/core';
import type { EventStatus } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';

const LOOK: Record<EventStatus, { color: string; labelKey: string }> = {
  draft: { color: 'gray', labelKey: 'web.org.core.events.status.draft' },
  published: { color: 'teal', labelKey: 'web.org.core.events.status.published' },
  cancelled: { color: 'red', labelKey: 'web.org.core.events.status.cancelled' },
};

export function EventStatusBadge({ status, size = 'sm' }: { status: EventStatus; size?: MantineSize }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return (
    <Badge color={look.color} variant="light" size={size} radius="sm">
      {t(look.labelKey)}
    </Badge>
  );
}
