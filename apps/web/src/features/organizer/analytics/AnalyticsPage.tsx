import { Grid, Stack, Text } from '@mantine/core';
import { useThrottledCallback } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import type { EventStats } from '@zevents/contracts';
import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatZoneName } from '../../../components/ui/format';
import { PageHeader } from '../../../components/ui/PageHeader';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { LiveIndicator } from '../dashboard/LiveIndicator';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage } from '../lib/roles';
import { useEvent } from '../queries/useEvent';
import { eventAnalyticsRootKey, useEventAnalytics } from '../queries/useEventAnalytics';
import { useLiveEventStats } from '../queries/useLiveEventStats';
import { trackingLinksQueryKey } from '../queries/useTrackingLinks';
import { AbandonmentCard } from './AbandonmentCard';
import { DoorCard } from './DoorCard';
import { FunnelCard } from './FunnelCard';
import { PeriodPicker } from './PeriodPicker';
import { PromoCodesCard } from './PromoCodesCard';
import { SeriesCard } from './SeriesCard';
import { SourcesCard } from './SourcesCard';
import { TrackingLinksCard } from './TrackingLinksCard';
import { useAnalyticsPeriod } from './useAnalyticsPeriod';
import { VelocityCard } from './VelocityCard';

/** A flash sale pushes figures every second; the report is read again at most this often. */
const LIVE_REFETCH_MS = 2_000;

/**
 * `/organizer/events/:eventId/analytics`: from page view to the door. The funnel, the sources and the
 * tracking links follow sales live: every push of the event's figures (a hold, a sale, an expiry)
 * reads the report again. The period is in the address (`?period=7d&interval=hour`).
 */
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  const [period, setPeriod] = useAnalyticsPeriod();
  const analytics = useEventAnalytics(eventId, period);
  const { membershipOf } = useCurrentOrganization();
  const queryClient = useQueryClient();

  const refresh = useThrottledCallback(() => {
    void queryClient.invalidateQueries({ queryKey: eventAnalyticsRootKey(eventId) });
    void queryClient.invalidateQueries({ queryKey: trackingLinksQueryKey(eventId) });
  }, LIVE_REFETCH_MS);
  // The socket repeats the current figures on every (re)connect: only a change is news.
  const lastFigures = useRef<string | null>(null);
  const onStats = useCallback(
    (stats: EventStats) => {
      const figures = JSON.stringify(stats);
      if (lastFigures.current !== null && lastFigures.current !== figures) refresh();
      lastFigures.current = figures;
    },
    [refresh],
  );
  const stats = useLiveEventStats(eventId, { onStats });

  if (event.isPending) return <LoadingState label={t('web.org.insight.dashboard.view.loading')} />;
  if (event.isError) return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;

  const data = event.data;
  const currency = data.currency;
  const filename = data.slug;
  const report = analytics.data;

  return (
    <>
      <PageHeader
        back={{ to: `/organizer/events/${data.id}`, label: t('web.org.insight.analytics.page.back') }}
        title={t('web.org.insight.analytics.page.title')}
        badge={<LiveIndicator updatedAt={stats.dataUpdatedAt} isError={stats.isError} />}
        description={
          <>
            {t('web.org.insight.analytics.page.description', {
              title: data.title,
              timezone: data.timezone.replace(/_/g, ' '),
              zone: formatZoneName(new Date().toISOString(), data.timezone),
            })}
          </>
        }
        actions={<PeriodPicker period={period} onChange={setPeriod} />}
      />
      {analytics.isPending ? (
        <LoadingState label={t('web.org.insight.analytics.page.loading')} />
      ) : analytics.isError && !report ? (
        <ErrorState error={analytics.error} onRetry={() => void analytics.refetch()} />
      ) : report ? (
        <Stack gap="lg" aria-busy={analytics.isPlaceholderData}>
          {analytics.isPlaceholderData && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('web.org.insight.analytics.page.loadingDays', { days: period.days })}
            </Text>
          )}
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <FunnelCard analytics={report} filename={filename} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <Stack gap="lg">
                <VelocityCard analytics={report} />
                <AbandonmentCard analytics={report} currency={currency} filename={filename} />
              </Stack>
            </Grid.Col>
          </Grid>
          <SeriesCard analytics={report} currency={currency} filename={filename} />
          <SourcesCard analytics={report} currency={currency} filename={filename} />
          <TrackingLinksCard
            eventId={data.id}
            currency={currency}
            canEdit={canManage(membershipOf(data.organizationId)?.role)}
            filename={filename}
          />
          <PromoCodesCard analytics={report} currency={currency} filename={filename} />
          <DoorCard analytics={report} filename={filename} />
        </Stack>
      ) : null}
    </>
  );
}
