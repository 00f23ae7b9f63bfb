import type { EventAnalytics } from '@zevents/contracts';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { EmptyState } from '../../../components/ui/QueryState';
import { csvRatio, formatRatio } from './analytics-format';
import {
  countColumn,
  csvColumnsOf,
  currencyColumn,
  moneyColumn,
  ReportCard,
  type ReportColumn,
  ReportTable,
} from './ReportCard';

type PromoFigures = EventAnalytics['promoCodes'][number];

function promoColumns(currency: string): Array<ReportColumn<PromoFigures>> {
  return [
    { header: 'Code', cell: (row) => row.code, csv: { header: 'code', value: (row) => row.code } },
    countColumn('Reserved', 'holds', (row) => row.holds),
    countColumn('Paid orders', 'orders', (row) => row.orders),
    moneyColumn('Discount given', 'discount', (row) => row.discountCents, currency),
    moneyColumn('Revenue', 'revenue', (row) => row.revenueCents, currency),
    currencyColumn(currency),
    {
      header: 'Paid of reserved',
      cell: (row) => formatRatio(row.holds > 0 ? row.conversion : null),
      align: 'right',
      csv: { header: 'conversion', value: (row) => csvRatio(row.conversion) },
    },
  ];
}

/** Each promo code used in the period: how often it was tried at reserve, and what it sold and cost. */
export function PromoCodesCard({
  analytics,
  currency,
  filename,
}: {
  analytics: EventAnalytics;
  currency: string;
  filename: string;
}) {
  const columns = promoColumns(currency);
  const rows = analytics.promoCodes;
  return (
    <ReportCard
      title="Promo codes"
      description="Orders reserved with each code, and the paid ones."
      actions={
        <DownloadCsvButton
          what="promo codes"
          filename={[filename, 'promo-codes']}
          rows={rows}
          columns={csvColumnsOf(columns)}
        />
      }
    >
      {rows.length === 0 ? (
        <EmptyState title="No promo code used in this period">
          Codes made in the event editor show here once a buyer uses one.
        </EmptyState>
      ) : (
        <ReportTable
          label="Promo codes"
          rows={rows}
          rowKey={(row) => row.promoCodeId}
          columns={columns}
          minWidth={620}
        />
      )}
    </ReportCard>
  );
}
