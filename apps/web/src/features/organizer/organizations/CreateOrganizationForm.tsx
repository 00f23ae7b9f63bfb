import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { CreateOrganizationBody, type Organization } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { useCreateOrganization } from '../mutations/useCreateOrganization';

/** "Harbour Lights Ltd." -> "harbour-lights-ltd" */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

export function CreateOrganizationForm({ onCreated }: { onCreated?: (org: Organization) => void }) {
  const { t } = useTranslation();
  const create = useCreateOrganization();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', slug: '' },
    validate: schemaValidator<{ name: string; slug: string }>(CreateOrganizationBody, {
      toBody: (values) => ({ name: values.name, slug: values.slug || undefined }),
      messages: {
        name: t('web.org.settings.organizations.form.nameRequired'),
        slug: (issue) =>
          issue.code === 'too_small'
            ? t('web.org.settings.organizations.form.slugShort')
            : issue.code === 'too_big'
              ? t('web.org.settings.organizations.form.slugLong')
              : t('web.org.settings.organizations.form.slugInvalid'),
      },
    }),
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const slug = values.slug || slugify(values.name);
    create.mutate(
      { name: values.name.trim(), ...(slug.length >= 2 ? { slug } : {}) },
      {
        onSuccess: (org) => onCreated?.(org),
        onError: (error) => setFormError(applyFormErrors(form, error, { codes: { SLUG_TAKEN: 'slug' } })),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('web.org.settings.organizations.form.name')}
          placeholder={t('web.org.settings.organizations.form.namePlaceholder')}
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label={t('web.org.settings.organizations.form.slug')}
          description={t('web.org.settings.organizations.form.slugDescription')}
          placeholder={slugify(form.values.name) || 'harbour-lights'}
          {...form.getInputProps('slug')}
        />
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Button type="submit" loading={create.isPending} size="md">
          {t('web.org.settings.organizations.form.submit')}
        </Button>
      </Stack>
    </form>
  );
}
