import { Alert, Button, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconClockHour4, IconUsersGroup } from '@tabler/icons-react';
import type { PublicWaitingRoom } from '@zevents/contracts';
import { Trans, useTranslation } from 'react-i18next';
import type { WaitingRoom } from '../../api/useWaitingRoom';
import { currentIntlLocale, i18n } from '../../i18n/i18n';

const timeFormat: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };
const dateTimeFormat: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
};

/** "about 3 min", "12 s", "less than a minute" — the wait in words a buyer reads at a glance. */
export function describeWait(seconds: number): string {
  if (seconds < 60)
    return seconds <= 5
      ? i18n.t('web.store.queue.fewSeconds')
      : i18n.t('web.store.queue.aboutSeconds', { count: Math.ceil(seconds / 5) * 5 });
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return i18n.t('web.store.queue.aboutMinutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  return i18n.t('web.store.queue.aboutHours', { hours, minutes: minutes % 60 });
}

/**
 * The queue in front of the sale: when it opens, the visitor's position and wait (live), and what
 * happens at the opening. Shown instead of the buyer form until the visitor is admitted.
 */
export function WaitingRoomPanel({ room, queue }: { room: PublicWaitingRoom; queue: WaitingRoom }) {
  const { t } = useTranslation();
  const salesOpenAt = room.salesOpenAt ? new Date(room.salesOpenAt) : null;
  return (
    <section aria-labelledby="queue-title">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" radius="xl" size="lg" aria-hidden>
            <IconUsersGroup size={20} />
          </ThemeIcon>
          <Title order={3} size="h4" id="queue-title">
            {t('web.store.queue.title')}
          </Title>
        </Group>
        {/* Announced politely: the position changes every few seconds. */}
        <div role="status" aria-live="polite" aria-atomic="true">
          <QueueState room={room} queue={queue} salesOpenAt={salesOpenAt} />
        </div>
        <Text size="xs" c="dimmed">
          {t('web.store.queue.explanation')}
        </Text>
      </Stack>
    </section>
  );
}

function QueueState({
  room,
  queue,
  salesOpenAt,
}: {
  room: PublicWaitingRoom;
  queue: WaitingRoom;
  salesOpenAt: Date | null;
}) {
  const { t } = useTranslation();
  switch (queue.state) {
    case 'not-open':
      return (
        <Text>
          {room.opensAt ? (
            <Trans
              i18nKey="web.store.queue.opensAt"
              values={{ when: new Date(room.opensAt).toLocaleString(currentIntlLocale(), dateTimeFormat) }}
              components={{ strong: <strong /> }}
            />
          ) : (
            t('web.store.queue.opensSoon')
          )}
        </Text>
      );
    case 'joining':
    case 'off':
      return (
        <Group gap="xs">
          <Loader size="xs" aria-hidden />
          <Text>{t('web.store.queue.joining')}</Text>
        </Group>
      );
    case 'waiting':
      return (
        <Stack gap={4}>
          <Text size="xl" fw={700}>
            {queue.isDrawPending
              ? t('web.store.queue.aboutInLine', {
                  position: queue.position?.toLocaleString(currentIntlLocale()),
                })
              : queue.position === 1
                ? t('web.store.queue.next')
                : t('web.store.queue.inLine', {
                    position: queue.position?.toLocaleString(currentIntlLocale()),
                  })}
          </Text>
          <Group gap={6} c="dimmed" wrap="nowrap">
            <IconClockHour4 size={16} aria-hidden />
            <Text size="sm">
              {queue.isDrawPending && salesOpenAt
                ? t('web.store.queue.waitDrawn', {
                    wait: describeWait(queue.waitSeconds ?? 0),
                    time: salesOpenAt.toLocaleTimeString(currentIntlLocale(), timeFormat),
                  })
                : t('web.store.queue.wait', { wait: describeWait(queue.waitSeconds ?? 0) })}
            </Text>
          </Group>
        </Stack>
      );
    case 'expired':
      return (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('web.store.queue.expired')}
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('web.store.queue.passLasts', { count: room.passMinutes })}</Text>
            <Button size="sm" onClick={queue.rejoin}>
              {t('web.store.queue.rejoin')}
            </Button>
          </Stack>
        </Alert>
      );
    case 'error':
      return (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('web.store.queue.unreachable')}
        >
          <Button size="sm" variant="light" onClick={queue.rejoin}>
            {t('web.store.queue.retry')}
          </Button>
        </Alert>
      );
    case 'admitted':
      return null;
  }
}
