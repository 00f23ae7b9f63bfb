import { Group, Progress, SimpleGrid, Stack, Text, Title, useMantineTheme } from '@mantine/core';
import type { EventAnalytics } from '@zevents/contracts';
import { useMemo } from 'react';
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

const TYPE_COLUMNS: Array<ReportColumn<TypeAtDoor>> = [
  {
    header: 'Ticket type',
    cell: (row) => row.name,
    csv: { header: 'ticket_type', value: (row) => row.name },
  },
  countColumn('Checked in', 'checked_in', (row) => row.checkedIn),
  countColumn('Tickets', 'tickets', (row) => row.tickets),
  {
    header: 'Share',
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

function arrivalColumns(timeZone: string, label: (iso: string) => string): Array<ReportColumn<ArrivalBin>> {
  return [
    {
      header: `5 minutes from (${timeZone})`,
      cell: (bin) => label(bin.start),
      csv: { header: 'start', value: (bin) => bin.start },
    },
    countColumn('Arrivals', 'arrivals', (bin) => bin.count),
  ];
}

/** Who came through the door and when: the arrival curve, the busiest minutes, and each ticket type. */
export function DoorCard({ analytics, filename }: { analytics: EventAnalytics; filename: string }) {
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
  const columns = arrivalColumns(timezone, label);

  return (
    <ReportCard
      title="At the door"
      description="Check-ins since the doors opened, in the event's time zone."
      actions={
        <>
          {bins.length > 0 && toggle('arrivals')}
          <DownloadCsvButton
            what="arrivals"
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
            Checked in
          </Text>
          <Text fz={{ base: 22, sm: 26 }} fw={800} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatCount(door.checkedIn)}{' '}
            <Text span c="dimmed" fz="sm" fw={600}>
              of {formatCount(door.tickets)} ({formatPercent(door.checkedIn, door.tickets)})
            </Text>
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="sm" c="dimmed" fw={600}>
            Peak arrivals
          </Text>
          <Text fz={{ base: 22, sm: 26 }} fw={800} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatRate(door.peakPerMinute)}{' '}
            <Text span c="dimmed" fz="sm" fw={600}>
              a minute
            </Text>
          </Text>
        </Stack>
      </SimpleGrid>
      {bins.length === 0 ? (
        <EmptyState title="Nobody checked in yet">
          The arrival curve draws itself as tickets are scanned at the door.
        </EmptyState>
      ) : (
        <ChartWithTable
          view={view}
          height={220}
          table={{
            label: 'Arrivals per 5 minutes',
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
                formatter={(value) => [formatCount(Number(value)), 'Arrivals']}
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
            By ticket type
          </Title>
          <DownloadCsvButton
            what="check-ins by ticket type"
            filename={[filename, 'door-by-ticket-type']}
            rows={door.byTicketType}
            columns={csvColumnsOf(TYPE_COLUMNS)}
          />
        </Group>
        <ReportTable
          label="Checked in by ticket type"
          rows={door.byTicketType}
          rowKey={(row) => row.ticketTypeId}
          columns={TYPE_COLUMNS}
          minWidth={420}
        />
      </Stack>
    </ReportCard>
  );
}
