import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconMail, IconUserPlus } from '@tabler/icons-react';
import { CreateInvitationBody, type MemberRole } from '@zevents/contracts';
import { useState } from 'react';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../lib/roles';
import { useAddMember } from '../mutations/useTeamMutations';

/** Codes that are about the address, shown on the email field. */
const EMAIL_MESSAGES: Record<string, string> = {
  ALREADY_MEMBER: 'This person is already in the team.',
};

/**
 * Adds anyone by email with a role: they get an emailed invitation and join when they accept it
 * (signing up first if they have no account). Only owners may invite owners.
 */
export function InviteMemberForm({ organizationId, myRole }: { organizationId: string; myRole: MemberRole }) {
  const invite = useAddMember(organizationId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ email: string; role: MemberRole }>({
    initialValues: { email: '', role: 'staff' },
    validate: schemaValidator(CreateInvitationBody, { messages: { email: 'Enter an email address' } }),
  });
  const roles: MemberRole[] = myRole === 'owner' ? ['staff', 'admin', 'owner'] : ['staff', 'admin'];

  const submit = form.onSubmit((values) => {
    setFormError(null);
    invite.mutate(
      { email: values.email.trim(), role: values.role },
      {
        onSuccess: (invitation) => {
          notifications.show({
            color: 'teal',
            message: `Invitation sent to ${invitation.email} as ${ROLE_LABELS[invitation.role]}. They join when they accept it.`,
          });
          form.reset();
        },
        onError: (error) => {
          const code = (error as { code?: string }).code ?? '';
          if (EMAIL_MESSAGES[code]) form.setFieldError('email', EMAIL_MESSAGES[code]);
          else setFormError(applyFormErrors(form, error));
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Add a team member">
      <Stack gap="sm">
        <TextInput
          label="Email"
          description="They get an email invitation (valid 7 days) and join the team when they accept it."
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
