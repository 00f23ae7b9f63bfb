import { Alert, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { CreateOrganizationBody, type Organization } from '@zevents/contracts';
import { useState } from 'react';
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
  const create = useCreateOrganization();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', slug: '' },
    validate: schemaValidator<{ name: string; slug: string }>(CreateOrganizationBody, {
      toBody: (values) => ({ name: values.name, slug: values.slug || undefined }),
      messages: {
        name: 'Give your organization a name',
        slug: (issue) =>
          issue.code === 'too_small'
            ? 'Use at least 2 characters'
            : issue.code === 'too_big'
              ? 'Use at most 80 characters'
              : 'Lowercase letters, digits and single dashes only',
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
          label="Organization name"
          placeholder="Harbour Lights Events"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Short name for links"
          description="Optional. Used in addresses; made from the name if left empty."
          placeholder={slugify(form.values.name) || 'harbour-lights'}
          {...form.getInputProps('slug')}
        />
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Button type="submit" loading={create.isPending} size="md">
          Create organization
        </Button>
      </Stack>
    </form>
  );
}
