import { SegmentedControl, useMantineTheme } from '@mantine/core';
import { currencyDigits, type EventAnalytics, formatMoney } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatCount } from '../../../components/ui/money';
import { currentIntlLocale } from '../../../i18n/i18n';
import { formatBucket } from './analytics-format';
import { moneyAxis } from './chart-axis';
import {
  ChartWithTable,
  countColumn,
  csvColumnsOf,
  currencyColumn,
  moneyColumn,
  ReportCard,
  type ReportColumn,
  useChartView,
} from './ReportCard';

type Bucket = EventAnalytics['series'][number];
type Metric = 'orders' | 'revenue';

function seriesColumns(
  t: TFunction,
  analytics: EventAnalytics,
  currency: string,
): Array<ReportColumn<Bucket>> {
  const { timezone, interval } = analytics;
  return [
    {
      header:
        interval === 'day'
          ? t('web.org.insight.analytics.figures.day')
          : t('web.org.insight.analytics.figures.hour'),
      cell: (bucket) => formatBucket(bucket.start, timezone, interval),
      // The instant itself, so a spreadsheet can place it in any zone.
      csv: { header: 'start', value: (bucket) => bucket.start },
    },
    countColumn(t('web.org.insight.analytics.figures.views'), 'views', (bucket) => bucket.views),
    countColumn(t('web.org.insight.analytics.figures.visitors'), 'visitors', (bucket) => bucket.visitors),
    countColumn(t('web.org.insight.analytics.figures.reserved'), 'holds', (bucket) => bucket.holds),
    countColumn(t('web.org.insight.analytics.figures.paidOrders'), 'orders', (bucket) => bucket.orders),
    countColumn(t('web.org.insight.analytics.figures.tickets'), 'tickets', (bucket) => bucket.tickets),
    moneyColumn(
      t('web.org.insight.analytics.figures.revenue'),
      'revenue',
      (bucket) => bucket.revenueCents,
      currency,
    ),
    currencyColumn(currency),
  ];
}

/** Who came (views and visitors, left axis) against what sold (paid orders or revenue, right axis). */
export function SeriesCard({
  analytics,
  currency,
  filename,
}: {
  analytics: EventAnalytics;
  currency: string;
  filename: string;
}) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const { view, toggle } = useChartView();
  const [metric, setMetric] = useState<Metric>('orders');
  const { series, timezone, interval } = analytics;
  const digits = currencyDigits(currency);
  const data = series.map((bucket) => ({ ...bucket, revenue: bucket.revenueCents / 10 ** digits }));
  const columns = seriesColumns(t, analytics, currency);
  const label = (start: unknown) => formatBucket(String(start), timezone, interval);
  const revenueAxis = moneyAxis(
    currency,
    data.map((bucket) => bucket.revenue),
  );
  const formatSales = (value: number) =>
    metric === 'revenue' ? revenueAxis.tickFormatter(value) : formatCount(value);
  // The legend's and the tooltip's names of the three series.
  const names = {
    views: t('web.org.insight.analytics.figures.views'),
    visitors: t('web.org.insight.analytics.figures.visitors'),
    orders: t('web.org.insight.analytics.figures.paidOrders'),
    revenue: t('web.org.insight.analytics.figures.revenue'),
  };
  const title = t('web.org.insight.analytics.series.title');

  return (
    <ReportCard
      title={title}
      description={
        interval === 'day'
          ? t('web.org.insight.analytics.series.descriptionDay', { timezone })
          : t('web.org.insight.analytics.series.descriptionHour', { timezone })
      }
      actions={
        <>
          <SegmentedControl
            size="xs"
            radius="xl"
            value={metric}
            onChange={(value) => setMetric(value === 'revenue' ? 'revenue' : 'orders')}
            data={[
              { value: 'orders', label: t('web.org.insight.analytics.figures.orders') },
              { value: 'revenue', label: t('web.org.insight.analytics.figures.revenue') },
            ]}
            aria-label={t('web.org.insight.analytics.series.metricLabel')}
          />
          {toggle(t('web.org.insight.analytics.series.what'))}
          <DownloadCsvButton
            what={t('web.org.insight.analytics.series.csvWhat')}
            filename={[filename, 'over-time']}
            rows={series}
            columns={csvColumnsOf(columns)}
          />
        </>
      }
    >
      <ChartWithTable
        view={view}
        height={300}
        table={{
          label: title,
          rows: series,
          rowKey: (bucket) => bucket.start,
          columns,
          minWidth: 720,
        }}
        chart={
          <ComposedChart
            data={data}
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
              yAxisId="visits"
              width={40}
              allowDecimals={false}
              tickLine={false}
              axisLine={false}
              fontSize={12}
              stroke="var(--mantine-color-dimmed)"
              tickFormatter={(value: number) => formatCount(value)}
            />
            <YAxis
              yAxisId="sales"
              orientation="right"
              width={metric === 'revenue' ? revenueAxis.width : 36}
              allowDecimals={metric === 'revenue'}
              tickLine={false}
              axisLine={false}
              fontSize={12}
              stroke="var(--mantine-color-dimmed)"
              tickFormatter={formatSales}
            />
            <Tooltip
              labelFormatter={label}
              formatter={(value, name) =>
                name === names.revenue
                  ? [
                      formatMoney(Math.round(Number(value) * 10 ** digits), currency, currentIntlLocale()),
                      name,
                    ]
                  : [formatCount(Number(value)), name]
              }
              contentStyle={{
                borderRadius: 12,
                border: '1px solid rgba(99,102,241,0.2)',
                boxShadow: '0 10px 30px -12px rgba(30,27,75,0.25)',
              }}
            />
            <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
            <Area
              yAxisId="visits"
              type="monotone"
              dataKey="views"
              name={names.views}
              stroke={theme.colors.indigo[3]}
              fill={theme.colors.indigo[1]}
              fillOpacity={0.5}
              isAnimationActive={false}
            />
            <Line
              yAxisId="visits"
              type="monotone"
              dataKey="visitors"
              name={names.visitors}
              stroke={theme.colors.indigo[7]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Bar
              yAxisId="sales"
              dataKey={metric}
              name={metric === 'revenue' ? names.revenue : names.orders}
              fill={theme.colors.pink[5]}
              radius={[4, 4, 0, 0]}
              maxBarSize={18}
              isAnimationActive={false}
            />
          </ComposedChart>
        }
      />
    </ReportCard>
  );
}
