import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSend, IconTrash } from '@tabler/icons-react';
import type { WaitlistEntry, WaitlistStatus } from '@zevents/contracts';
import { formatInZone } from '../lib/zoned-time';

const STATUS_LOOK: Record<WaitlistStatus, { label: string; color: string }> = {
  waiting: { label: 'Waiting', color: 'indigo' },
  offered: { label: 'Offered', color: 'orange' },
  purchased: { label: 'Purchased', color: 'teal' },
  expired: { label: 'Expired', color: 'gray' },
  declined: { label: 'Declined', color: 'gray' },
  removed: { label: 'Removed', color: 'red' },
  left: { label: 'Left', color: 'gray' },
};

export function WaitlistStatusBadge({ status }: { status: WaitlistStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <Badge variant="light" color={look.color}>
      {look.label}
    </Badge>
  );
}

export interface EntryActions {
  onMove: (entry: WaitlistEntry, position: number) => void;
  onOffer: (entry: WaitlistEntry) => void;
  onRemove: (entry: WaitlistEntry) => void;
  /** The entry whose action is running, to show its button busy. */
  busyEntryId: string | null;
}

interface WaitingListEntryCardProps {
  entry: WaitlistEntry;
  /** How many entries wait in this ticket type's line: the last cannot move down. */
  waitingCount: number;
  timeZone: string;
  editable: boolean;
  actions: EntryActions;
}

/** One person on a waiting list: place, who, how many, where their offer stands, and what to do. */
export function WaitingListEntryCard({
  entry,
  waitingCount,
  timeZone,
  editable,
  actions,
}: WaitingListEntryCardProps) {
  const isWaiting = entry.status === 'waiting' && entry.position !== null;
  const position = entry.position ?? 0;
  const isBusy = actions.busyEntryId === entry.id;
  const canRemove = entry.status === 'waiting' || entry.status === 'offered';
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={800} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {isWaiting ? `#${position}` : '—'}
            </Text>
            <Text fw={600} truncate="end">
              {entry.name}
            </Text>
          </Group>
          <WaitlistStatusBadge status={entry.status} />
        </Group>
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {entry.email} · {entry.quantity} {entry.quantity === 1 ? 'ticket' : 'tickets'}
        </Text>
        {entry.status === 'offered' && entry.offerExpiresAt && (
          <Text size="sm">
            Offer expires{' '}
            {formatInZone(entry.offerExpiresAt, timeZone, { dateStyle: 'medium', timeStyle: 'short' })}
          </Text>
        )}
        {editable && (isWaiting || canRemove) && (
          <Group gap="xs" wrap="wrap">
            {isWaiting && (
              <>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconArrowUp size={14} aria-hidden />}
                  disabled={position <= 1 || isBusy}
                  aria-label={`Move ${entry.name} up`}
                  onClick={() => actions.onMove(entry, position - 1)}
                >
                  Move up
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconArrowDown size={14} aria-hidden />}
                  disabled={position >= waitingCount || isBusy}
                  aria-label={`Move ${entry.name} down`}
                  onClick={() => actions.onMove(entry, position + 1)}
                >
                  Move down
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconSend size={14} aria-hidden />}
                  loading={isBusy}
                  aria-label={`Offer ${entry.name} tickets now`}
                  onClick={() => actions.onOffer(entry)}
                >
                  Offer now
                </Button>
              </>
            )}
            {canRemove && (
              <Button
                size="xs"
                variant="default"
                // Red text on white is under 4.5:1 at this size: only the icon carries the warning colour.
                leftSection={<IconTrash size={14} color="var(--mantine-color-red-7)" aria-hidden />}
                disabled={isBusy}
                aria-label={`Remove ${entry.name}`}
                onClick={() => actions.onRemove(entry)}
              >
                Remove
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
