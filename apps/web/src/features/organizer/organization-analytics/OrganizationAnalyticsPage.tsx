import { Grid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/ui/PageHeader';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { PeriodPicker } from '../analytics/PeriodPicker';
import { useAnalyticsPeriod } from '../analytics/useAnalyticsPeriod';
import { useCurrentOrganization } from '../layout/current-organization';
import { browserTimeZone } from '../lib/zoned-time';
import { useOrganizationAnalytics } from '../queries/useOrganizationAnalytics';
import { EventsComparisonCard } from './EventsComparisonCard';
import { RevenueOverTimeCard } from './RevenueOverTimeCard';
import { SummaryEmailCard } from './SummaryEmailCard';

/**
 * `/organizer/analytics`: every event of the current organization side by side and its revenue over
 * time, in the viewer's time zone; the period is in the address (`?period=7d&interval=hour`).
 */
export default function OrganizationAnalyticsPage() {
  const { t } = useTranslation();
  const { organization } = useCurrentOrganization();
  const [period, setPeriod] = useAnalyticsPeriod();
  const timeZone = browserTimeZone();
  const analytics = useOrganizationAnalytics(organization.id, period, timeZone);
  const report = analytics.data;
  const filename = organization.name;

  return (
    <>
      <PageHeader
        title={t('web.org.insight.organization.page.title')}
        description={t('web.org.insight.organization.page.description', {
          name: organization.name,
          timezone: timeZone.replace(/_/g, ' '),
        })}
        actions={<PeriodPicker period={period} onChange={setPeriod} />}
      />
      <Stack gap="lg">
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
            <EventsComparisonCard report={report} period={period} filename={filename} />
            <Grid gap="lg">
              <Grid.Col span={{ base: 12, lg: 8 }}>
                <RevenueOverTimeCard report={report} period={period} filename={filename} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, lg: 4 }}>
                <SummaryEmailCard organizationId={organization.id} />
              </Grid.Col>
            </Grid>
          </Stack>
        ) : null}
      </Stack>
    </>
  );
}
