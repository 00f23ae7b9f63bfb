import { Group, Progress, SimpleGrid, Stack, Text, Title, useMantineTheme } from '@mantine/core';
import type { EventAnalytics } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatCount, formatPercent } from '../../../components/ui/money';
import { EmptyState } from '../../../components/ui/QueryState';
import { formatBucket, formatClock, formatRate } from './analytics-format';
import { type ArrivalBin, fillArrivalBins } from './door-arrivals';
import {
  ChartWithTable,
  countColumn,
  csvColumnsOf,
  ReportCard,
  type ReportColumn,
  ReportTable,
  useChartView,
} from './ReportCard';

type TypeAtDoor = EventAnalytics['door']['byTicketType'][number];

function typeColumns(t: TFunction): Array<ReportColumn<TypeAtDoor>> {
  return [
    {
      header: t('web.org.insight.analytics.door.ticketType'),
      cell: (row) => row.name,
      csv: { header: 'ticket_type', value: (row) => row.name },
    },
    countColumn(t('web.org.insight.analytics.door.checkedIn'), 'checked_in', (row) => row.checkedIn),
    countColumn(t('web.org.insight.analytics.figures.tickets'), 'tickets', (row) => row.tickets),
    {
      header: t('web.org.insight.analytics.door.share'),
      cell: (row) => (
        <Group gap="xs" wrap="nowrap" justify="flex-end">
          <Progress
            value={row.tickets > 0 ? (row.checkedIn / row.tickets) * 100 : 0}
            color="teal"
            size="md"
            radius="xl"
            w={90}
            aria-hidden
          />
          <Text size="sm" fw={600} w={44} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatPercent(row.checkedIn, row.tickets)}
          </Text>
        </Group>
      ),
      align: 'right',
      csv: {
        header: 'share',
        value: (row) => (row.tickets > 0 ? (row.checkedIn / row.tickets).toFixed(4) : ''),
      },
    },
  ];
}

function arrivalColumns(
  t: TFunction,
  timeZone: string,
  label: (iso: string) => string,
): Array<ReportColumn<ArrivalBin>> {
  return [
    {
      header: t('web.org.insight.analytics.door.binFrom', { timezone: timeZone }),
      cell: (bin) => label(bin.start),
      csv: { header: 'start', value: (bin) => bin.start },
    },
    countColumn(t('web.org.insight.analytics.door.arrivals'), 'arrivals', (bin) => bin.count),
  ];
}

/** Who came through the door and when: the arrival curve, the busiest minutes, and each ticket type. */
export function DoorCard({ analytics, filename }: { analytics: EventAnalytics; filename: string }) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const { view, toggle } = useChartView();
  const { door, timezone } = analytics;
  const bins = useMemo(() => fillArrivalBins(door.arrivals), [door.arrivals]);
  const first = bins[0]?.start;
  const last = bins[bins.length - 1]?.start;
  // The time alone while the door is open one evening; with the day once it spans several.
  const isOneDay =
    !first || !last || formatBucket(first, timezone, 'day') === formatBucket(last, timezone, 'day');
  const label = (iso: string) =>
    isOneDay ? formatClock(iso, timezone) : formatBucket(iso, timezone, 'hour');
  const columns = arrivalColumns(t, timezone, label);
  const byType = typeColumns(t);

  return (
    <ReportCard
      title={t('web.org.insight.analytics.door.title')}
      description={t('web.org.insight.analytics.door.description')}
      actions={
        <>
          {bins.length > 0 && toggle(t('web.org.insight.analytics.door.what'))}
          <DownloadCsvButton
            what={t('web.org.insight.analytics.door.what')}
            filename={[filename, 'arrivals']}
            rows={bins}
            columns={csvColumnsOf(columns)}
          />
        </>
      }
    >
      <SimpleGrid cols={{ base: 2, sm: 2 }} spacing="lg">
        <Stack gap={2} data-testid="door-checked-in">
          <Text size="sm" c="dimmed" fw={600}>
            {t('web.org.insight.analytics.door.checkedIn')}
          </Text>
          <Text fz={{ base: 22, sm: 26 }} fw={800} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatCount(door.checkedIn)}{' '}
            <Text span c="dimmed" fz="sm" fw={600}>
              {t('web.org.insight.analytics.door.ofTickets', {
                tickets: formatCount(door.tickets),
                share: formatPercent(door.checkedIn, door.tickets),
              })}
            </Text>
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" c="dimmed" fw={600}>
            {t('web.org.insight.analytics.door.peak')}
          </Text>
          <Text fz={{ base: 22, sm: 26 }} fw={800} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatRate(door.peakPerMinute)}{' '}
            <Text span c="dimmed" fz="sm" fw={600}>
              {t('web.org.insight.analytics.door.perMinute')}
            </Text>
          </Text>
        </Stack>
      </SimpleGrid>
      {bins.length === 0 ? (
        <EmptyState title={t('web.org.insight.analytics.door.emptyTitle')}>
          {t('web.org.insight.analytics.door.emptyBody')}
        </EmptyState>
      ) : (
        <ChartWithTable
          view={view}
          height={220}
          table={{
            label: t('web.org.insight.analytics.door.tableLabel'),
            rows: bins,
            rowKey: (bin) => bin.start,
            columns,
            minWidth: 300,
          }}
          chart={
            <BarChart
              data={bins}
              margin={{ top: 8, right: 8, left: 0, bottom: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="rgba(99,102,241,0.15)" />
              <XAxis
                dataKey="start"
                tickFormatter={(value: string) => label(value)}
                tickLine={false}
                axisLine={false}
                fontSize={12}
                minTickGap={24}
                stroke="var(--mantine-color-dimmed)"
              />
              <YAxis
                width={32}
                allowDecimals={false}
                tickLine={false}
                axisLine={false}
                fontSize={12}
                stroke="var(--mantine-color-dimmed)"
              />
              <Tooltip
                labelFormatter={(value) => label(String(value))}
                formatter={(value) => [
                  formatCount(Number(value)),
                  t('web.org.insight.analytics.door.arrivals'),
                ]}
                contentStyle={{ borderRadius: 12, border: '1px solid rgba(99,102,241,0.2)' }}
              />
              <Bar
                dataKey="count"
                fill={theme.colors.teal[6]}
                radius={[3, 3, 0, 0]}
                isAnimationActive={false}
              />
            </BarChart>
          }
        />
      )}
      <Stack gap="xs">
        <Group justify="space-between" gap="sm">
          <Title order={3} fz="md">
            {t('web.org.insight.analytics.door.byType')}
          </Title>
          <DownloadCsvButton
            what={t('web.org.insight.analytics.door.byTypeWhat')}
            filename={[filename, 'door-by-ticket-type']}
            rows={door.byTicketType}
            columns={csvColumnsOf(byType)}
          />
        </Group>
        <ReportTable
          label={t('web.org.insight.analytics.door.byTypeTable')}
          rows={door.byTicketType}
          rowKey={(row) => row.ticketTypeId}
          columns={byType}
          minWidth={420}
        />
      </Stack>
    </ReportCard>
  );
}
