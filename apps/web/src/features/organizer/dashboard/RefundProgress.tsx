import { Paper, Progress, Stack, Text } from '@mantine/core';
import type { Event } from '@zevents/contracts';
import { i18n } from '../../../i18n/i18n';

/** What the organizer reads while a cancelled event's orders are refunded in the background. */
export function refundProgressLabel(pending: number, done: number): string {
  const total = pending + done;
  if (pending > 0) return i18n.t('web.org.insight.dashboard.refunds.pending', { done, total });
  return i18n.t('web.org.insight.dashboard.refunds.done', { count: total });
}

/**
 * A cancelled event's refunds run on the workers after the cancellation answered; this shows how far
 * they are (the event query polls while some are pending). Nothing for events with nothing to refund.
 */
export function RefundProgress({
  event,
}: {
  event: Pick<Event, 'status' | 'refundsPending' | 'refundsDone'>;
}) {
  const pending = event.refundsPending ?? 0;
  const done = event.refundsDone ?? 0;
  if (event.status !== 'cancelled' || pending + done === 0) return null;
  const label = refundProgressLabel(pending, done);
  return (
    <Paper withBorder radius="lg" p="md" mb="lg" data-testid="refund-progress">
      <Stack gap="xs">
        <Text fw={600} aria-live="polite">
          {label}
        </Text>
        <Progress
          value={(done / (pending + done)) * 100}
          size="md"
          radius="xl"
          color={pending > 0 ? 'blue' : 'teal'}
          striped={pending > 0}
          animated={pending > 0}
          aria-label={label}
        />
      </Stack>
    </Paper>
  );
}
