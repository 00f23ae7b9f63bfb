import { Badge, Box, Group, SimpleGrid, Stack, Text, Title, useMantineTheme } from '@mantine/core';
import {
  currencyDigits,
  type FinancialCurrencyReport,
  type FinancialDay,
  type FinancialPaymentMethodLine,
  type FinancialTaxLine,
  type FinancialTicketTypeLine,
  formatMoney,
} from '@zevents/contracts';
import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { GlassCard } from '../../../components/ui/GlassCard';
import { formatCount, formatMoneyCompact } from '../../../components/ui/money';
import {
  ChartWithTable,
  countColumn,
  moneyColumn,
  ReportCard,
  type ReportColumn,
  ReportTable,
  useChartView,
} from '../analytics/ReportCard';

const METHOD_LABELS: Record<FinancialPaymentMethodLine['method'], string> = {
  card: 'Card',
  cash: 'Cash',
  comp: 'Complimentary',
  bank_transfer: 'Bank transfer',
};

/** "12 Mar 2026" from "2026-03-12", as a calendar day (no time zone shift). */
export function formatDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)));
}

/** One total: a labelled group, so a screen reader (and a test) finds "Net" with its amount. */
function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const labelId = useId();
  return (
    <Box role="group" aria-labelledby={labelId}>
      <GlassCard p="md" h="100%">
        <Stack gap={2}>
          <Text id={labelId} size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.04em' }}>
            {label}
          </Text>
          <Text fz="xl" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {value}
          </Text>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </Stack>
      </GlassCard>
    </Box>
  );
}

