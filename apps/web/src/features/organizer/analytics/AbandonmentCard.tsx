import { Text } from '@mantine/core';
import { type EventAnalytics, formatMoney } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatCount } from '../../../components/ui/money';
import { currentIntlLocale } from '../../../i18n/i18n';
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

function leftBehindColumns(t: TFunction, currency: string): Array<ReportColumn<LeftBehind>> {
  return [
    {
      header: t('web.org.insight.analytics.abandonment.ticketType'),
      cell: (row) => row.name,
      csv: { header: 'ticket_type', value: (row) => row.name },
    },
    countColumn(t('web.org.insight.analytics.abandonment.tickets'), 'tickets', (row) => row.tickets),
    moneyColumn(
      t('web.org.insight.analytics.abandonment.amount'),
      'amount',
      (row) => row.amountCents,
      currency,
    ),
    currencyColumn(currency),
  ];
}

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
  const { t } = useTranslation();
  const { abandonment } = analytics;
  const columns = leftBehindColumns(t, currency);
  return (
    <ReportCard
      title={t('web.org.insight.analytics.abandonment.title')}
      actions={
        <DownloadCsvButton
          what={t('web.org.insight.analytics.abandonment.what')}
          filename={[filename, 'unfinished-checkouts']}
          rows={abandonment.byTicketType}
          columns={csvColumnsOf(columns)}
        />
      }
    >
      <Text size="sm" c="dimmed" data-testid="abandonment-summary">
        {abandonment.orders === 0
          ? t('web.org.insight.analytics.abandonment.none')
          : t('web.org.insight.analytics.abandonment.summary', {
              count: abandonment.orders,
              holds: formatCount(abandonment.orders),
              tickets: t('web.org.insight.dashboard.sales.tickets', {
                count: abandonment.tickets,
                n: formatCount(abandonment.tickets),
              }),
              amount: formatMoney(abandonment.amountCents, currency, currentIntlLocale()),
            })}
      </Text>
      {abandonment.byTicketType.length > 0 && (
        <ReportTable
          label={t('web.org.insight.analytics.abandonment.tableLabel')}
          rows={abandonment.byTicketType}
          rowKey={(row) => row.ticketTypeId}
          columns={columns}
          minWidth={300}
        />
      )}
    </ReportCard>
  );
}
