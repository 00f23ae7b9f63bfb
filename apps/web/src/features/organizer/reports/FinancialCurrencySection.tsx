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
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { GlassCard } from '../../../components/ui/GlassCard';
import { formatCount } from '../../../components/ui/money';
import { currentIntlLocale } from '../../../i18n/i18n';
import { moneyAxis } from '../analytics/chart-axis';
import {
  ChartWithTable,
  countColumn,
  moneyColumn,
  ReportCard,
  type ReportColumn,
  ReportTable,
  useChartView,
} from '../analytics/ReportCard';

const METHOD_LABEL_KEYS = {
  card: 'web.org.insight.reports.currency.card',
  cash: 'web.org.insight.reports.currency.cash',
  comp: 'web.org.insight.reports.currency.comp',
  bank_transfer: 'web.org.insight.reports.currency.bankTransfer',
} as const satisfies Record<FinancialPaymentMethodLine['method'], string>;

/** "12 Mar 2026" from "2026-03-12", as a calendar day (no time zone shift). */
export function formatDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(currentIntlLocale(), {
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
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const { view, toggle } = useChartView();
  const { currency, totals } = report;
  const money = (cents: number) => formatMoney(cents, currency, currentIntlLocale());
  const whole = (cents: number) => cents / 10 ** currencyDigits(currency);

  const dayColumns: Array<ReportColumn<FinancialDay>> = [
    { header: t('web.org.insight.reports.currency.day'), cell: (row) => formatDay(row.date) },
    countColumn(t('web.org.insight.reports.currency.orders'), 'orders', (row) => row.orders),
    moneyColumn(t('web.org.insight.reports.currency.gross'), 'gross', (row) => row.grossCents, currency),
    moneyColumn(
      t('web.org.insight.reports.currency.discounts'),
      'discounts',
      (row) => row.discountCents,
      currency,
    ),
    moneyColumn(t('web.org.insight.reports.currency.tax'), 'tax', (row) => row.taxCents, currency),
    moneyColumn(
      t('web.org.insight.reports.currency.fees'),
      'fees',
      (row) => row.feesPassedOnCents + row.feesAbsorbedCents,
      currency,
    ),
    moneyColumn(
      t('web.org.insight.reports.currency.refunds'),
      'refunds',
      (row) => row.refundsCents,
      currency,
    ),
    moneyColumn(t('web.org.insight.reports.currency.net'), 'net', (row) => row.netCents, currency),
  ];
  const typeColumns: Array<ReportColumn<FinancialTicketTypeLine>> = [
    {
      header: t('web.org.insight.reports.currency.ticketType'),
      cell: (row) => (row.eventTitle ? `${row.name} · ${row.eventTitle}` : row.name),
    },
    countColumn(t('web.org.insight.reports.currency.tickets'), 'tickets', (row) => row.tickets),
    moneyColumn(t('web.org.insight.reports.currency.gross'), 'gross', (row) => row.grossCents, currency),
    moneyColumn(
      t('web.org.insight.reports.currency.discounts'),
      'discounts',
      (row) => row.discountCents,
      currency,
    ),
    moneyColumn(t('web.org.insight.reports.currency.tax'), 'tax', (row) => row.taxCents, currency),
    moneyColumn(t('web.org.insight.reports.currency.fees'), 'fees', (row) => row.feesCents, currency),
    moneyColumn(
      t('web.org.insight.reports.currency.refunds'),
      'refunds',
      (row) => row.refundsCents,
      currency,
    ),
    moneyColumn(t('web.org.insight.reports.currency.net'), 'net', (row) => row.netCents, currency),
  ];
  const methodColumns: Array<ReportColumn<FinancialPaymentMethodLine>> = [
    {
      header: t('web.org.insight.reports.currency.paymentMethod'),
      cell: (row) => t(METHOD_LABEL_KEYS[row.method]),
    },
    countColumn(t('web.org.insight.reports.currency.orders'), 'orders', (row) => row.orders),
    moneyColumn(t('web.org.insight.reports.currency.gross'), 'gross', (row) => row.grossCents, currency),
    moneyColumn(t('web.org.insight.reports.currency.paid'), 'paid', (row) => row.paidCents, currency),
    moneyColumn(
      t('web.org.insight.reports.currency.refunds'),
      'refunds',
      (row) => row.refundsCents,
      currency,
    ),
    moneyColumn(t('web.org.insight.reports.currency.net'), 'net', (row) => row.netCents, currency),
  ];
  const taxColumns: Array<ReportColumn<FinancialTaxLine>> = [
    { header: t('web.org.insight.reports.currency.rate'), cell: (row) => row.name },
    {
      header: t('web.org.insight.reports.currency.percent'),
      cell: (row) =>
        // Percent style: "19%" in English, "19 %" in German.
        new Intl.NumberFormat(currentIntlLocale(), { style: 'percent', maximumFractionDigits: 2 }).format(
          row.rateBasisPoints / 10_000,
        ),
      align: 'right',
    },
    {
      header: t('web.org.insight.reports.currency.kind'),
      cell: (row) =>
        row.inclusive
          ? t('web.org.insight.reports.currency.included')
          : t('web.org.insight.reports.currency.addedOnTop'),
    },
    moneyColumn(t('web.org.insight.reports.currency.collected'), 'tax', (row) => row.taxCents, currency),
    moneyColumn(
      t('web.org.insight.reports.currency.refunded'),
      'refunded_tax',
      (row) => row.refundedTaxCents,
      currency,
    ),
    moneyColumn(
      t('web.org.insight.reports.currency.owed'),
      'owed',
      (row) => row.taxCents - row.refundedTaxCents,
      currency,
    ),
  ];

  const chartData = report.byDay.map((day) => ({
    date: day.date,
    gross: whole(day.grossCents),
    refunds: whole(day.refundsCents),
    net: whole(day.netCents),
  }));
  const axis = moneyAxis(
    currency,
    chartData.flatMap((day) => [day.gross, day.refunds, day.net]),
  );

  return (
    <Stack gap="lg" component="section" aria-labelledby={`currency-${currency}`}>
      <Group gap="xs">
        <Title order={2} fz="h3" id={`currency-${currency}`}>
          {t('web.org.insight.reports.currency.heading', { currency })}
        </Title>
        <Badge variant="light" color="indigo">
          {t('web.org.insight.reports.currency.orderCount', {
            count: totals.orders,
            n: formatCount(totals.orders),
          })}{' '}
          ·{' '}
          {t('web.org.insight.dashboard.sales.tickets', {
            count: totals.tickets,
            n: formatCount(totals.tickets),
          })}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
        <Figure
          label={t('web.org.insight.reports.currency.gross')}
          value={money(totals.grossCents)}
          hint={t('web.org.insight.reports.currency.listPriceHint')}
        />
        <Figure
          label={t('web.org.insight.reports.currency.discounts')}
          value={money(totals.discountCents)}
          hint={t('web.org.insight.reports.currency.discountsHint')}
        />
        <Figure label={t('web.org.insight.reports.currency.paidByBuyers')} value={money(totals.paidCents)} />
        <Figure
          label={t('web.org.insight.reports.currency.tax')}
          value={money(totals.taxCents)}
          hint={t('web.org.insight.reports.currency.taxRefunded', { amount: money(totals.refundedTaxCents) })}
        />
        <Figure
          label={t('web.org.insight.reports.currency.feesPassedOn')}
          value={money(totals.feesPassedOnCents)}
          hint={t('web.org.insight.reports.currency.paidByBuyers')}
        />
        <Figure
          label={t('web.org.insight.reports.currency.feesAbsorbed')}
          value={money(totals.feesAbsorbedCents)}
          hint={t('web.org.insight.reports.currency.borneByYou')}
        />
        <Figure label={t('web.org.insight.reports.currency.refunds')} value={money(totals.refundsCents)} />
        <Figure
          label={t('web.org.insight.reports.currency.net')}
          value={money(totals.netCents)}
          hint={t('web.org.insight.reports.currency.whatYouKeep')}
        />
      </SimpleGrid>

      <ReportCard
        title={t('web.org.insight.reports.currency.byDay', { currency })}
        description={t('web.org.insight.reports.currency.byDayDescription', {
          timezone: timezone.replace(/_/g, ' '),
        })}
        actions={toggle(t('web.org.insight.reports.currency.byDayToggle', { currency }))}
      >
        <ChartWithTable
          view={view}
          height={260}
          table={{
            label: t('web.org.insight.reports.currency.byDayTable', { currency }),
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
                width={axis.width}
                tickLine={false}
                axisLine={false}
                fontSize={12}
                stroke="var(--mantine-color-dimmed)"
                tickFormatter={axis.tickFormatter}
              />
              <Tooltip
                labelFormatter={(date) => formatDay(String(date))}
                formatter={(value, name) => [
                  formatMoney(
                    Math.round(Number(value) * 10 ** currencyDigits(currency)),
                    currency,
                    currentIntlLocale(),
                  ),
                  String(name),
                ]}
              />
              <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
              <Bar
                dataKey="gross"
                name={t('web.org.insight.reports.currency.gross')}
                fill={theme.colors.indigo[6]}
                radius={[4, 4, 0, 0]}
                maxBarSize={18}
                isAnimationActive={false}
              />
              <Bar
                dataKey="net"
                name={t('web.org.insight.reports.currency.net')}
                fill={theme.colors.teal[6]}
                radius={[4, 4, 0, 0]}
                maxBarSize={18}
                isAnimationActive={false}
              />
              <Bar
                dataKey="refunds"
                name={t('web.org.insight.reports.currency.refunds')}
                fill={theme.colors.pink[5]}
                radius={[4, 4, 0, 0]}
                maxBarSize={18}
                isAnimationActive={false}
              />
            </BarChart>
          }
        />
      </ReportCard>

      <ReportCard title={t('web.org.insight.reports.currency.byType', { currency })}>
        <ReportTable
          label={t('web.org.insight.reports.currency.byTypeTable', { currency })}
          rows={report.byTicketType}
          rowKey={(row) => row.ticketTypeId ?? 'unsplit'}
          columns={typeColumns}
          minWidth={760}
        />
      </ReportCard>

      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        <ReportCard title={t('web.org.insight.reports.currency.byMethod', { currency })}>
          <ReportTable
            label={t('web.org.insight.reports.currency.byMethodTable', { currency })}
            rows={report.byPaymentMethod}
            rowKey={(row) => row.method}
            columns={methodColumns}
            minWidth={520}
          />
        </ReportCard>
        <ReportCard
          title={t('web.org.insight.reports.currency.taxes', { currency })}
          description={t('web.org.insight.reports.currency.taxesDescription')}
        >
          {totals.taxes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('web.org.insight.reports.currency.noTax')}
            </Text>
          ) : (
            <ReportTable
              label={t('web.org.insight.reports.currency.taxesTable', { currency })}
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
