import { Group, SegmentedControl, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { decimalAmount, formatMoney } from '@zevents/contracts';
import { type ReactElement, type ReactNode, useId, useState } from 'react';
import { ResponsiveContainer } from 'recharts';
import type { CsvColumn } from '../../../components/ui/csv';
import { type Column, DataTable } from '../../../components/ui/DataTable';
import { GlassCard } from '../../../components/ui/GlassCard';
import { formatCount } from '../../../components/ui/money';
import { currentIntlLocale } from '../../../i18n/i18n';
import { useTranslation } from 'react-i18next';

/** One column of a report: what the page shows and what its CSV holds, so the two never disagree. */
export interface ReportColumn<Row> {
  /** On screen; absent: in the CSV only (the currency beside each amount). */
  header?: string;
  cell?: (row: Row) => ReactNode;
  align?: 'right';
  /** In the CSV; absent: on screen only. */
  csv?: CsvColumn<Row>;
}

export function countColumn<Row>(header: string, csvHeader: string, value: (row: Row) => number) {
  return {
    header,
    cell: (row: Row) => formatCount(value(row)),
    align: 'right',
    csv: { header: csvHeader, value },
  } satisfies ReportColumn<Row>;
}

/** An amount in the event's currency: formatted on screen, an exact decimal in the CSV. */
export function moneyColumn<Row>(
  header: string,
  csvHeader: string,
  value: (row: Row) => number,
  currency: string,
) {
  return {
    header,
    cell: (row: Row) => formatMoney(value(row), currency, currentIntlLocale()),
    align: 'right',
    csv: { header: csvHeader, value: (row: Row) => decimalAmount(value(row), currency) },
  } satisfies ReportColumn<Row>;
}

/** The CSV's `currency` column, which says what the decimal amounts are in. */
export function currencyColumn<Row>(currency: string): ReportColumn<Row> {
  return { csv: { header: 'currency', value: () => currency } };
}

export function csvColumnsOf<Row>(columns: ReadonlyArray<ReportColumn<Row>>): Array<CsvColumn<Row>> {
  return columns.flatMap((column) => (column.csv ? [column.csv] : []));
}

export interface ReportTableProps<Row> {
  label: string;
  rows: Row[];
  rowKey: (row: Row) => string;
  columns: ReadonlyArray<ReportColumn<Row>>;
  minWidth: number;
}

/** A report's table, scrolling sideways on a phone. */
export function ReportTable<Row>({ label, rows, rowKey, columns, minWidth }: ReportTableProps<Row>) {
  return (
    <DataTable
      items={rows}
      rowKey={rowKey}
      columns={shownColumns(columns)}
      minWidth={minWidth}
      label={label}
      isKeyboardScrollable
    />
  );
}

function shownColumns<Row>(columns: ReadonlyArray<ReportColumn<Row>>): Array<Column<Row>> {
  return columns.flatMap((column): Array<Column<Row>> =>
    column.header && column.cell ? [{ header: column.header, cell: column.cell, align: column.align }] : [],
  );
}

/**
 * The same table for screen readers only, under a chart. Without the sideways scroller: a scrolling
 * region must take the keyboard's focus, and nobody can see this one to scroll it.
 */
function HiddenReportTable<Row>({ label, rows, rowKey, columns }: ReportTableProps<Row>) {
  const shown = shownColumns(columns);
  return (
    <VisuallyHidden>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {shown.map((column) => (
              <Table.Th key={column.header}>{column.header}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {shown.map((column) => (
                <Table.Td key={column.header}>{column.cell(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </VisuallyHidden>
  );
}

/** A glass card with a heading, its buttons at the top right, and a line under them. */
export function ReportCard({
  title,
  description,
  actions,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <GlassCard p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md" component="section" aria-labelledby={headingId}>
        {/* The buttons go under the title when both do not fit; the line under it takes the full width. */}
        <Stack gap={4}>
          <Group justify="space-between" align="center" gap="xs">
            <Title order={2} fz="lg" id={headingId} style={{ minWidth: 0 }}>
              {title}
            </Title>
            {actions && (
              <Group gap="xs" wrap="wrap">
                {actions}
              </Group>
            )}
          </Group>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </GlassCard>
  );
}

export type ChartView = 'chart' | 'table';

/** "Chart | Table": whether a chart card shows its figures drawn or as a table. */
export function useChartView() {
  const [view, setView] = useState<ChartView>('chart');
  const { t } = useTranslation();
  const toggle = (what: string) => (
    <SegmentedControl
      size="xs"
      radius="xl"
      value={view}
      onChange={(value) => setView(value === 'table' ? 'table' : 'chart')}
      data={[
        { value: 'chart', label: t('web.org.insight.analytics.chartView.chart') },
        { value: 'table', label: t('web.org.insight.analytics.chartView.table') },
      ]}
      aria-label={t('web.org.insight.analytics.chartView.label', { what })}
    />
  );
  return { view, toggle };
}

/**
 * A chart with its table: the drawing is for the eye only (hidden from screen readers), and its
 * table is always there for them, on screen when the viewer chose "Table".
 */
export function ChartWithTable<Row>({
  view,
  height,
  chart,
  table,
}: {
  view: ChartView;
  height: number;
  /** A recharts chart, sized to the card's width. */
  chart: ReactElement;
  table: ReportTableProps<Row>;
}) {
  if (view === 'table') return <ReportTable {...table} />;
  return (
    <>
      <div aria-hidden style={{ width: '100%', height }}>
        {/* A first size to draw at before the card is measured. */}
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 640, height }}>
          {chart}
        </ResponsiveContainer>
      </div>
      <HiddenReportTable {...table} />
    </>
  );
}
