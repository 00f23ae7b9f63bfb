import { Badge, Group, Stack, Text } from '@mantine/core';
import type { EventAnalytics } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { EmptyState } from '../../../components/ui/QueryState';
import { csvRatio, formatRatio, SOURCE_KIND_LABEL_KEYS, type SourceKind } from './analytics-format';
import {
  countColumn,
  csvColumnsOf,
  currencyColumn,
  moneyColumn,
  ReportCard,
  type ReportColumn,
  ReportTable,
} from './ReportCard';

type Source = EventAnalytics['sources'][number];

const KIND_COLORS: Record<SourceKind, string> = {
  tracking_link: 'indigo',
  campaign: 'grape',
  referrer: 'cyan',
  direct: 'gray',
};

/** Views to conversion: the columns every "where buyers came from" table shares. */
export function performanceColumns<Row extends Omit<Source, 'kind' | 'source' | 'name'>>(
  t: TFunction,
  currency: string,
): Array<ReportColumn<Row>> {
  return [
    countColumn(t('web.org.insight.analytics.figures.views'), 'views', (row) => row.views),
    countColumn(t('web.org.insight.analytics.figures.visitors'), 'visitors', (row) => row.visitors),
    countColumn(t('web.org.insight.analytics.figures.orders'), 'orders', (row) => row.orders),
    countColumn(t('web.org.insight.analytics.figures.tickets'), 'tickets', (row) => row.tickets),
    moneyColumn(
      t('web.org.insight.analytics.figures.revenue'),
      'revenue',
      (row) => row.revenueCents,
      currency,
    ),
    currencyColumn(currency),
    {
      header: t('web.org.insight.analytics.figures.conversion'),
      cell: (row) => formatRatio(row.visitors > 0 ? row.conversion : null),
      align: 'right',
      csv: { header: 'conversion', value: (row) => csvRatio(row.conversion) },
    },
  ];
}

function sourceColumns(t: TFunction, currency: string): Array<ReportColumn<Source>> {
  return [
    { csv: { header: 'kind', value: (row) => row.kind } },
    { csv: { header: 'source', value: (row) => row.source } },
    {
      header: t('web.org.insight.analytics.sources.source'),
      cell: (row) => (
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} truncate="end" maw={260}>
              {row.name}
            </Text>
            <Badge size="xs" variant="light" color={KIND_COLORS[row.kind]} style={{ flexShrink: 0 }}>
              {t(SOURCE_KIND_LABEL_KEYS[row.kind])}
            </Badge>
          </Group>
          {row.source !== row.name && row.kind !== 'direct' && (
            <Text size="xs" c="dimmed" truncate="end" maw={300}>
              {row.source}
            </Text>
          )}
        </Stack>
      ),
      csv: { header: 'name', value: (row) => row.name },
    },
    ...performanceColumns<Source>(t, currency),
  ];
}

/** Where visitors came from (tracking links, campaigns, other sites, nowhere) and what they bought. */
export function SourcesCard({
  analytics,
  currency,
  filename,
}: {
  analytics: EventAnalytics;
  currency: string;
  filename: string;
}) {
  const { t } = useTranslation();
  const columns = sourceColumns(t, currency);
  const rows = analytics.sources;
  return (
    <ReportCard
      title={t('web.org.insight.analytics.sources.title')}
      description={t('web.org.insight.analytics.sources.description')}
      actions={
        <DownloadCsvButton
          what={t('web.org.insight.analytics.sources.what')}
          filename={[filename, 'sources']}
          rows={rows}
          columns={csvColumnsOf(columns)}
        />
      }
    >
      {rows.length === 0 ? (
        <EmptyState title={t('web.org.insight.analytics.sources.emptyTitle')}>
          {t('web.org.insight.analytics.sources.emptyBody')}
        </EmptyState>
      ) : (
        <ReportTable
          label={t('web.org.insight.analytics.sources.title')}
          rows={rows}
          rowKey={(row) => `${row.kind}:${row.source}`}
          columns={columns}
          minWidth={760}
        />
      )}
    </ReportCard>
  );
}
