import { Badge, Group, Stack, Text } from '@mantine/core';
import type { EventAnalytics } from '@zevents/contracts';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { EmptyState } from '../../../components/ui/QueryState';
import { i18n } from '../../../i18n/i18n';
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
  currency: string,
): Array<ReportColumn<Row>> {
  return [
    countColumn('Views', 'views', (row) => row.views),
    countColumn('Visitors', 'visitors', (row) => row.visitors),
    countColumn('Orders', 'orders', (row) => row.orders),
    countColumn('Tickets', 'tickets', (row) => row.tickets),
    moneyColumn('Revenue', 'revenue', (row) => row.revenueCents, currency),
    currencyColumn(currency),
    {
      header: 'Conversion',
      cell: (row) => formatRatio(row.visitors > 0 ? row.conversion : null),
      align: 'right',
      csv: { header: 'conversion', value: (row) => csvRatio(row.conversion) },
    },
  ];
}

function sourceColumns(currency: string): Array<ReportColumn<Source>> {
  return [
    { csv: { header: 'kind', value: (row) => row.kind } },
    { csv: { header: 'source', value: (row) => row.source } },
    {
      header: 'Source',
      cell: (row) => (
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} truncate="end" maw={260}>
              {row.name}
            </Text>
            <Badge size="xs" variant="light" color={KIND_COLORS[row.kind]} style={{ flexShrink: 0 }}>
              {i18n.t(SOURCE_KIND_LABEL_KEYS[row.kind])}
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
    ...performanceColumns<Source>(currency),
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
  const columns = sourceColumns(currency);
  const rows = analytics.sources;
  return (
    <ReportCard
      title="Sources"
      description="Orders count for the source of the visit that made them; conversion is orders per visitor."
      actions={
        <DownloadCsvButton
          what="sources"
          filename={[filename, 'sources']}
          rows={rows}
          columns={csvColumnsOf(columns)}
        />
      }
    >
      {rows.length === 0 ? (
        <EmptyState title="No visitors in this period">
          Share a tracking link below: each visit it brings is counted here.
        </EmptyState>
      ) : (
        <ReportTable
          label="Sources"
          rows={rows}
          rowKey={(row) => `${row.kind}:${row.source}`}
          columns={columns}
          minWidth={760}
        />
      )}
    </ReportCard>
  );
}
