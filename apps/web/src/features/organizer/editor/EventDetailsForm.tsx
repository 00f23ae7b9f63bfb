import {
  Alert,
  Button,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCalendar } from '@tabler/icons-react';
import {
  CreateEventBody,
  DEFAULT_MAX_TICKETS_PER_BUYER,
  EVENT_MAX_DAYS,
  type Event,
  type UpdateEventBody,
} from '@zevents/contracts';
import { useState } from 'react';
import { type SchemaIssue, schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { browserTimeZone, formatInZone, fromWallTime, isWallTime, toWallTime } from '../lib/zoned-time';
import { numberOrNaN, OUT_OF_YEARS, wallTimeToIso } from './form-body';
import { CurrencySelect, TimeZoneSelect } from './zone-and-currency';

export interface EventDetailsValues {
  title: string;
  description: string;
  venue: string;
  startsAt: string | null;
  endsAt: string | null;
  timezone: string;
  currency: string;
  /** NumberInput gives '' while the field is empty. */
  maxTicketsPerBuyer: number | string;
}

const LABELS = { startsAt: 'the start', endsAt: 'the end', timezone: 'time zone' };

export function eventToValues(event: Event | undefined): EventDetailsValues {
  if (!event)
    return {
      title: '',
      description: '',
      venue: '',
      startsAt: null,
      endsAt: null,
      timezone: browserTimeZone(),
      currency: 'EUR',
      maxTicketsPerBuyer: DEFAULT_MAX_TICKETS_PER_BUYER,
    };
  return {
    title: event.title,
    description: event.description ?? '',
    venue: event.venue ?? '',
    startsAt: toWallTime(event.startsAt, event.timezone),
    endsAt: toWallTime(event.endsAt, event.timezone),
    timezone: event.timezone,
    currency: event.currency,
    maxTicketsPerBuyer: event.maxTicketsPerBuyer,
  };
}

export function valuesToBody(values: EventDetailsValues): CreateEventBody {
  return {
    title: values.title.trim(),
    description: values.description.trim() || null,
    venue: values.venue.trim() || null,
    // Nothing picked is '' (no instant), which the schema refuses as it would from the API.
    startsAt: wallTimeToIso(values.startsAt, values.timezone) ?? '',
    endsAt: wallTimeToIso(values.endsAt, values.timezone) ?? '',
    timezone: values.timezone,
    currency: values.currency,
    maxTicketsPerBuyer: numberOrNaN(values.maxTicketsPerBuyer),
  };
}

/**
 * A picked date the contract refuses: said from the values rather than the schema's wording, which
 * is for developers. The start can only be out of the years; the end also before the start or too long after.
 */
const whenMessage = (missing: string) => (issue: SchemaIssue, values: EventDetailsValues) => {
  if (issue.code !== 'custom') return missing;
  if (issue.path[0] === 'endsAt' && isWallTime(values.startsAt) && isWallTime(values.endsAt)) {
    if (values.endsAt <= values.startsAt) return 'Must be after the start';
    const body = valuesToBody(values);
    if (Date.parse(body.endsAt) - Date.parse(body.startsAt) > EVENT_MAX_DAYS * 86_400_000)
      return `An event lasts at most ${EVENT_MAX_DAYS} days`;
  }
  return OUT_OF_YEARS;
};

/** The API's own check of the event (`CreateEventBody`), said the way the form says it. */
const validateEventDetails = schemaValidator<EventDetailsValues>(CreateEventBody, {
  toBody: valuesToBody,
  messages: {
    title: (issue) => (issue.code === 'too_big' ? 'At most 200 characters' : 'Give the event a title'),
    description: 'At most 20,000 characters',
    venue: 'At most 300 characters',
    startsAt: whenMessage('Pick when the event starts'),
    endsAt: whenMessage('Pick when the event ends'),
    timezone: 'Pick the time zone the event happens in',
    currency: 'Pick the currency of your prices',
    maxTicketsPerBuyer: 'A whole number from 1 to 100,000',
  },
});

/** Only what changed, so an edit never trips over rules on fields nobody touched (currency after sales). */
function changedFields(body: CreateEventBody, event: Event): UpdateEventBody {
  const changes: UpdateEventBody = {};
  if (body.title !== event.title) changes.title = body.title;
  if ((body.description ?? null) !== event.description) changes.description = body.description ?? null;
  if ((body.venue ?? null) !== event.venue) changes.venue = body.venue ?? null;
  if (Date.parse(body.startsAt) !== Date.parse(event.startsAt)) changes.startsAt = body.startsAt;
  if (Date.parse(body.endsAt) !== Date.parse(event.endsAt)) changes.endsAt = body.endsAt;
  if (body.timezone !== event.timezone) changes.timezone = body.timezone;
  if (body.currency !== event.currency) changes.currency = body.currency;
  if (body.maxTicketsPerBuyer !== event.maxTicketsPerBuyer)
    changes.maxTicketsPerBuyer = body.maxTicketsPerBuyer;
  return changes;
}

interface EventDetailsFormProps {
  event?: Event;
  submitLabel: string;
  onSubmit: (body: CreateEventBody | UpdateEventBody) => Promise<unknown>;
  disabled?: boolean;
}

/** Title, description, venue, when (in the event's own time zone) and the currency of its prices. */
export function EventDetailsForm({ event, submitLabel, onSubmit, disabled = false }: EventDetailsFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<EventDetailsValues>({
    initialValues: eventToValues(event),
    validate: validateEventDetails,
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const body = valuesToBody(values);
    const payload = event ? changedFields(body, event) : body;
    if (event && Object.keys(payload).length === 0) {
      form.resetDirty();
      return;
    }
    setSaving(true);
    try {
      await onSubmit(payload);
      form.resetDirty();
    } catch (error) {
      setFormError(applyFormErrors(form, error, { labels: LABELS }));
    } finally {
      setSaving(false);
    }
  });

  const { startsAt, timezone } = form.values;
  const startPreview =
    isWallTime(startsAt) && timezone
      ? formatInZone(fromWallTime(startsAt, timezone), timezone, {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          year: 'numeric',
          hour: 'numeric',
          minute: '2-digit',
          timeZoneName: 'short',
        })
      : null;

  return (
    <form onSubmit={submit} noValidate aria-label="Event details">
      <fieldset disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <TextInput
            label="Title"
            required
            placeholder="Harbour Lights 10K"
            {...form.getInputProps('title')}
          />
          <Textarea
            label="Description"
            description="What buyers read on the event page."
            autosize
            minRows={4}
            maxRows={12}
            {...form.getInputProps('description')}
          />
          <TextInput
            label="Venue"
            placeholder="Waterfront Park, San Diego"
            {...form.getInputProps('venue')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <DateTimePicker
              label="Starts"
              required
              placeholder="Pick date and time"
              valueFormat="ddd D MMM YYYY, HH:mm"
              leftSection={<IconCalendar size={16} aria-hidden />}
              clearable={false}
              {...form.getInputProps('startsAt')}
            />
            <DateTimePicker
              label="Ends"
              required
              placeholder="Pick date and time"
              valueFormat="ddd D MMM YYYY, HH:mm"
              leftSection={<IconCalendar size={16} aria-hidden />}
              minDate={startsAt ?? undefined}
              clearable={false}
              {...form.getInputProps('endsAt')}
            />
            <TimeZoneSelect
              label="Time zone"
              description="Dates and times above are in this zone."
              required
              {...form.getInputProps('timezone')}
            />
            <CurrencySelect
              label="Currency"
              description="All ticket prices of this event use it."
              required
              {...form.getInputProps('currency')}
            />
            <NumberInput
              label="Tickets per buyer"
              description="The most tickets one email address may hold or buy for this event."
              min={1}
              max={100_000}
              allowDecimal={false}
              allowNegative={false}
              required
              {...form.getInputProps('maxTicketsPerBuyer')}
            />
          </SimpleGrid>
          {startPreview && (
            <Text size="sm" c="dimmed">
              Buyers will see: {startPreview}
            </Text>
          )}
          {formError && (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
              {formError}
            </Alert>
          )}
          {!disabled && (
            <Group justify="flex-end">
              <Button type="submit" loading={saving} disabled={Boolean(event) && !form.isDirty()}>
                {submitLabel}
              </Button>
            </Group>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}
