import { useMantineTheme } from '@mantine/core';
import type { EventAnalytics } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, LabelList, XAxis, YAxis } from 'recharts';
import { DownloadCsvButton } from '../../../components/ui/DownloadCsvButton';
import { formatCount } from '../../../components/ui/money';
import { csvRatio, FUNNEL_LABEL_KEYS, formatRatio } from './analytics-format';
import {
  ChartWithTable,
  countColumn,
  csvColumnsOf,
  ReportCard,
  type ReportColumn,
  useChartView,
} from './ReportCard';

type Step = EventAnalytics['funnel'][number];

function stepColumns(t: TFunction): Array<ReportColumn<Step>> {
  return [
    {
      header: t('web.org.insight.analytics.funnel.step'),
      cell: (step) => t(FUNNEL_LABEL_KEYS[step.step]),
      csv: { header: 'step', value: (step) => step.step },
    },
    countColumn(t('web.org.insight.analytics.funnel.count'), 'count', (step) => step.count),
    {
      header: t('web.org.insight.analytics.funnel.fromPrevious'),
      cell: (step) => formatRatio(step.conversion),
      align: 'right',
      csv: { header: 'conversion', value: (step) => csvRatio(step.conversion) },
    },
  ];
}

/** "1,204 · 38%": the step's count and how many of the step before got this far. */
function barLabel(step: Step): string {
  return step.conversion === null
    ? formatCount(step.count)
    : `${formatCount(step.count)} · ${formatRatio(step.conversion)}`;
}

/**
 * From the event page to the paid order: unique visitors through the browser's steps, then holds
 * and paid orders, each with its conversion from the step before.
 */
export function FunnelCard({ analytics, filename }: { analytics: EventAnalytics; filename: string }) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const columns = stepColumns(t);
  const { view, toggle } = useChartView();
  const { funnel } = analytics;
  const shades = [3, 4, 5, 6, 7].map((shade) => theme.colors.indigo[shade]);
  const data = funnel.map((step) => ({
    ...step,
    label: t(FUNNEL_LABEL_KEYS[step.step]),
    text: barLabel(step),
  }));
  const table = {
    label: t('web.org.insight.analytics.funnel.title'),
    rows: funnel,
    rowKey: (step: Step) => step.step,
    columns,
    minWidth: 300,
  };

  return (
    <ReportCard
      title={t('web.org.insight.analytics.funnel.title')}
      description={t('web.org.insight.analytics.funnel.description')}
      actions={
        <>
          {toggle(t('web.org.insight.analytics.funnel.what'))}
          <DownloadCsvButton
            what={t('web.org.insight.analytics.funnel.what')}
            filename={[filename, 'funnel']}
            rows={funnel}
            columns={csvColumnsOf(columns)}
          />
        </>
      }
    >
      <ChartWithTable
        view={view}
        height={250}
        table={table}
        chart={
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 84, left: 4, bottom: 4 }}
            barCategoryGap={8}
            accessibilityLayer={false}
          >
            <XAxis type="number" hide domain={[0, (max: number) => Math.max(max, 1)]} />
            <YAxis
              type="category"
              dataKey="label"
              width={118}
              tickLine={false}
              axisLine={false}
              fontSize={12}
              stroke="var(--mantine-color-dimmed)"
            />
            <Bar dataKey="count" radius={[0, 8, 8, 0]} isAnimationActive={false} minPointSize={3}>
              {data.map((step, index) => (
                <Cell key={step.step} fill={shades[index] ?? theme.colors.indigo[6]} />
              ))}
              <LabelList
                dataKey="text"
                position="right"
                fontSize={12}
                fontWeight={600}
                fill="var(--mantine-color-text)"
              />
            </Bar>
          </BarChart>
        }
      />
    </ReportCard>
  );
}
