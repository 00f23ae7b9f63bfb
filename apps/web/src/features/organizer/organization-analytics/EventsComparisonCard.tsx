import { Anchor, Box, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { decimalAmount, formatMoney, type OrganizationAnalytics } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatDate } from '../../../components/ui/format';
import { formatCount } from '../../../components/ui/money';
import { PhoneCards } from '../../../components/ui/PagedList';
import { EmptyState } from '../../../components/ui/QueryState';
import { currentIntlLocale } from '../../../i18n/i18n';
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
function identityColumns(t: TFunction, period: AnalyticsPeriod, timeZone: string) {
  return {
    title: {
      header: t('web.org.insight.organization.events.event'),
      cell: (row) => <EventTitle event={row} period={period} timeZone={timeZone} />,
      csv: { header: 'title', value: (row) => row.title },
    },
    status: {
      header: t('web.org.insight.organization.events.status'),
      cell: (row) => <EventStatusBadge status={row.status} />,
      csv: { header: 'status', value: (row) => row.status },
    },
  } satisfies Record<string, EventColumn>;
}

/** What it sold all time, and its traffic and sales in the period. */
function figureColumns(t: TFunction): EventColumn[] {
  return [
    {
      header: t('web.org.insight.organization.events.sold'),
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
      header: t('web.org.insight.organization.events.sellThrough'),
      cell: (row) => formatRatio(row.capacity > 0 ? row.sellThrough : null),
      align: 'right',
      csv: { header: 'sell_through', value: (row) => csvRatio(row.sellThrough) },
    },
    countColumn(t('web.org.insight.analytics.figures.visitors'), 'visitors', (row) => row.visitors),
    countColumn(t('web.org.insight.analytics.figures.orders'), 'orders', (row) => row.orders),
    countColumn(t('web.org.insight.analytics.figures.tickets'), 'tickets', (row) => row.tickets),
    {
      header: t('web.org.insight.analytics.figures.revenue'),
      cell: (row) => formatMoney(row.revenueCents, row.currency, currentIntlLocale()),
      align: 'right',
      csv: { header: 'revenue', value: (row) => decimalAmount(row.revenueCents, row.currency) },
    },
    // Each event sells in its own currency: the CSV says which, beside each amount.
    { csv: { header: 'currency', value: (row) => row.currency } },
    {
      header: t('web.org.insight.analytics.figures.conversion'),
      cell: (row) => formatRatio(row.visitors > 0 ? row.conversion : null),
      align: 'right',
      csv: { header: 'conversion', value: (row) => csvRatio(row.conversion) },
    },
  ];
}

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
  figures,
}: {
  events: EventFigures[];
  identity: ReturnType<typeof identityColumns>;
  figures: EventColumn[];
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
            {figures.map((column) =>
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
  const { t } = useTranslation();
  const identity = identityColumns(t, period, report.timezone);
  const figures = figureColumns(t);
  const title = t('web.org.insight.organization.events.title');
  const columns: EventColumn[] = [
    { csv: { header: 'event_id', value: (row) => row.eventId } },
    identity.title,
    { csv: { header: 'starts_at', value: (row) => row.startsAt } },
    identity.status,
    ...figures,
  ];
  return (
    <ReportCard
      title={title}
      description={t('web.org.insight.organization.events.description', { days: period.days })}
      actions={
        <DownloadCsvButton
          what={t('web.org.insight.organization.events.what')}
          filename={[filename, 'events']}
          rows={report.events}
          columns={csvColumnsOf(columns)}
        />
      }
    >
      {report.events.length === 0 ? (
        <EmptyState title={t('web.org.insight.organization.events.emptyTitle')}>
          {t('web.org.insight.organization.events.emptyBody')}
        </EmptyState>
      ) : (
        <>
          <Box visibleFrom="sm">
            <ReportTable
              label={title}
              rows={report.events}
              rowKey={(row) => row.eventId}
              columns={columns}
              minWidth={860}
            />
          </Box>
          <EventFigureCards events={report.events} identity={identity} figures={figures} />
        </>
      )}
    </ReportCard>
  );
}
