import { SegmentedControl, useMantineTheme } from '@mantine/core';
import { currencyDigits, type EventAnalytics, formatMoney } from '@zevents/contracts';
import { useState } from 'react';
import { Area, Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatCount, formatMoneyCompact } from '../../../components/ui/money';
import { formatBucket } from './analytics-format';
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

function seriesColumns(analytics: EventAnalytics, currency: string): Array<ReportColumn<Bucket>> {
  const { timezone, interval } = analytics;
  return [
    {
      header: interval === 'day' ? 'Day' : 'Hour',
      cell: (bucket) => formatBucket(bucket.start, timezone, interval),
      // The instant itself, so a spreadsheet can place it in any zone.
      csv: { header: 'start', value: (bucket) => bucket.start },
    },
    countColumn('Views', 'views', (bucket) => bucket.views),
    countColumn('Visitors', 'visitors', (bucket) => bucket.visitors),
    countColumn('Reserved', 'holds', (bucket) => bucket.holds),
    countColumn('Paid orders', 'orders', (bucket) => bucket.orders),
    countColumn('Tickets', 'tickets', (bucket) => bucket.tickets),
    moneyColumn('Revenue', 'revenue', (bucket) => bucket.revenueCents, currency),
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
  const theme = useMantineTheme();
  const { view, toggle } = useChartView();
  const [metric, setMetric] = useState<Metric>('orders');
  const { series, timezone, interval } = analytics;
  const digits = currencyDigits(currency);
  const data = series.map((bucket) => ({ ...bucket, revenue: bucket.revenueCents / 10 ** digits }));
  const columns = seriesColumns(analytics, currency);
  const label = (start: unknown) => formatBucket(String(start), timezone, interval);
  const formatSales = (value: number) =>
    metric === 'revenue'
      ? formatMoneyCompact(Math.round(value * 10 ** digits), currency)
      : formatCount(value);

  return (
    <ReportCard
      title="Visitors and sales over time"
      description={`Per ${interval}, in the event's time zone (${timezone}).`}
      actions={
        <>
          <SegmentedControl
            size="xs"
            radius="xl"
            value={metric}
            onChange={(value) => setMetric(value === 'revenue' ? 'revenue' : 'orders')}
            data={[
              { value: 'orders', label: 'Orders' },
              { value: 'revenue', label: 'Revenue' },
            ]}
            aria-label="Compare visitors with paid orders or revenue"
          />
          {toggle('visitors and sales')}
          <DownloadCsvButton
            what="visitors and sales over time"
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
          label: 'Visitors and sales over time',
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
              width={metric === 'revenue' ? 64 : 36}
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
                name === 'Revenue'
                  ? [formatMoney(Math.round(Number(value) * 10 ** digits), currency), name]
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
              name="Views"
              stroke={theme.colors.indigo[3]}
              fill={theme.colors.indigo[1]}
              fillOpacity={0.5}
              isAnimationActive={false}
            />
            <Line
              yAxisId="visits"
              type="monotone"
              dataKey="visitors"
              name="Visitors"
              stroke={theme.colors.indigo[7]}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Bar
              yAxisId="sales"
              dataKey={metric}
              name={metric === 'revenue' ? 'Revenue' : 'Paid orders'}
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
