import { Group, SegmentedControl } from '@mantine/core';
import {
  type AnalyticsPeriod,
  isIntervalAllowed,
  PERIOD_DAYS,
  type PeriodDays,
  withDays,
} from './analytics-period';

/** "7 days | 30 days | 90 days" and "By day | By hour", for every analytics report. */
export function PeriodPicker({
  period,
  onChange,
}: {
  period: AnalyticsPeriod;
  onChange: (period: AnalyticsPeriod) => void;
}) {
  return (
    <Group gap="xs" wrap="wrap">
      <SegmentedControl
        radius="xl"
        value={String(period.days)}
        onChange={(value) => {
          const days = PERIOD_DAYS.find((candidate) => String(candidate) === value);
          if (days) onChange(withDays(period, days));
        }}
        data={PERIOD_DAYS.map((days: PeriodDays) => ({ value: String(days), label: `${days} days` }))}
        aria-label="Period: the last"
      />
      <SegmentedControl
        radius="xl"
        value={period.interval}
        onChange={(value) => onChange({ ...period, interval: value === 'hour' ? 'hour' : 'day' })}
        data={[
          { value: 'day', label: 'By day' },
          { value: 'hour', label: 'By hour', disabled: !isIntervalAllowed(period.days, 'hour') },
        ]}
        aria-label="Group the figures"
      />
    </Group>
  );
}
