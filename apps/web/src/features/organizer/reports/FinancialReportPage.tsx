import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useCurrentOrganization } from '../layout/current-organization';
import { useAllOrganizationEvents } from '../queries/useOrganizationEvents';
import { formatDay, FinancialCurrencySection } from './FinancialCurrencySection';
import { type ReportRange, rangeFromSearch, rangeToSearch, reportPath } from './report-range';
import { useFinancialReport } from './useFinancialReport';

/**
 * `/organizer/reports`: what the organization's sales (or one event's) brought in and where the money
 * went, per currency: totals, a chart by day, ticket types, payment methods and taxes, and the CSV.
 * The range and the event are in the address (`?from=2026-03-01&to=2026-03-31&event=<id>`).
 */
export default function FinancialReportPage() {
  const { t } = useTranslation();
  const { organization } = useCurrentOrganization();
  const [search, setSearch] = useSearchParams();
  const range = rangeFromSearch(search);
  const report = useFinancialReport(organization.id, range);
  const { events: eventOptions } = useAllOrganizationEvents(organization.id);
  const data = report.data;

  const change = (next: Partial<ReportRange>) => {
    // From the address as the browser has it now, not as this render (or the router's last render)
    // saw it: a second change made before the page re-rendered keeps the first.
    const merged: ReportRange = { ...rangeFromSearch(new URLSearchParams(window.location.search)), ...next };
    // The date fields show the API's own defaults; keep both ends once one is chosen.
    if (data && next.from !== undefined && !merged.to) merged.to = data.to;
    if (data && next.to !== undefined && !merged.from && data.from) merged.from = data.from;
    if (!next.eventId && 'eventId' in next) delete merged.eventId;
    setSearch(rangeToSearch(merged), { replace: true });
  };

  const period = data
    ? data.from
      ? `${formatDay(data.from)} – ${formatDay(data.to)}`
      : t('web.org.insight.reports.until', { day: formatDay(data.to) })
    : '';

  return (
    <>
      <PageHeader
        title={t('web.org.insight.reports.title')}
        description={t('web.org.insight.reports.description', { name: organization.name })}
        actions={
          <Button
            component="a"
            href={reportPath(
              organization.id,
              { ...range, ...(data ? { to: data.to, ...(data.from ? { from: data.from } : {}) } : {}) },
              'csv',
            )}
            download
            variant="default"
            leftSection={<IconDownload size={16} aria-hidden />}
          >
            {t('web.org.insight.reports.download')}
          </Button>
        }
      />
      <Stack gap="lg">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('web.org.insight.reports.event')}
            value={range.eventId ?? ''}
            onChange={(e) => change({ eventId: e.currentTarget.value || undefined })}
            data={[
              { value: '', label: t('web.org.insight.reports.allEvents') },
              ...eventOptions.map((event) => ({ value: event.id, label: event.title })),
            ]}
            style={{ flex: '1 1 220px', maxWidth: 360 }}
          />
          <TextInput
            type="date"
            label={t('web.org.insight.reports.from')}
            value={range.from ?? data?.from ?? ''}
            max={range.to ?? data?.to}
            onChange={(e) => e.currentTarget.value && change({ from: e.currentTarget.value })}
            style={{ flex: '1 1 150px', maxWidth: 190 }}
          />
          <TextInput
            type="date"
            label={t('web.org.insight.reports.to')}
            value={range.to ?? data?.to ?? ''}
            min={range.from ?? data?.from ?? undefined}
            onChange={(e) => e.currentTarget.value && change({ to: e.currentTarget.value })}
            style={{ flex: '1 1 150px', maxWidth: 190 }}
          />
        </Group>
        {report.isPending ? (
          <LoadingState label={t('web.org.insight.reports.loading')} />
        ) : report.isError && !data ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : data ? (
          <Stack gap="xl" aria-busy={report.isPlaceholderData}>
            <Text size="sm" c="dimmed" aria-live="polite">
              {report.isPlaceholderData
                ? t('web.org.insight.reports.loadingShort')
                : t('web.org.insight.reports.periodLine', {
                    period,
                    timezone: data.timezone.replace(/_/g, ' '),
                  })}
            </Text>
            {data.currencies.length === 0 ? (
              <EmptyState title={t('web.org.insight.reports.emptyTitle')}>
                {t('web.org.insight.reports.emptyBody')}
              </EmptyState>
            ) : (
              data.currencies.map((currency) => (
                <FinancialCurrencySection
                  key={currency.currency}
                  report={currency}
                  timezone={data.timezone}
                />
              ))
            )}
            <Text size="xs" c="dimmed">
              {t('web.org.insight.reports.netNote')}
            </Text>
          </Stack>
        ) : null}
      </Stack>
    </>
  );
}
