import {
  Alert,
  Button,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
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
  EventCategory,
  EventKind,
  EventLanguage,
  type UpdateEventBody,
} from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { type SchemaIssue, schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { browserTimeZone, formatInZone, fromWallTime, isWallTime, toWallTime } from '../lib/zoned-time';
import { maxChars, numberOrNaN, outOfYears, wallTimeToIso } from './form-body';
import { CurrencySelect, TimeZoneSelect } from './zone-and-currency';
import { CATEGORY_LABELS, KIND_LABELS, LANGUAGE_LABELS, optionsOf } from '../../catalogue/event-labels';

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
  /** A Select gives null when cleared. */
  category: string | null;
  kind: string;
  /** Kept while the kind is in person, sent only for online and hybrid events. */
  onlineUrl: string;
  city: string;
  language: string;
}

const categoryOf = EventCategory.nullable().catch(null);
const kindOf = EventKind.catch('in_person');
const languageOf = EventLanguage.catch('en');

const fieldLabels = () => ({
  startsAt: i18n.t('web.org.editor.details.labelStart'),
  endsAt: i18n.t('web.org.editor.details.labelEnd'),
  timezone: i18n.t('web.org.editor.details.labelZone'),
});

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
      category: null,
      kind: 'in_person',
      onlineUrl: '',
      city: '',
      language: 'en',
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
    category: event.category,
    kind: event.kind,
    onlineUrl: event.onlineUrl ?? '',
    city: event.city ?? '',
    language: event.language,
  };
}

export function valuesToBody(values: EventDetailsValues): CreateEventBody {
  return {
    title: values.title.trim(),
    description: values.description.trim() || null,
    // An online event happens nowhere in particular: its venue field is hidden and not kept.
    venue: values.kind === 'online' ? null : values.venue.trim() || null,
    // Nothing picked is '' (no instant), which the schema refuses as it would from the API.
    startsAt: wallTimeToIso(values.startsAt, values.timezone) ?? '',
    endsAt: wallTimeToIso(values.endsAt, values.timezone) ?? '',
    timezone: values.timezone,
    currency: values.currency,
    maxTicketsPerBuyer: numberOrNaN(values.maxTicketsPerBuyer),
    category: categoryOf.parse(values.category),
    kind: kindOf.parse(values.kind),
    // An in-person event has no join link: switching to it drops the one typed before.
    onlineUrl: values.kind === 'in_person' ? null : values.onlineUrl.trim() || null,
    city: values.city.trim() || null,
    language: languageOf.parse(values.language),
  };
}

/**
 * A picked date the contract refuses: said from the values rather than the schema's wording, which
 * is for developers. The start can only be out of the years; the end also before the start or too long after.
 */
const whenMessage = (missing: () => string) => (issue: SchemaIssue, values: EventDetailsValues) => {
  if (issue.code !== 'custom') return missing();
  if (issue.path[0] === 'endsAt' && isWallTime(values.startsAt) && isWallTime(values.endsAt)) {
    if (values.endsAt <= values.startsAt) return i18n.t('web.org.editor.details.endAfterStart');
    const body = valuesToBody(values);
    if (Date.parse(body.endsAt) - Date.parse(body.startsAt) > EVENT_MAX_DAYS * 86_400_000)
      return i18n.t('web.org.editor.details.maxDays', { count: EVENT_MAX_DAYS });
  }
  return outOfYears();
};

