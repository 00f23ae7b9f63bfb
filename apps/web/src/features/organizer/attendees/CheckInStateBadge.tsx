import { Badge } from '@mantine/core';
import type { TicketStatus } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { formatInZone } from '../lib/zoned-time';

const NO_SHRINK = { flexShrink: 0, whiteSpace: 'nowrap' } as const;
const LABEL = { label: { overflow: 'visible' } } as const;

export function CheckInStateBadge({
  status,
  checkedInAt,
  timeZone,
}: {
  status: TicketStatus;
  checkedInAt: string | null;
  timeZone: string;
}) {
  const { t } = useTranslation();
  if (status === 'void')
    return (
      <Badge color="red" variant="light" radius="sm" style={NO_SHRINK} styles={LABEL}>
        {t('web.org.core.attendees.void')}
      </Badge>
    );
  if (status === 'checked_in')
    return (
      <Badge color="teal" variant="light" radius="sm" style={NO_SHRINK} styles={LABEL}>
        {t('web.org.core.attendees.checkedIn')}
        {checkedInAt
          ? ` · ${formatInZone(checkedInAt, timeZone, { hour: 'numeric', minute: '2-digit' })}`
          : ''}
      </Badge>
    );
  return (
    <Badge color="gray" variant="light" radius="sm" style={NO_SHRINK} styles={LABEL}>
      {t('web.org.core.attendees.notYet')}
    </Badge>
  );
}
