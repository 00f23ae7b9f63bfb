import { Anchor, Box, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { decimalAmount, formatMoney, type OrganizationAnalytics } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatDate } from '../../../components/ui/format';
import { formatCount } from '../../../components/ui/money';
import { PhoneCards } from '../../../components/ui/PagedList';
import { EmptyState } from '../../../components/ui/QueryState';
import { csvRatio, formatRatio } from '../analytics/analytics-format';
import { type AnalyticsPeriod, periodSearch } from '../analytics/analytics-period';
import {
  countColumn,
  csvColumnsOf,
  ReportCard,
  type ReportColumn,
  ReportTable,
} from '../analytics/ReportCard';
import { EventStatusBadge } from '../events/EventStatusBadge';

type EventFigures = OrganizationAnalytics['events'][number];
type EventColumn = ReportColumn<EventFigures>;

/** The event's title, leading to its own report over the same period, and its date. */
function EventTitle({
  event,
  period,
  timeZone,
}: {
  event: EventFigures;
  period: AnalyticsPeriod;
  timeZone: string;
}) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Anchor
        component={Link}
        to={`/organizer/events/${event.eventId}/analytics${periodSearch(period)}`}
        size="sm"
        fw={600}
        lineClamp={2}
        maw={240}
      >
        {event.title}
      </Anchor>
      <Text size="xs" c="dimmed">
        {formatDate(event.startsAt, timeZone)}
      </Text>
    </Stack>
  );
}

/** Which event it is: on a phone these head each card, the figures below them. */
function identityColumns(period: AnalyticsPeriod, timeZone: string) {
  return {
    title: {
      header: 'Event',
      cell: (row) => <EventTitle event={row} period={period} timeZone={timeZone} />,
      csv: { header: 'title', value: (row) => row.title },
    },
    status: {
      header: 'Status',
      cell: (row) => <EventStatusBadge status={row.status} />,
      csv: { header: 'status', value: (row) => row.status },
    },
  } satisfies Record<string, EventColumn>;
}

/** What it sold all time, and its traffic and sales in the period. */
const FIGURE_COLUMNS: EventColumn[] = [
  {
    header: 'Sold',
    cell: (row) => (
      <Text span inherit style={{ whiteSpace: 'nowrap' }}>
        {formatCount(row.sold)} / {formatCount(row.capacity)}
      </Text>
    ),
    align: 'right',
    csv: { header: 'sold', value: (row) => row.sold },
  },
  { csv: { header: 'capacity', value: (row) => row.capacity } },
  {
    header: 'Sell-through',
    cell: (row) => formatRatio(row.capacity > 0 ? row.sellThrough : null),
    align: 'right',
    csv: { header: 'sell_through', value: (row) => csvRatio(row.sellThrough) },
  },
  countColumn('Visitors', 'visitors', (row) => row.visitors),
  countColumn('Orders', 'orders', (row) => row.orders),
  countColumn('Tickets', 'tickets', (row) => row.tickets),
  {
    header: 'Revenue',
    cell: (row) => formatMoney(row.revenueCents, row.currency),
    align: 'right',
    csv: { header: 'revenue', value: (row) => decimalAmount(row.revenueCents, row.currency) },
  },
  // Each event sells in its own currency: the CSV says which, beside each amount.
  { csv: { header: 'currency', value: (row) => row.currency } },
  {
    header: 'Conversion',
    cell: (row) => formatRatio(row.visitors > 0 ? row.conversion : null),
    align: 'right',
    csv: { header: 'conversion', value: (row) => csvRatio(row.conversion) },
  },
];

function Figure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" fw={600} m={0}>
        {children}
      </Text>
    </div>
  );
}

/** On a phone: one card per event, the same cells as the table's, without scrolling sideways. */
function EventFigureCards({
  events,
  identity,
}: {
  events: EventFigures[];
  identity: ReturnType<typeof identityColumns>;
}) {
  return (
    <PhoneCards items={events} rowKey={(event) => event.eventId}>
      {(event) => (
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            {identity.title.cell(event)}
            {identity.status.cell(event)}
          </Group>
          <SimpleGrid component="dl" cols={3} spacing="sm" verticalSpacing="xs" m={0}>
            {FIGURE_COLUMNS.map((column) =>
              column.header && column.cell ? (
                <Figure key={column.header} label={column.header}>
                  {column.cell(event)}
                </Figure>
              ) : null,
            )}
          </SimpleGrid>
        </Stack>
      )}
    </PhoneCards>
  );
}

/** Every event of the organization in one table: what sold all time, and the period's traffic and sales. */
export function EventsComparisonCard({
  report,
  period,
  filename,
}: {
  report: OrganizationAnalytics;
  period: AnalyticsPeriod;
  filename: string;
}) {
  const identity = identityColumns(period, report.timezone);
  const columns: EventColumn[] = [
    { csv: { header: 'event_id', value: (row) => row.eventId } },
    identity.title,
    { csv: { header: 'starts_at', value: (row) => row.startsAt } },
    identity.status,
    ...FIGURE_COLUMNS,
  ];
  return (
    <ReportCard
      title="Events side by side"
      description={`Sold and sell-through count every sale; visitors, orders, tickets, revenue and conversion the last ${period.days} days.`}
      actions={
        <DownloadCsvButton
          what="events side by side"
          filename={[filename, 'events']}
          rows={report.events}
          columns={csvColumnsOf(columns)}
        />
      }
    >
      {report.events.length === 0 ? (
        <EmptyState title="No events yet">Create an event and its figures show here.</EmptyState>
      ) : (
        <>
          <Box visibleFrom="sm">
            <ReportTable
              label="Events side by side"
              rows={report.events}
              rowKey={(row) => row.eventId}
              columns={columns}
              minWidth={860}
            />
          </Box>
          <EventFigureCards events={report.events} identity={identity} />
        </>
      )}
    </ReportCard>
  );
}
