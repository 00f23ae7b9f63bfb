import { Select } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import type { EventDate } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { formatInZone } from '../lib/zoned-time';

/** Select's value for "every date": it has no empty option of its own. */
const ALL_DATES = 'all';

/** `Sun, 14 Mar 2027, 19:30`: one option of the filter, in the event's zone. */
export function dateOptionLabel(date: Pick<EventDate, 'startsAt'>, timeZone: string): string {
  return formatInZone(date.startsAt, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "All dates" or one of the event's dates: the figures, lists and door of one night of a run. */
export function DateFilterSelect({
  dates,
  timeZone,
  value,
  onChange,
  label,
}: {
  dates: readonly EventDate[];
  timeZone: string;
  value: string | null;
  onChange: (dateId: string | null) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  const data = [
    { value: ALL_DATES, label: t('web.org.editor.dateFilter.all') },
    ...dates.map((date) => ({ value: date.id, label: dateOptionLabel(date, timeZone) })),
  ];
  return (
    <Select
      label={label ?? t('web.org.editor.dateFilter.label')}
      data={data}
      value={value ?? ALL_DATES}
      onChange={(next) => onChange(next && next !== ALL_DATES ? next : null)}
      allowDeselect={false}
      searchable={dates.length > 10}
      leftSection={<IconCalendarEvent size={16} aria-hidden />}
      maxDropdownHeight={280}
      w={{ base: '100%', xs: 260 }}
    />
  );
}
