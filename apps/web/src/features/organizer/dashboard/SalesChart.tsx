import { Group, SegmentedControl, Stack, Text, Title, useMantineTheme } from '@mantine/core';
import { currencyDigits, formatMoney, type SalesDay } from '@zevents/contracts';
import { useId, useMemo, useState } from 'react';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { GlassCard } from '../../../components/ui/GlassCard';
import { EmptyState } from '../../../components/ui/QueryState';
import { formatCount } from '../../../components/ui/money';
import { moneyAxis } from '../analytics/chart-axis';
import { currentIntlLocale } from '../../../i18n/i18n';

const MAX_DAYS = 120;

interface Point {
  date: string;
  tickets: number;
  revenueCents: number;
}

/** Days without sales are zero, not missing, so the line does not jump across quiet days. */
export function fillDays(days: SalesDay[]): Point[] {
  if (days.length === 0) return [];
  const byDate = new Map(days.map((d) => [d.date, d]));
  const first = Date.parse(`${days[0]?.date}T00:00:00Z`);
  const last = Date.parse(`${days[days.length - 1]?.date}T00:00:00Z`);
  const span = Math.round((last - first) / 86_400_000);
  if (!Number.isFinite(span) || span > MAX_DAYS) return days.map((d) => ({ ...d }));
  const points: Point[] = [];
  for (let i = 0; i <= span; i++) {
    const date = new Date(first + i * 86_400_000).toISOString().slice(0, 10);
    const day = byDate.get(date);
    points.push({ date, tickets: day?.tickets ?? 0, revenueCents: day?.revenueCents ?? 0 });
  }
  // One lonely day draws no area: start the line the day before.
  if (points.length === 1) {
    const before = new Date(first - 86_400_000).toISOString().slice(0, 10);
    points.unshift({ date: before, tickets: 0, revenueCents: 0 });
  }
  return points;
}

const dayLabel = (date: string) =>
  new Intl.DateTimeFormat(currentIntlLocale(), { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/** "12 tickets", its count formatted for the reader's locale. */
function ticketCount(t: TFunction, count: number): string {
  return t('web.org.insight.dashboard.sales.tickets', { count, n: formatCount(count) });
}

/** Tickets or revenue per day, in the event's time zone, oldest day first. */
export function SalesChart({ salesByDay, currency }: { salesByDay: SalesDay[]; currency: string }) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  const gradientId = `ze-sales-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const [metric, setMetric] = useState<'tickets' | 'revenue'>('tickets');
  const points = useMemo(() => fillDays(salesByDay), [salesByDay]);
  const color = theme.colors.indigo[6];
  const digits = currencyDigits(currency);
  const dataKey = metric === 'tickets' ? 'tickets' : 'revenue';
  const data = points.map((p) => ({ ...p, revenue: p.revenueCents / 10 ** digits }));
  const revenueAxis = moneyAxis(
    currency,
    data.map((p) => p.revenue),
  );
  const total =
    metric === 'tickets'
      ? ticketCount(
          t,
          points.reduce((s, p) => s + p.tickets, 0),
        )
      : formatMoney(
          points.reduce((s, p) => s + p.revenueCents, 0),
          currency,
          currentIntlLocale(),
        );

  return (
    <GlassCard p="lg">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} fz="lg">
              {t('web.org.insight.dashboard.sales.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {salesByDay.length
                ? t('web.org.insight.dashboard.sales.since', {
                    total,
                    day: dayLabel(salesByDay[0]?.date ?? ''),
                  })
                : t('web.org.insight.dashboard.sales.perDay')}
            </Text>
          </Stack>
          <SegmentedControl
            size="xs"
            radius="xl"
            value={metric}
            onChange={(value) => setMetric(value as 'tickets' | 'revenue')}
            data={[
              { value: 'tickets', label: t('web.org.insight.dashboard.sales.ticketsMetric') },
              { value: 'revenue', label: t('web.org.insight.dashboard.sales.revenueMetric') },
            ]}
            aria-label={t('web.org.insight.dashboard.sales.metricLabel')}
          />
        </Group>
        {points.length === 0 ? (
          <EmptyState title={t('web.org.insight.dashboard.sales.emptyTitle')}>
            {t('web.org.insight.dashboard.sales.emptyBody')}
          </EmptyState>
        ) : (
          <div
            style={{ width: '100%', height: 260 }}
            role="img"
            aria-label={t('web.org.insight.dashboard.sales.chartLabel', {
              days: points
                .map((p) =>
                  t('web.org.insight.dashboard.sales.dayPoint', {
                    day: dayLabel(p.date),
                    tickets: ticketCount(t, p.tickets),
                  }),
                )
                .join(', '),
            })}
          >
            <ResponsiveContainer width="100%" height="100%">
              <AreaChart data={data} margin={{ top: 10, right: 14, left: 0, bottom: 0 }}>
                <defs>
                  <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
                    <stop offset="0%" stopColor={color} stopOpacity={0.35} />
                    <stop offset="100%" stopColor={color} stopOpacity={0.02} />
                  </linearGradient>
                </defs>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="rgba(99,102,241,0.15)" />
                <XAxis
                  dataKey="date"
                  tickFormatter={dayLabel}
                  tickLine={false}
                  axisLine={false}
                  fontSize={12}
                  minTickGap={24}
                  stroke="var(--mantine-color-dimmed)"
                />
                <YAxis
                  width={metric === 'revenue' ? revenueAxis.width : 40}
                  allowDecimals={metric === 'revenue'}
                  tickLine={false}
                  axisLine={false}
                  fontSize={12}
                  stroke="var(--mantine-color-dimmed)"
                  tickFormatter={(value: number) =>
                    metric === 'revenue' ? revenueAxis.tickFormatter(value) : formatCount(value)
                  }
                />
                <Tooltip
                  formatter={(value) =>
                    metric === 'revenue'
                      ? [
                          formatMoney(
                            Math.round(Number(value) * 10 ** digits),
                            currency,
                            currentIntlLocale(),
                          ),
                          t('web.org.insight.dashboard.sales.revenueMetric'),
                        ]
                      : [formatCount(Number(value)), t('web.org.insight.dashboard.sales.ticketsMetric')]
                  }
                  labelFormatter={(label) => dayLabel(String(label))}
                  contentStyle={{
                    borderRadius: 12,
                    border: '1px solid rgba(99,102,241,0.2)',
                    boxShadow: '0 10px 30px -12px rgba(30,27,75,0.25)',
                  }}
                />
                <Area
                  type="monotone"
                  dataKey={dataKey}
                  stroke={color}
                  strokeWidth={2.5}
                  fill={`url(#${gradientId})`}
                  isAnimationActive={false}
                  dot={points.length <= 14 ? { r: 3, fill: color } : false}
                />
              </AreaChart>
            </ResponsiveContainer>
          </div>
        )}
      </Stack>
    </GlassCard>
  );
}
