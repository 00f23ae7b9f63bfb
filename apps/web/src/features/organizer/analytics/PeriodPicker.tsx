import { Group, SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  type AnalyticsPeriod,
  isIntervalAllowed,
  PERIOD_DAYS,
  type PeriodDays,
  type PeriodUpdate,
  withDays,
} from './analytics-period';

/** "7 days | 30 days | 90 days" and "By day | By hour", for every analytics report. */
export function PeriodPicker({
  period,
  onChange,
}: {
  period: AnalyticsPeriod;
  /** Given how the period changes, applied to the period current when it applies. */
  onChange: (update: PeriodUpdate) => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <SegmentedControl
        radius="xl"
        value={String(period.days)}
        onChange={(value) => {
          const days = PERIOD_DAYS.find((candidate) => String(candidate) === value);
          if (days) onChange((current) => withDays(current, days));
        }}
        data={PERIOD_DAYS.map((days: PeriodDays) => ({
          value: String(days),
          label: t('web.org.insight.analytics.period.days', { days }),
        }))}
        aria-label={t('web.org.insight.analytics.period.label')}
      />
      <SegmentedControl
        radius="xl"
        value={period.interval}
        onChange={(value) => {
          const interval = value === 'hour' ? 'hour' : 'day';
          // Still refused for a period that allows no hours (the button is disabled for it).
          onChange((current) =>
            isIntervalAllowed(current.days, interval) ? { ...current, interval } : current,
          );
        }}
        data={[
          { value: 'day', label: t('web.org.insight.analytics.period.byDay') },
          {
            value: 'hour',
            label: t('web.org.insight.analytics.period.byHour'),
            disabled: !isIntervalAllowed(period.days, 'hour'),
          },
        ]}
        aria-label={t('web.org.insight.analytics.period.group')}
      />
    </Group>
  );
}
