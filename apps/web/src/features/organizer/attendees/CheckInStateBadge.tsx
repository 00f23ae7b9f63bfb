import { Badge } from '@mantine/core';
import type { TicketStatus } from '@zevents/contracts';
import { formatInZone } from '../lib/zoned-time';

export function CheckInStateBadge({
  status,
  checkedInAt,
  timeZone,
}: {
  status: TicketStatus;
  checkedInAt: string | null;
  timeZone: string;
}) {
  if (status === 'void')
    return (
      <Badge color="red" variant="light" radius="sm">
        Void
      </Badge>
    );
  if (status === 'checked_in')
    return (
      <Badge color="teal" variant="light" radius="sm" style={{ whiteSpace: 'nowrap' }}>
        In
        {checkedInAt
          ? ` · ${formatInZone(checkedInAt, timeZone, { hour: 'numeric', minute: '2-digit' })}`
          : ''}
      </Badge>
    );
  return (
    <Badge color="gray" variant="light" radius="sm" style={{ whiteSpace: 'nowrap' }}>
      Not yet
    </Badge>
  );
}
