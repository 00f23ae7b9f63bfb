import { NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconCalendar } from '@tabler/icons-react';
import { CreateEventDateBody, type EventDate, type TicketType } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { FormActions } from '../../../components/ui/FormActions';
import { formatCount } from '../../../components/ui/money';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { isWallTime, toWallTime } from '../lib/zoned-time';
import { i18n } from '../../../i18n/i18n';
import { outOfYears, wallTimeToIso } from './form-body';

export interface EventDateValues {
  /** Wall times in the event's zone ("2027-03-14 19:30:00"), as the pickers edit them. */
  startsAt: string | null;
  endsAt: string | null;
  /** Per ticket type id; '' keeps the type's own capacity on this date. */
  capacities: Record<string, number | string>;
}

const mapping = () => ({
  labels: {
    startsAt: i18n.t('web.org.editor.dateForm.labelStart'),
    endsAt: i18n.t('web.org.editor.dateForm.labelEnd'),
  },
  codes: { CAPACITY_BELOW_SOLD: 'capacities' },
});

/** red.8 for field errors: Mantine's red.6 is 3.3:1 on white, under WCAG AA (see CapacityPoolForm). */
const ERROR_COLOR = { '--mantine-color-error': 'var(--mantine-color-red-8)' };

// The contract's limit, shown on the inputs; the schema is what checks it.
const MAX_CAPACITY = 10_000_000;

export function initialEventDateValues(
  date: EventDate | undefined,
  ticketTypes: readonly TicketType[],
  timeZone: string,
): EventDateValues {
  const capacities: Record<string, number | string> = {};
  for (const type of ticketTypes)
    capacities[type.id] = date?.ticketTypes.find((entry) => entry.ticketTypeId === type.id)?.capacity ?? '';
  return {
    startsAt: date ? toWallTime(date.startsAt, timeZone) : null,
    endsAt: date ? toWallTime(date.endsAt, timeZone) : null,
    capacities,
  };
}

/**
 * The request body: the times as instants of the event's zone, and only the capacities filled in
 * (an empty one means "the type's own capacity", which the API assumes for a type not named).
 */
export function eventDateBody(values: EventDateValues, timeZone: string): CreateEventDateBody {
  const capacities = Object.entries(values.capacities)
    .filter(([, capacity]) => capacity !== '')
    .map(([ticketTypeId, capacity]) => ({ ticketTypeId, capacity: Number(capacity) }));
  return {
    startsAt: wallTimeToIso(values.startsAt, timeZone) ?? '',
    endsAt: wallTimeToIso(values.endsAt, timeZone) ?? '',
    ...(capacities.length > 0 ? { capacities } : {}),
  };
}

/** What this date already sold or holds of the type: the lowest capacity the API accepts for it. */
function committedOf(date: EventDate | undefined, ticketTypeId: string): number {
  const entry = date?.ticketTypes.find((candidate) => candidate.ticketTypeId === ticketTypeId);
  return entry ? entry.sold + entry.held : 0;
}

function eventDateValidator(date: EventDate | undefined, timeZone: string) {
  // The schema checks the times only: the capacities are checked below, with the form's own words
  // and field names (the body's capacities are a list of the filled ones, not the form's fields).
  return schemaValidator<EventDateValues>(CreateEventDateBody, {
    toBody: (values) => {
      const { capacities: _capacities, ...times } = eventDateBody(values, timeZone);
      return times;
    },
    messages: {
      startsAt: (_issue, values) =>
        isWallTime(values.startsAt) ? outOfYears() : i18n.t('web.org.editor.dateForm.startRequired'),
      endsAt: (issue, values) =>
        !isWallTime(values.endsAt)
          ? i18n.t('web.org.editor.dateForm.endRequired')
          : issue.code === 'custom'
            ? issue.message === 'must be after startsAt'
              ? i18n.t('web.org.editor.details.endAfterStart')
              : i18n.t('web.org.editor.dateForm.maxDays', { count: 31 })
            : outOfYears(),
    },
    extraChecks: (values) => {
      const errors: Record<string, string | null> = {};
      for (const [ticketTypeId, capacity] of Object.entries(values.capacities)) {
        if (capacity === '') continue;
        const committed = committedOf(date, ticketTypeId);
        const value = Number(capacity);
        errors[`capacities.${ticketTypeId}`] = !Number.isInteger(value)
          ? i18n.t('web.org.editor.dateForm.wholeNumber')
          : value < committed
            ? i18n.t('web.org.editor.dateForm.belowCommitted', { n: formatCount(committed) })
            : value > MAX_CAPACITY
              ? i18n.t('web.org.editor.dateForm.atMost', { n: formatCount(MAX_CAPACITY) })
              : null;
      }
      return errors;
    },
  });
}

