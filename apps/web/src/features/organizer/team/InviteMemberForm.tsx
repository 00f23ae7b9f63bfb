import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconMail, IconUserPlus } from '@tabler/icons-react';
import type { MemberRole } from '@zevents/contracts';
import { useState } from 'react';
import { applyServerErrors } from '../lib/form-errors';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../lib/roles';
import { useAddMember } from '../mutations/useTeamMutations';

const MESSAGES: Record<string, string> = {
  USER_NOT_FOUND:
    'Nobody has a Z-Events account with this email yet. Ask them to sign up first, then add them.',
  ALREADY_MEMBER: 'This person is already in the team.',
};

/** Adds someone who has an account, with a role; only owners may make owners. */
export function InviteMemberForm({ organizationId, myRole }: { organizationId: string; myRole: MemberRole }) {
  const add = useAddMember(organizationId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ email: string; role: MemberRole }>({
    initialValues: { email: '', role: 'staff' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : 'Enter an email address'),
    },
  });
  const roles: MemberRole[] = myRole === 'owner' ? ['staff', 'admin', 'owner'] : ['staff', 'admin'];

  const submit = form.onSubmit((values) => {
    setFormError(null);
    add.mutate(
      { email: values.email.trim(), role: values.role },
      {
        onSuccess: (member) => {
          notifications.show({
            color: 'teal',
            message: `${member.name} joined as ${ROLE_LABELS[member.role]}`,
          });
          form.reset();
        },
        onError: (error) => {
          const code = (error as { code?: string }).code ?? '';
          if (MESSAGES[code]) form.setFieldError('email', MESSAGES[code]);
          else setFormError(applyServerErrors(form, error));
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Add a team member">
      <Stack gap="sm">
        <TextInput
          label="Email"
          description="They need a Z-Events account already."
          placeholder="colleague@example.com"
          type="email"
          leftSection={<IconMail size={16} />}
          {...form.getInputProps('email')}
        />
        <Select
          label="Role"
          allowDeselect={false}
          data={roles.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          {...form.getInputProps('role')}
          description={ROLE_DESCRIPTIONS[form.values.role]}
        />
        {formError && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {formError}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={add.isPending}>
            Add to team
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
