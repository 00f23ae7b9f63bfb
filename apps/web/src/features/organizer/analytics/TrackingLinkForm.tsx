import { Alert, Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconLink } from '@tabler/icons-react';
import { CreateTrackingLinkBody } from '@zevents/contracts';
import { useState } from 'react';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
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
    name: 'Name the link after where you will share it (1–100 characters)',
    code: 'Up to 64 letters, digits, dashes or underscores, no spaces',
  },
});

/** A new tracking link: a name for the organizer, and the `?ref=` code (made from the name when empty). */
export function TrackingLinkForm({ eventId }: { eventId: string }) {
  const create = useCreateTrackingLink(eventId);
  const [problem, setProblem] = useState<string | null>(null);
  const form = useForm<LinkValues>({ initialValues: { name: '', code: '' }, validate });

  const submit = form.onSubmit((values) => {
    setProblem(null);
    create.mutate(toBody(values), {
      onSuccess: (link) => {
        form.reset();
        notifications.show({ color: 'teal', message: `Link "${link.name}" created: copy it from the list` });
      },
      onError: (error) => setProblem(applyFormErrors(form, error)),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="New tracking link">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="Link name"
          placeholder="Instagram bio"
          required
          style={{ flex: '2 1 200px' }}
          {...form.getInputProps('name')}
        />
        <TextInput
          label="Code (optional)"
          placeholder="made from the name"
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
          Create link
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
