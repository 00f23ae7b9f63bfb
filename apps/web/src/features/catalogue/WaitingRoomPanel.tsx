import { Alert, Button, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconClockHour4, IconUsersGroup } from '@tabler/icons-react';
import type { PublicWaitingRoom } from '@zevents/contracts';
import type { WaitingRoom } from '../../api/useWaitingRoom';

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
  if (seconds < 60) return seconds <= 5 ? 'a few seconds' : `about ${Math.ceil(seconds / 5) * 5} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.floor(minutes / 60);
  return `about ${hours} h ${minutes % 60} min`;
}

/**
 * The queue in front of the sale: when it opens, the visitor's position and wait (live), and what
 * happens at the opening. Shown instead of the buyer form until the visitor is admitted.
 */
export function WaitingRoomPanel({ room, queue }: { room: PublicWaitingRoom; queue: WaitingRoom }) {
  const salesOpenAt = room.salesOpenAt ? new Date(room.salesOpenAt) : null;
  return (
    <section aria-labelledby="queue-title">
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" radius="xl" size="lg" aria-hidden>
            <IconUsersGroup size={20} />
          </ThemeIcon>
          <Title order={3} size="h4" id="queue-title">
            Waiting room
          </Title>
        </Group>
        {/* Announced politely: the position changes every few seconds. */}
        <div role="status" aria-live="polite" aria-atomic="true">
          <QueueState room={room} queue={queue} salesOpenAt={salesOpenAt} />
        </div>
        <Text size="xs" c="dimmed">
          Everyone who arrives before the sale opens gets a random place, so there is no need to refresh. Keep
          this page open: it follows your place live.
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
  switch (queue.state) {
    case 'not-open':
      return (
        <Text>
          The queue opens{' '}
          {room.opensAt ? (
            <strong>{new Date(room.opensAt).toLocaleString(undefined, dateTimeFormat)}</strong>
          ) : (
            'soon'
          )}
          . Come back then, or keep this page open: you join automatically.
        </Text>
      );
    case 'joining':
    case 'off':
      return (
        <Group gap="xs">
          <Loader size="xs" aria-hidden />
          <Text>Joining the queue…</Text>
        </Group>
      );
    case 'waiting':
      return (
        <Stack gap={4}>
          <Text size="xl" fw={700}>
            {queue.isDrawPending ? 'About ' : ''}
            {queue.position === 1 ? 'You are next in line' : `${queue.position?.toLocaleString()} in line`}
          </Text>
          <Group gap={6} c="dimmed" wrap="nowrap">
            <IconClockHour4 size={16} aria-hidden />
            <Text size="sm">
              Estimated wait: {describeWait(queue.waitSeconds ?? 0)}
              {queue.isDrawPending && salesOpenAt
                ? `. Places are drawn at random when sales open at ${salesOpenAt.toLocaleTimeString(undefined, timeFormat)}.`
                : '.'}
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
          title="Your pass has expired"
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">Passes last {room.passMinutes} minutes. Join the queue again for a new one.</Text>
            <Button size="sm" onClick={queue.rejoin}>
              Join the queue again
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
          title="We could not reach the queue"
        >
          <Button size="sm" variant="light" onClick={queue.rejoin}>
            Try again
          </Button>
        </Alert>
      );
    case 'admitted':
      return null;
  }
}
