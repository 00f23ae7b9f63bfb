import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconSend, IconTrash } from '@tabler/icons-react';
import type { WaitlistEntry, WaitlistStatus } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { formatInZone } from '../lib/zoned-time';

const STATUS_LOOK = {
  waiting: { label: 'web.org.editor.waitingList.statusWaiting', color: 'indigo' },
  offered: { label: 'web.org.editor.waitingList.statusOffered', color: 'orange' },
  purchased: { label: 'web.org.editor.waitingList.statusPurchased', color: 'teal' },
  expired: { label: 'web.org.editor.waitingList.statusExpired', color: 'gray' },
  declined: { label: 'web.org.editor.waitingList.statusDeclined', color: 'gray' },
  removed: { label: 'web.org.editor.waitingList.statusRemoved', color: 'red' },
  left: { label: 'web.org.editor.waitingList.statusLeft', color: 'gray' },
} as const satisfies Record<WaitlistStatus, { label: string; color: string }>;

export function WaitlistStatusBadge({ status }: { status: WaitlistStatus }) {
  const { t } = useTranslation();
  const look = STATUS_LOOK[status];
  return (
    <Badge variant="light" color={look.color}>
      {t(look.label)}
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
  const { t } = useTranslation();
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
          {entry.email} · {t('web.common.tickets', { count: entry.quantity })}
        </Text>
        {entry.status === 'offered' && entry.offerExpiresAt && (
          <Text size="sm">
            {t('web.org.editor.waitingList.offerExpires', {
              when: formatInZone(entry.offerExpiresAt, timeZone, { dateStyle: 'medium', timeStyle: 'short' }),
            })}
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
                  aria-label={t('web.org.editor.questions.moveUpLabel', { label: entry.name })}
                  onClick={() => actions.onMove(entry, position - 1)}
                >
                  {t('web.org.editor.questions.moveUp')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconArrowDown size={14} aria-hidden />}
                  disabled={position >= waitingCount || isBusy}
                  aria-label={t('web.org.editor.questions.moveDownLabel', { label: entry.name })}
                  onClick={() => actions.onMove(entry, position + 1)}
                >
                  {t('web.org.editor.questions.moveDown')}
                </Button>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconSend size={14} aria-hidden />}
                  loading={isBusy}
                  aria-label={t('web.org.editor.waitingList.offerLabel', { name: entry.name })}
                  onClick={() => actions.onOffer(entry)}
                >
                  {t('web.org.editor.waitingList.offer')}
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
                aria-label={t('web.org.editor.waitingList.removeLabel', { name: entry.name })}
                onClick={() => actions.onRemove(entry)}
              >
                {t('web.org.editor.reminders.remove')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
