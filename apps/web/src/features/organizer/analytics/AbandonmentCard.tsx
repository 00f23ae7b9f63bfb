import { Text } from '@mantine/core';
import { type EventAnalytics, formatMoney } from '@zevents/contracts';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatCount } from '../../../components/ui/money';
import {
  countColumn,
  csvColumnsOf,
  currencyColumn,
  moneyColumn,
  ReportCard,
  type ReportColumn,
  ReportTable,
} from './ReportCard';

type LeftBehind = EventAnalytics['abandonment']['byTicketType'][number];

function leftBehindColumns(currency: string): Array<ReportColumn<LeftBehind>> {
  return [
    {
      header: 'Ticket type',
      cell: (row) => row.name,
      csv: { header: 'ticket_type', value: (row) => row.name },
    },
    countColumn('Tickets', 'tickets', (row) => row.tickets),
    moneyColumn('Amount', 'amount', (row) => row.amountCents, currency),
    currencyColumn(currency),
  ];
}

const plural = (count: number, one: string, many: string) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

/** The holds that ran out or were cancelled in the period, and the tickets they gave back. */
export function AbandonmentCard({
  analytics,
  currency,
  filename,
}: {
  analytics: EventAnalytics;
  currency: string;
  filename: string;
}) {
  const { abandonment } = analytics;
  const columns = leftBehindColumns(currency);
  return (
    <ReportCard
      title="Unfinished checkouts"
      actions={
        <DownloadCsvButton
          what="unfinished checkouts"
          filename={[filename, 'unfinished-checkouts']}
          rows={abandonment.byTicketType}
          columns={csvColumnsOf(columns)}
        />
      }
    >
      <Text size="sm" c="dimmed" data-testid="abandonment-summary">
        {abandonment.orders === 0
          ? 'No hold expired or was cancelled in this period.'
          : `${plural(abandonment.orders, 'hold', 'holds')} expired or ${abandonment.orders === 1 ? 'was' : 'were'} cancelled, leaving ${plural(abandonment.tickets, 'ticket', 'tickets')} (${formatMoney(abandonment.amountCents, currency)}) behind.`}
      </Text>
      {abandonment.byTicketType.length > 0 && (
        <ReportTable
          label="Tickets left in unfinished checkouts"
          rows={abandonment.byTicketType}
          rowKey={(row) => row.ticketTypeId}
          columns={columns}
          minWidth={300}
        />
      )}
    </ReportCard>
  );
}