interface EventDateFormProps {
  ticketTypes: readonly TicketType[];
  timeZone: string;
  /** Editing this one; a new date when absent. */
  date?: EventDate;
  /** The whole date either way (a PATCH with every field is the same shape). */
  onSubmit: (body: CreateEventDateBody) => Promise<unknown>;
  onCancel?: () => void;
}

/** One date of the event: when it starts and ends (in the event's zone) and, optionally, its own capacities. */
export function EventDateForm({ ticketTypes, timeZone, date, onSubmit, onCancel }: EventDateFormProps) {
  const { t } = useTranslation();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<EventDateValues>({
    initialValues: initialEventDateValues(date, ticketTypes, timeZone),
    validate: eventDateValidator(date, timeZone),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setSaving(true);
    try {
      await onSubmit(eventDateBody(values, timeZone));
    } catch (error) {
      // The API's sentence names the type and the figure: it is the clearest thing to show.
      if (error instanceof ApiError && error.code === 'CAPACITY_BELOW_SOLD') setFormError(error.message);
      else setFormError(applyFormErrors(form, error, mapping()));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={date ? t('web.org.editor.dateForm.editLabel') : t('web.org.editor.dates.newTitle')}
    >
      <Stack gap="md" style={ERROR_COLOR}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <DateTimePicker
            label={t('web.org.editor.details.starts')}
            required
            placeholder={t('web.org.editor.form.pickDateTime')}
            valueFormat="ddd D MMM YYYY, HH:mm"
            leftSection={<IconCalendar size={16} aria-hidden />}
            data-autofocus
            {...form.getInputProps('startsAt')}
          />
          <DateTimePicker
            label={t('web.org.editor.details.ends')}
            required
            placeholder={t('web.org.editor.form.pickDateTime')}
            valueFormat="ddd D MMM YYYY, HH:mm"
            leftSection={<IconCalendar size={16} aria-hidden />}
            minDate={form.values.startsAt ?? undefined}
            {...form.getInputProps('endsAt')}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('web.org.editor.dateForm.zoneNote', { zone: timeZone.replaceAll('_', ' ') })}
        </Text>
        {ticketTypes.length > 0 && (
          <Stack gap="xs">
            <Text fw={500} size="sm">
              {t('web.org.editor.dateForm.capacityTitle')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              {ticketTypes.map((type) => {
                const committed = committedOf(date, type.id);
                return (
                  <NumberInput
                    key={type.id}
                    label={type.name}
                    description={
                      committed > 0
                        ? t('web.org.editor.dateForm.committed', { n: formatCount(committed) })
                        : t('web.org.editor.dateForm.ownCapacity', { n: formatCount(type.capacity) })
                    }
                    placeholder={formatCount(type.capacity)}
                    min={committed}
                    max={MAX_CAPACITY}
                    clampBehavior="none"
                    allowDecimal={false}
                    allowNegative={false}
                    thousandSeparator=","
                    {...form.getInputProps(`capacities.${type.id}`)}
                  />
                );
              })}
            </SimpleGrid>
          </Stack>
        )}
        <FormActions
          error={formError}
          saving={saving}
          onCancel={onCancel}
          submitLabel={date ? t('web.org.editor.dateForm.save') : t('web.org.editor.dates.add')}
        />
      </Stack>
    </form>
  );
}
