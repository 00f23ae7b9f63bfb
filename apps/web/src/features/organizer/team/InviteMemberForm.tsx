import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconMail, IconUserPlus } from '@tabler/icons-react';
import type { MemberRole } from '@zevents/contracts';
import { useState } from 'react';
import { applyServerErrors } from '../lib/form-errors';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../lib/roles';
import { useAddOrInviteMember } from '../mutations/useTeamMutations';

/** Codes that are about the address, shown on the email field. */
const EMAIL_MESSAGES: Record<string, string> = {
  ALREADY_MEMBER: 'This person is already in the team.',
};

/**
 * Adds anyone by email with a role: someone with an account joins at once, anyone else gets an
 * emailed link to sign up and join. Only owners may add or invite owners.
 */
export function InviteMemberForm({ organizationId, myRole }: { organizationId: string; myRole: MemberRole }) {
  const invite = useAddOrInviteMember(organizationId);
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
    invite.mutate(
      { email: values.email.trim(), role: values.role },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'teal',
            message:
              result.kind === 'added'
                ? `${result.member.name} joined as ${ROLE_LABELS[result.member.role]}`
                : `No account yet: invitation sent to ${result.invitation.email} as ${ROLE_LABELS[result.invitation.role]}`,
          });
          form.reset();
        },
        onError: (error) => {
          const code = (error as { code?: string }).code ?? '';
          if (EMAIL_MESSAGES[code]) form.setFieldError('email', EMAIL_MESSAGES[code]);
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
          description="Anyone with an email: people without an account get an invitation to sign up (valid 7 days)."
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
          <Button type="submit" leftSection={<IconUserPlus size={16} />} loading={invite.isPending}>
            Add to team
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