/** One currency's report: its figures, a chart by day, and the breakdowns. Never mixed with another currency. */
export function FinancialCurrencySection({
  report,
  timezone,
}: {
  report: FinancialCurrencyReport;
  timezone: string;
}) {
  const theme = useMantineTheme();
  const { view, toggle } = useChartView();
  const { currency, totals } = report;
  const money = (cents: number) => formatMoney(cents, currency);
  const whole = (cents: number) => cents / 10 ** currencyDigits(currency);

  const dayColumns: Array<ReportColumn<FinancialDay>> = [
    { header: 'Day', cell: (row) => formatDay(row.date) },
    countColumn('Orders', 'orders', (row) => row.orders),
    moneyColumn('Gross', 'gross', (row) => row.grossCents, currency),
    moneyColumn('Discounts', 'discounts', (row) => row.discountCents, currency),
    moneyColumn('Tax', 'tax', (row) => row.taxCents, currency),
    moneyColumn('Fees', 'fees', (row) => row.feesPassedOnCents + row.feesAbsorbedCents, currency),
    moneyColumn('Refunds', 'refunds', (row) => row.refundsCents, currency),
    moneyColumn('Net', 'net', (row) => row.netCents, currency),
  ];
  const typeColumns: Array<ReportColumn<FinancialTicketTypeLine>> = [
    {
      header: 'Ticket type',
      cell: (row) => (row.eventTitle ? `${row.name} · ${row.eventTitle}` : row.name),
    },
    countColumn('Tickets', 'tickets', (row) => row.tickets),
    moneyColumn('Gross', 'gross', (row) => row.grossCents, currency),
    moneyColumn('Discounts', 'discounts', (row) => row.discountCents, currency),
    moneyColumn('Tax', 'tax', (row) => row.taxCents, currency),
    moneyColumn('Fees', 'fees', (row) => row.feesCents, currency),
    moneyColumn('Refunds', 'refunds', (row) => row.refundsCents, currency),
    moneyColumn('Net', 'net', (row) => row.netCents, currency),
  ];
  const methodColumns: Array<ReportColumn<FinancialPaymentMethodLine>> = [
    { header: 'Payment method', cell: (row) => METHOD_LABELS[row.method] },
    countColumn('Orders', 'orders', (row) => row.orders),
    moneyColumn('Gross', 'gross', (row) => row.grossCents, currency),
    moneyColumn('Paid', 'paid', (row) => row.paidCents, currency),
    moneyColumn('Refunds', 'refunds', (row) => row.refundsCents, currency),
    moneyColumn('Net', 'net', (row) => row.netCents, currency),
  ];
  const taxColumns: Array<ReportColumn<FinancialTaxLine>> = [
    { header: 'Rate', cell: (row) => row.name },
    {
      header: 'Percent',
      cell: (row) =>
        `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(row.rateBasisPoints / 100)}%`,
      align: 'right',
    },
    { header: 'Kind', cell: (row) => (row.inclusive ? 'Included in prices' : 'Added on top') },
    moneyColumn('Collected', 'tax', (row) => row.taxCents, currency),
    moneyColumn('Refunded', 'refunded_tax', (row) => row.refundedTaxCents, currency),
    moneyColumn('Owed', 'owed', (row) => row.taxCents - row.refundedTaxCents, currency),
  ];

  const chartData = report.byDay.map((day) => ({
    date: day.date,
    gross: whole(day.grossCents),
    refunds: whole(day.refundsCents),
    net: whole(day.netCents),
  }));

  return (
    <Stack gap="lg" component="section" aria-labelledby={`currency-${currency}`}>
      <Group gap="xs">
        <Title order={2} fz="h3" id={`currency-${currency}`}>
          In {currency}
        </Title>
        <Badge variant="light" color="indigo">
          {formatCount(totals.orders)} {totals.orders === 1 ? 'order' : 'orders'} ·{' '}
          {formatCount(totals.tickets)} {totals.tickets === 1 ? 'ticket' : 'tickets'}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
        <Figure label="Gross" value={money(totals.grossCents)} hint="List price × tickets" />
        <Figure label="Discounts" value={money(totals.discountCents)} hint="Promo codes and comps" />
        <Figure label="Paid by buyers" value={money(totals.paidCents)} />
        <Figure
          label="Tax"
          value={money(totals.taxCents)}
          hint={`${money(totals.refundedTaxCents)} refunded`}
        />
        <Figure label="Fees passed on" value={money(totals.feesPassedOnCents)} hint="Paid by buyers" />
        <Figure label="Fees absorbed" value={money(totals.feesAbsorbedCents)} hint="Borne by you" />
        <Figure label="Refunds" value={money(totals.refundsCents)} />
        <Figure label="Net" value={money(totals.netCents)} hint="What you keep" />
      </SimpleGrid>

      <ReportCard
        title={`By day (${currency})`}
        description={`Sales on the day they were paid, refunds on the day they were made, in ${timezone.replace(/_/g, ' ')}.`}
        actions={toggle(`money by day in ${currency}`)}
      >
        <ChartWithTable
          view={view}
          height={260}
          table={{
            label: `Money by day in ${currency}`,
            rows: report.byDay,
            rowKey: (row) => row.date,
            columns: dayColumns,
            minWidth: 760,
          }}
          chart={
            <BarChart
              data={chartData}
              margin={{ top: 8, right: 4, left: 0, bottom: 0 }}
              accessibilityLayer={false}
            >
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="rgba(99,102,241,0.15)" />
              <XAxis
                dataKey="date"
                tickFormatter={(date: string) => formatDay(date)}
                tickLine={false}
                axisLine={false}
                fontSize={12}
                minTickGap={28}
                stroke="var(--mantine-color-dimmed)"
              />
              <YAxis
                width={64}
                tickLine={false}
                axisLine={false}
                fontSize={12}
                stroke="var(--mantine-color-dimmed)"
                tickFormatter={(value: number) =>
                  formatMoneyCompact(Math.round(value * 10 ** currencyDigits(currency)), currency)
                }
              />
              <Tooltip
                labelFormatter={(date) => formatDay(String(date))}
                formatter={(value, name) => [
                  formatMoney(Math.round(Number(value) * 10 ** currencyDigits(currency)), currency),
                  String(name),
                ]}
              />
              <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
              <Bar
                dataKey="gross"
                name="Gross"
                fill={theme.colors.indigo[6]}
                radius={[4, 4, 0, 0]}
                maxBarSize={18}
                isAnimationActive={false}
              />
              <Bar
                dataKey="net"
                name="Net"
                fill={theme.colors.teal[6]}
                radius={[4, 4, 0, 0]}
                maxBarSize={18}
                isAnimationActive={false}
              />
              <Bar
                dataKey="refunds"
                name="Refunds"
                fill={theme.colors.pink[5]}
                radius={[4, 4, 0, 0]}
                maxBarSize={18}
                isAnimationActive={false}
              />
            </BarChart>
          }
        />
      </ReportCard>

      <ReportCard title={`By ticket type (${currency})`}>
        <ReportTable
          label={`By ticket type in ${currency}`}
          rows={report.byTicketType}
          rowKey={(row) => row.ticketTypeId ?? 'unsplit'}
          columns={typeColumns}
          minWidth={760}
        />
      </ReportCard>

      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        <ReportCard title={`By payment method (${currency})`}>
          <ReportTable
            label={`By payment method in ${currency}`}
            rows={report.byPaymentMethod}
            rowKey={(row) => row.method}
            columns={methodColumns}
            minWidth={520}
          />
        </ReportCard>
        <ReportCard
          title={`Taxes per rate (${currency})`}
          description="As each rate stood when the tickets were sold."
        >
          {totals.taxes.length === 0 ? (
            <Text size="sm" c="dimmed">
              No tax on these sales.
            </Text>
          ) : (
            <ReportTable
              label={`Taxes per rate in ${currency}`}
              rows={totals.taxes}
              rowKey={(row) => `${row.taxRateId ?? ''} ${row.name} ${row.rateBasisPoints} ${row.inclusive}`}
              columns={taxColumns}
              minWidth={560}
            />
          )}
        </ReportCard>
      </SimpleGrid>
    </Stack>
  );
}
