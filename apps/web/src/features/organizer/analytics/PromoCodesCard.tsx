import type { EventAnalytics } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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

function promoColumns(t: TFunction, currency: string): Array<ReportColumn<PromoFigures>> {
  return [
    {
      header: t('web.org.insight.analytics.promo.code'),
      cell: (row) => row.code,
      csv: { header: 'code', value: (row) => row.code },
    },
    countColumn(t('web.org.insight.analytics.promo.reserved'), 'holds', (row) => row.holds),
    countColumn(t('web.org.insight.analytics.promo.paidOrders'), 'orders', (row) => row.orders),
    moneyColumn(
      t('web.org.insight.analytics.promo.discount'),
      'discount',
      (row) => row.discountCents,
      currency,
    ),
    moneyColumn(t('web.org.insight.analytics.promo.revenue'), 'revenue', (row) => row.revenueCents, currency),
    currencyColumn(currency),
    {
      header: t('web.org.insight.analytics.promo.conversion'),
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
  const { t } = useTranslation();
  const columns = promoColumns(t, currency);
  const rows = analytics.promoCodes;
  return (
    <ReportCard
      title={t('web.org.insight.analytics.promo.title')}
      description={t('web.org.insight.analytics.promo.description')}
      actions={
        <DownloadCsvButton
          what={t('web.org.insight.analytics.promo.what')}
          filename={[filename, 'promo-codes']}
          rows={rows}
          columns={csvColumnsOf(columns)}
        />
      }
    >
      {rows.length === 0 ? (
        <EmptyState title={t('web.org.insight.analytics.promo.emptyTitle')}>
          {t('web.org.insight.analytics.promo.emptyBody')}
        </EmptyState>
      ) : (
        <ReportTable
          label={t('web.org.insight.analytics.promo.title')}
          rows={rows}
          rowKey={(row) => row.promoCodeId}
          columns={columns}
          minWidth={620}
        />
      )}
    </ReportCard>
  );
}
