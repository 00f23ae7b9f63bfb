import { Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { CreateWebhookBody, UpdateWebhookBody, type Webhook } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { FormActions } from '../../../components/ui/FormActions';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { EventTypesField } from './EventTypesField';
import { ALL_EVENT_TYPES, inCanonicalOrder } from './webhook-event-types';

export interface WebhookFormValues {
  url: string;
  description: string;
  events: string[];
}

/** The API reports a refused type as `events.3`; it belongs to the one events field. */
const EVENT_INDEX_FIELDS = Object.fromEntries(
  ALL_EVENT_TYPES.map((_, index) => [`events.${index}`, 'events']),
);

/** Field names for error messages, read when an error arrives so they are in the current language. */
const mapping = () => ({
  fields: EVENT_INDEX_FIELDS,
  labels: {
    url: i18n.t('web.org.settings.webhooks.form.errUrl'),
    events: i18n.t('web.org.settings.webhooks.form.errEvents'),
    description: i18n.t('web.org.settings.webhooks.form.errDescription'),
  },
});

type WebhookFormProps = {
  onCancel?: () => void;
} & (
  | { webhook?: undefined; onSubmit: (body: CreateWebhookBody) => Promise<unknown> }
  /** Editing: only the fields that changed are sent. */
  | { webhook: Webhook; onSubmit: (body: UpdateWebhookBody) => Promise<unknown> }
);

function initialValues(webhook: Webhook | undefined): WebhookFormValues {
  return {
    url: webhook?.url ?? '',
    description: webhook?.description ?? '',
    events: webhook ? inCanonicalOrder(webhook.events) : [],
  };
}

/** A new endpoint's body: on from the start, the description only when there is one. */
export function webhookCreateBody(values: WebhookFormValues): CreateWebhookBody {
  const description = values.description.trim();
  return {
    url: values.url.trim(),
    events: inCanonicalOrder(values.events),
    active: true,
    ...(description ? { description } : {}),
  };
}

/** The fields `changed` says were edited; an emptied description becomes null. */
export function webhookUpdateBody(
  values: WebhookFormValues,
  changed: (field: keyof WebhookFormValues) => boolean,
): UpdateWebhookBody {
  const description = values.description.trim();
  return {
    ...(changed('url') ? { url: values.url.trim() } : {}),
    ...(changed('events') ? { events: inCanonicalOrder(values.events) } : {}),
    ...(changed('description') ? { description: description || null } : {}),
  };
}

/** The API's own check of the body, said the way a person reads it. */
function webhookValidator(isEditing: boolean) {
  return schemaValidator<WebhookFormValues>(isEditing ? UpdateWebhookBody : CreateWebhookBody, {
    toBody: (values) => (isEditing ? webhookUpdateBody(values, () => true) : webhookCreateBody(values)),
    fields: EVENT_INDEX_FIELDS,
    messages: {
      url: (issue, values) => {
        if (values.url.trim() === '') return i18n.t('web.org.settings.webhooks.form.urlRequired');
        if (issue.code === 'too_big') return i18n.t('web.org.settings.webhooks.form.urlLong');
        return i18n.t('web.org.settings.webhooks.form.urlInvalid');
      },
      events: () => i18n.t('web.org.settings.webhooks.form.eventsRequired'),
      description: () => i18n.t('web.org.settings.webhooks.form.descriptionLong'),
    },
  });
}

/** Where events go (URL), what it is (description) and which events it wants. */
export function WebhookForm(props: WebhookFormProps) {
  const { t } = useTranslation();
  const { webhook, onCancel } = props;
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useForm<WebhookFormValues>({
    initialValues: initialValues(webhook),
    validate: webhookValidator(webhook !== undefined),
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    setSaving(true);
    try {
      if (props.webhook) await props.onSubmit(webhookUpdateBody(values, (field) => form.isDirty(field)));
      else await props.onSubmit(webhookCreateBody(values));
    } catch (error) {
      setFormError(applyFormErrors(form, error, mapping()));
    } finally {
      setSaving(false);
    }
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={
        webhook ? t('web.org.settings.webhooks.form.editForm') : t('web.org.settings.webhooks.form.newForm')
      }
    >
      <Stack gap="md">
        <TextInput
          label={t('web.org.settings.webhooks.form.url')}
          description={t('web.org.settings.webhooks.form.urlDescription')}
          placeholder="https://crm.example.com/hooks/z-events"
          type="url"
          inputMode="url"
          autoComplete="url"
          required
          data-autofocus
          {...form.getInputProps('url')}
        />
        <TextInput
          label={t('web.org.settings.webhooks.form.description')}
          description={t('web.org.settings.webhooks.form.descriptionHint')}
          placeholder={t('web.org.settings.webhooks.form.descriptionPlaceholder')}
          {...form.getInputProps('description')}
        />
        <EventTypesField
          value={form.values.events}
          onChange={(events) => form.setFieldValue('events', events)}
          error={form.errors.events}
        />
        <FormActions
          error={formError}
          saving={saving}
          onCancel={onCancel}
          submitLabel={
            webhook ? t('web.org.settings.webhooks.form.save') : t('web.org.settings.webhooks.form.add')
          }
        />
      </Stack>
    </form>
  );
}
