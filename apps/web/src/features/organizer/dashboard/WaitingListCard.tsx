import { Anchor, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { WaitlistList } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GlassCard } from '../../../components/ui/GlassCard';
import { formatCount } from '../../../components/ui/money';
import { useWaitingList } from '../queries/useWaitingList';

type WaitlistCounts = WaitlistList['counts'];

const COUNTED: readonly (keyof WaitlistCounts)[] = ['waiting', 'offered', 'purchased', 'expired'];

const LABEL_KEYS = {
  waiting: 'web.org.insight.dashboard.waitingList.waiting',
  offered: 'web.org.insight.dashboard.waitingList.offered',
  purchased: 'web.org.insight.dashboard.waitingList.purchased',
  expired: 'web.org.insight.dashboard.waitingList.expired',
} as const satisfies Record<keyof WaitlistCounts, string>;

/**
 * The counts by status: the API's for every date, or counted here from the entries of one date
 * (the list has no `?dateId=` filter, and every entry names the date it waits for).
 */
export function waitingListCounts(list: WaitlistList, dateId: string | null): WaitlistCounts {
  if (!dateId) return list.counts;
  const onDate = list.items.filter((entry) => entry.dateId === dateId);
  const count = (status: keyof WaitlistCounts) => onDate.filter((entry) => entry.status === status).length;
  return {
    waiting: count('waiting'),
    offered: count('offered'),
    purchased: count('purchased'),
    expired: count('expired'),
  };
}

/**
 * The waiting lists at a glance: how many wait, hold an offer, bought or let it run out, with the way
 * to the lines themselves in the editor. Nothing while nobody ever joined (or the list cannot load:
 * the figures above are what the dashboard is for).
 */
export function WaitingListCard({ eventId, dateId }: { eventId: string; dateId: string | null }) {
  const { t } = useTranslation();
  const list = useWaitingList(eventId);
  if (!list.data || list.data.items.length === 0) return null;
  const counts = waitingListCounts(list.data, dateId);
  return (
    <section aria-labelledby="waiting-list-title">
      <GlassCard p="lg">
        <Stack gap="md">
          <Group justify="space-between" align="baseline" gap="xs">
            <Stack gap={0}>
              <Title order={2} fz="lg" id="waiting-list-title">
                {t('web.org.insight.dashboard.waitingList.title')}
              </Title>
              {dateId && (
                <Text size="xs" c="dimmed">
                  {t('web.org.insight.dashboard.waitingList.forDate')}
                </Text>
              )}
            </Stack>
            <Anchor
              component={Link}
              to={`/organizer/events/${encodeURIComponent(eventId)}/edit?tab=waiting-list`}
              size="sm"
            >
              {t('web.org.insight.dashboard.waitingList.see')}
            </Anchor>
          </Group>
          <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="lg" m={0}>
            {COUNTED.map((status) => (
              <Stack key={status} gap={2} data-testid={`waiting-list-${status}`}>
                <Text component="dt" size="sm" c="dimmed">
                  {t(LABEL_KEYS[status])}
                </Text>
                <Text component="dd" m={0} size="xl" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatCount(counts[status])}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Stack>
      </GlassCard>
    </section>
  );
}