/** The API's own check of the event (`CreateEventBody`), said the way the form says it. */
const validateEventDetails = schemaValidator<EventDetailsValues>(CreateEventBody, {
  toBody: valuesToBody,
  messages: {
    title: (issue) =>
      issue.code === 'too_big' ? maxChars(200) : i18n.t('web.org.editor.details.titleRequired'),
    description: () => maxChars(20_000),
    venue: () => maxChars(300),
    startsAt: whenMessage(() => i18n.t('web.org.editor.details.startRequired')),
    endsAt: whenMessage(() => i18n.t('web.org.editor.details.endRequired')),
    timezone: () => i18n.t('web.org.editor.details.zoneRequired'),
    currency: () => i18n.t('web.org.editor.details.currencyRequired'),
    maxTicketsPerBuyer: () => i18n.t('web.org.editor.details.perBuyerInvalid'),
    onlineUrl: () => i18n.t('web.org.editor.details.onlineUrlInvalid'),
    city: () => maxChars(100),
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
  if ((body.category ?? null) !== event.category) changes.category = body.category ?? null;
  if (body.kind !== event.kind) changes.kind = body.kind;
  if ((body.onlineUrl ?? null) !== event.onlineUrl) changes.onlineUrl = body.onlineUrl ?? null;
  if ((body.city ?? null) !== event.city) changes.city = body.city ?? null;
  if (body.language !== event.language) changes.language = body.language;
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
  const { t } = useTranslation();
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
      setFormError(applyFormErrors(form, error, { labels: fieldLabels() }));
    } finally {
      setSaving(false);
    }
  });

  const { startsAt, timezone, kind } = form.values;
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
    <form onSubmit={submit} noValidate aria-label={t('web.org.editor.details.form')}>
      <fieldset disabled={disabled} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack gap="lg">
          <TextInput
            label={t('web.org.editor.details.title')}
            required
            placeholder={t('web.org.editor.details.titlePlaceholder')}
            {...form.getInputProps('title')}
          />
          <Textarea
            label={t('web.org.editor.details.description')}
            description={t('web.org.editor.details.descriptionHint')}
            autosize
            minRows={4}
            maxRows={12}
            {...form.getInputProps('description')}
          />
          <Select
            label={t('web.org.editor.details.category')}
            description={t('web.org.editor.details.categoryHint')}
            placeholder={t('web.org.editor.details.noCategory')}
            clearable
            data={optionsOf(CATEGORY_LABELS)}
            {...form.getInputProps('category')}
          />
          <Stack gap={4}>
            <Text size="sm" fw={600} id="event-kind-label">
              {t('web.org.editor.details.where')}
            </Text>
            <SegmentedControl
              aria-labelledby="event-kind-label"
              fullWidth
              data={optionsOf(KIND_LABELS)}
              {...form.getInputProps('kind')}
            />
          </Stack>
          {kind !== 'in_person' && (
            <TextInput
              label={t('web.org.editor.details.onlineUrl')}
              description={t('web.org.editor.details.onlineUrlHint')}
              placeholder="https://meet.example.com/your-event"
              type="url"
              {...form.getInputProps('onlineUrl')}
            />
          )}
          {kind !== 'online' && (
            <TextInput
              label={t('web.org.editor.details.venue')}
              placeholder={t('web.org.editor.details.venuePlaceholder')}
              {...form.getInputProps('venue')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
            <TextInput
              label={t('web.org.editor.details.city')}
              description={t('web.org.editor.details.cityHint')}
              placeholder={t('web.org.editor.details.cityPlaceholder')}
              {...form.getInputProps('city')}
            />
            <Select
              label={t('web.org.editor.details.language')}
              allowDeselect={false}
              data={optionsOf(LANGUAGE_LABELS)}
              {...form.getInputProps('language')}
            />
            <DateTimePicker
              label={t('web.org.editor.details.starts')}
              required
              placeholder={t('web.org.editor.form.pickDateTime')}
              valueFormat="ddd D MMM YYYY, HH:mm"
              leftSection={<IconCalendar size={16} aria-hidden />}
              clearable={false}
              {...form.getInputProps('startsAt')}
            />
            <DateTimePicker
              label={t('web.org.editor.details.ends')}
              required
              placeholder={t('web.org.editor.form.pickDateTime')}
              valueFormat="ddd D MMM YYYY, HH:mm"
              leftSection={<IconCalendar size={16} aria-hidden />}
              minDate={startsAt ?? undefined}
              clearable={false}
              {...form.getInputProps('endsAt')}
            />
            <TimeZoneSelect
              label={t('web.org.editor.details.timezone')}
              description={t('web.org.editor.details.timezoneHint')}
              required
              {...form.getInputProps('timezone')}
            />
            <CurrencySelect
              label={t('web.org.editor.details.currency')}
              description={t('web.org.editor.details.currencyHint')}
              required
              {...form.getInputProps('currency')}
            />
            <NumberInput
              label={t('web.org.editor.details.perBuyer')}
              description={t('web.org.editor.details.perBuyerHint')}
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
              {t('web.org.editor.details.preview', { when: startPreview })}
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
