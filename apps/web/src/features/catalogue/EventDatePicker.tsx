import { Badge, Group, Input, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import '@mantine/dates/styles.css';
import type { PublicEventDate } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentIntlLocale } from '../../i18n/i18n';
import { datesLocale } from './dates-locale';
import { DATE_LIST_LIMIT, dayKeyOf, datesByDay, isDateSoldOut } from './event-dates';

interface EventDatePickerProps {
  dates: readonly PublicEventDate[];
  /** The event's zone: every day and time is the venue's. */
  timeZone: string;
  /** The ticket types the buyer sees: a date is sold out when none of them is left on it. */
  visibleTypeIds: readonly string[];
  selectedId: string | null;
  onSelect: (dateId: string) => void;
}

/** `Fri, 12 Mar` in the event's zone. */
function dayLabel(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(currentIntlLocale(), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone,
  }).format(new Date(iso));
}

/** `19:30 – 22:00` (or across days: `12 Mar, 22:00 – 13 Mar, 02:00`) in the event's zone. */
function timeLabel(date: PublicEventDate, timeZone: string): string {
  const sameDay = dayKeyOf(date.startsAt, timeZone) === dayKeyOf(date.endsAt, timeZone);
  return new Intl.DateTimeFormat(currentIntlLocale(), {
    ...(sameDay ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).formatRange(new Date(date.startsAt), new Date(date.endsAt));
}

function DateOption({
  date,
  timeZone,
  isSoldOut,
  withDay,
}: {
  date: PublicEventDate;
  timeZone: string;
  isSoldOut: boolean;
  /** Off under the calendar, where the day is already chosen: the slot then reads as a time. */
  withDay: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Card value={date.id} radius="md" p="sm" data-testid={`date-${date.id}`}>
      <Group wrap="nowrap" gap="sm" align="flex-start">
        <Radio.Indicator mt={2} />
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          {withDay && <Text fw={700}>{dayLabel(date.startsAt, timeZone)}</Text>}
          <Text size="sm" fw={withDay ? 400 : 700} c={withDay ? 'dimmed' : undefined}>
            {timeLabel(date, timeZone)}
          </Text>
          {isSoldOut && (
            // Filled: red text on the light tint is under 4.5:1 (axe, AA); see TicketSelector.
            <Badge color="red" variant="filled" size="sm">
              {t('web.store.card.soldOut')}
            </Badge>
          )}
        </Stack>
      </Group>
    </Radio.Card>
  );
}

function DateList({
  dates,
  timeZone,
  visibleTypeIds,
  selectedId,
  onSelect,
  label,
  withDay,
}: EventDatePickerProps & { label: string; withDay: boolean }) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={label}
      description={t('web.store.dates.localTimes', { zone: timeZone.replace(/_/g, ' ') })}
      value={selectedId}
      onChange={onSelect}
      // One name per list, so the arrow keys stay inside it.
      name={withDay ? 'event-date' : 'event-time-slot'}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" mt="xs">
        {dates.map((date) => (
          <DateOption
            key={date.id}
            date={date}
            timeZone={timeZone}
            isSoldOut={isDateSoldOut(date, visibleTypeIds)}
            withDay={withDay}
          />
        ))}
      </SimpleGrid>
    </Radio.Group>
  );
}

/**
 * How a buyer picks the date of an event that runs on several: a list of date buttons, or, past
 * DATE_LIST_LIMIT dates, a month calendar for the day and then that day's time slots.
 */
export function EventDatePicker(props: EventDatePickerProps) {
  const { t } = useTranslation();
  const { dates, timeZone, visibleTypeIds, selectedId, onSelect } = props;
  const byDay = datesByDay(dates, timeZone);
  const selected = dates.find((date) => date.id === selectedId);
  const [pickedDay, setPickedDay] = useState<string | null>(null);

  if (dates.length <= DATE_LIST_LIMIT)
    return <DateList {...props} label={t('web.store.dates.chooseDate')} withDay />;

  const day = pickedDay ?? (selected ? dayKeyOf(selected.startsAt, timeZone) : null);
  const slots = day ? (byDay.get(day) ?? []) : [];
  const days = [...byDay.keys()];
  const isDaySoldOut = (key: string) =>
    (byDay.get(key) ?? []).every((date) => isDateSoldOut(date, visibleTypeIds));

  return (
    <Stack gap="md">
      <Input.Wrapper
        label={t('web.store.dates.chooseDay')}
        description={t('web.store.dates.chooseDayHint')}
        labelElement="div"
        labelProps={{ id: 'event-day-label' }}
      >
        <DatePicker
          mt="xs"
          fullWidth
          locale={datesLocale()}
          aria-labelledby="event-day-label"
          value={day}
          onChange={(value) => {
            setPickedDay(value);
            const onDay = value ? (byDay.get(value) ?? []) : [];
            // A day with one slot needs no second choice.
            if (onDay.length === 1 && onDay[0]) onSelect(onDay[0].id);
          }}
          defaultDate={day ?? days[0]}
          minDate={days[0]}
          maxDate={days[days.length - 1]}
          excludeDate={(value) => !byDay.has(value)}
          // No red weekends: red would read as "not available", and it is under 4.5:1 on white.
          weekendDays={[]}
          // A day with dates stands out in bold; a sold-out one is struck through as well (its
          // slots below say "Sold out" in words).
          getDayProps={(value) =>
            byDay.has(value)
              ? {
                  fw: 700,
                  style: isDaySoldOut(value) ? { textDecoration: 'line-through' } : undefined,
                }
              : {}
          }
        />
      </Input.Wrapper>
      {slots.length > 0 && day && (
        <DateList
          {...props}
          dates={slots}
          label={t('web.store.dates.timesOn', { day: dayLabel(slots[0]?.startsAt ?? '', timeZone) })}
          withDay={false}
        />
      )}
    </Stack>
  );
}
