import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLink } from '@tabler/icons-react';
import { CreateTrackingLinkBody } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { i18n } from '../../../i18n/i18n';
import { useCreateTrackingLink } from '../mutations/useTrackingLinkMutations';

interface LinkValues {
  name: string;
  code: string;
}

const toBody = (values: LinkValues): CreateTrackingLinkBody => ({
  name: values.name.trim(),
  ...(values.code.trim() ? { code: values.code.trim() } : {}),
});

const validate = schemaValidator<LinkValues>(CreateTrackingLinkBody, {
  toBody,
  messages: {
    // Read when the form is checked, so they follow a language switched after the page loaded.
    name: () => i18n.t('web.org.insight.analytics.linkForm.nameInvalid'),
    code: () => i18n.t('web.org.insight.analytics.linkForm.codeInvalid'),
  },
});

/** A new tracking link: a name for the organizer, and the `?ref=` code (made from the name when empty). */
export function TrackingLinkForm({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const create = useCreateTrackingLink(eventId);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<LinkValues>({ initialValues: { name: '', code: '' }, validate });

  const submit = form.onSubmit((values) => {
    setProblem(null);
    create.mutate(toBody(values), {
      onSuccess: (link) => {
        form.reset();
        notifications.show({
          color: 'teal',
          message: t('web.org.insight.analytics.linkForm.created', { name: link.name }),
        });
      },
      onError: (error) => setProblem(applyFormErrors(form, error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('web.org.insight.analytics.linkForm.label')}>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label={t('web.org.insight.analytics.linkForm.name')}
          placeholder={t('web.org.insight.analytics.linkForm.namePlaceholder')}
          required
          style={{ flex: '2 1 200px' }}
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('web.org.insight.analytics.linkForm.code')}
          placeholder={t('web.org.insight.analytics.linkForm.codePlaceholder')}
          autoComplete="off"
          style={{ flex: '1 1 160px' }}
          {...form.getInputProps('code')}
        />
        <Button
          type="submit"
          // Beside the fields from a tablet up (level with the inputs, under their labels); a
          // full-width button of its own on a phone.
          mt={{ base: 0, sm: 25 }}
          w={{ base: '100%', sm: 'auto' }}
          loading={create.isPending}
          leftSection={<IconLink size={16} aria-hidden />}
        >
          {t('web.org.insight.analytics.linkForm.create')}
        </Button>
      </Group>
      {problem && (
        <Alert mt="sm" color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {problem}
        </Alert>
      )}
    </form>
  );
}
