import { useMantineTheme } from '@mantine/core';
import { currencyDigits, decimalAmount, formatMoney, type OrganizationAnalytics } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatCount } from '../../../components/ui/money';
import { EmptyState } from '../../../components/ui/QueryState';
import { currentIntlLocale } from '../../../i18n/i18n';
import { formatBucket } from '../analytics/analytics-format';
import type { AnalyticsPeriod } from '../analytics/analytics-period';
import { axisWidth, moneyAxis } from '../analytics/chart-axis';
import {
  ChartWithTable,
  countColumn,
  csvColumnsOf,
  ReportCard,
  type ReportColumn,
  useChartView,
} from '../analytics/ReportCard';
import {
  currenciesOf,
  type RevenueBucket,
  revenueBuckets,
  type RevenueRow,
  revenueTotals,
} from './revenue-series';

/** One colour per currency, the main one first; more currencies than colours take them again. */
const CURRENCY_SHADES = [
  ['indigo', 6],
  ['pink', 5],
  ['teal', 6],
  ['orange', 6],
  ['grape', 6],
  ['cyan', 7],
] as const;

function revenueColumns(t: TFunction, report: OrganizationAnalytics): Array<ReportColumn<RevenueRow>> {
  const { timezone, interval } = report;
  return [
    {
      header:
        interval === 'day'
          ? t('web.org.insight.analytics.figures.day')
          : t('web.org.insight.analytics.figures.hour'),
      cell: (row) => formatBucket(row.start, timezone, interval),
      // The instant itself, so a spreadsheet can place it in whichever zone it uses.
      csv: { header: 'start', value: (row) => row.start },
    },
    {
      header: t('web.org.insight.analytics.figures.currency'),
      cell: (row) => row.currency,
      csv: { header: 'currency', value: (row) => row.currency },
    },
    countColumn(t('web.org.insight.analytics.figures.paidOrders'), 'orders', (row) => row.orders),
    countColumn(t('web.org.insight.analytics.figures.tickets'), 'tickets', (row) => row.tickets),
    {
      header: t('web.org.insight.analytics.figures.revenue'),
      cell: (row) => formatMoney(row.revenueCents, row.currency, currentIntlLocale()),
      align: 'right',
      csv: { header: 'revenue', value: (row) => decimalAmount(row.revenueCents, row.currency) },
    },
  ];
}

/** "€1,250.00 and £80.00": what the period brought in, per currency. */
function describeTotals(series: readonly RevenueRow[]): string {
  const locale = currentIntlLocale();
  const totals = [...revenueTotals(series)].map(([currency, cents]) => formatMoney(cents, currency, locale));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(totals);
}

/** Revenue per bucket as bars, one colour per currency: amounts in different currencies are never added up. */
export function RevenueOverTimeCard({
  report,
  period,
  filename,
}: {
  report: OrganizationAnalytics;
  period: AnalyticsPeriod;
  filename: string;
}) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const { view, toggle } = useChartView();
  const { series, timezone, interval } = report;
  const currencies = currenciesOf(series);
  const columns = revenueColumns(t, report);
  const title = t('web.org.insight.organization.revenue.title');
  const what = t('web.org.insight.organization.revenue.what');
  const perBucket =
    interval === 'day'
      ? t('web.org.insight.organization.revenue.perDay', { timezone })
      : t('web.org.insight.organization.revenue.perHour', { timezone });
  const label = (start: unknown) => formatBucket(String(start), timezone, interval);
  // Amounts are drawn in whole units of each currency; one currency alone keeps its symbol on the axis.
  const only = currencies.length === 1 ? currencies[0] : undefined;
  const amountOf = (currency: string) => (bucket: RevenueBucket) =>
    (bucket.revenueCents[currency] ?? 0) / 10 ** currencyDigits(currency);
  const buckets = revenueBuckets(report);
  const amounts = currencies.flatMap((currency) => buckets.map(amountOf(currency)));
  const axis = only
    ? moneyAxis(only, amounts)
    : {
        width: axisWidth(
          amounts.map((amount) => formatCount(Math.ceil(amount * 1.25))),
          48,
        ),
        tickFormatter: (value: number) => formatCount(value),
      };

  return (
    <ReportCard
      title={title}
      description={
        series.length === 0
          ? perBucket
          : `${t('web.org.insight.organization.revenue.totals', {
              totals: describeTotals(series),
              days: period.days,
            })} ${perBucket}`
      }
      actions={
        <>
          {series.length > 0 && toggle(what)}
          <DownloadCsvButton
            what={what}
            filename={[filename, 'revenue']}
            rows={series}
            columns={csvColumnsOf(columns)}
          />
        </>
      }
    >
      {series.length === 0 ? (
        <EmptyState title={t('web.org.insight.organization.revenue.emptyTitle', { days: period.days })}>
          {interval === 'day'
            ? t('web.org.insight.organization.revenue.emptyBodyDay')
            : t('web.org.insight.organization.revenue.emptyBodyHour')}
        </EmptyState>
      ) : (
        <ChartWithTable
          view={view}
          height={280}
          table={{
            label: title,
            rows: series,
            rowKey: (row) => `${row.start} ${row.currency}`,
            columns,
            minWidth: 520,
          }}
          chart={
            <BarChart
              data={buckets}
              margin={{ top: 8, right: 4, left: 0, bottom: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="rgba(99,102,241,0.15)" />
              <XAxis
                dataKey="start"
                tickFormatter={label}
                tickLine={false}
                axisLine={false}
                fontSize={12}
                minTickGap={28}
                stroke="var(--mantine-color-dimmed)"
              />
              <YAxis
                width={axis.width}
                tickLine={false}
                axisLine={false}
                fontSize={12}
                stroke="var(--mantine-color-dimmed)"
                tickFormatter={axis.tickFormatter}
              />
              <Tooltip
                labelFormatter={label}
                formatter={(value, name) => {
                  const currency = String(name);
                  return [
                    formatMoney(
                      Math.round(Number(value) * 10 ** currencyDigits(currency)),
                      currency,
                      currentIntlLocale(),
                    ),
                    currency,
                  ];
                }}
                contentStyle={{
                  borderRadius: 12,
                  border: '1px solid rgba(99,102,241,0.2)',
                  boxShadow: '0 10px 30px -12px rgba(30,27,75,0.25)',
                }}
              />
              <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
              {currencies.map((currency, index) => {
                const [color, shade] = CURRENCY_SHADES[index % CURRENCY_SHADES.length] ?? CURRENCY_SHADES[0];
                return (
                  <Bar
                    key={currency}
                    dataKey={amountOf(currency)}
                    name={currency}
                    fill={theme.colors[color][shade]}
                    radius={[4, 4, 0, 0]}
                    maxBarSize={18}
                    isAnimationActive={false}
                  />
                );
              })}
            </BarChart>
          }
        />
      )}
    </ReportCard>
  );
}
