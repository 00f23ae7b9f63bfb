import { Alert, Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconMail, IconUserPlus } from '@tabler/icons-react';
import { CreateInvitationBody, type MemberRole } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { applyFormErrors } from '../../../components/ui/useFormErrorResponseHandler';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../lib/roles';
import { useAddMember } from '../mutations/useTeamMutations';

/** Codes that are about the address, shown on the email field (catalog keys). */
const EMAIL_MESSAGE_KEYS: Record<string, string> = {
  ALREADY_MEMBER: 'web.org.settings.team.inviteForm.alreadyMember',
};

/**
 * Adds anyone by email with a role: they get an emailed invitation and join when they accept it
 * (signing up first if they have no account). Only owners may invite owners.
 */
export function InviteMemberForm({ organizationId, myRole }: { organizationId: string; myRole: MemberRole }) {
  const { t } = useTranslation();
  const invite = useAddMember(organizationId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ email: string; role: MemberRole }>({
    initialValues: { email: '', role: 'staff' },
    validate: schemaValidator(CreateInvitationBody, {
      messages: { email: t('web.org.settings.team.inviteForm.emailRequired') },
    }),
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
            message: t('web.org.settings.team.inviteForm.sent', {
              email: invitation.email,
              role: ROLE_LABELS[invitation.role],
            }),
          });
          form.reset();
        },
        onError: (error) => {
          const code = (error as { code?: string }).code ?? '';
          const messageKey = EMAIL_MESSAGE_KEYS[code];
          if (messageKey) form.setFieldError('email', t(messageKey));
          else setFormError(applyFormErrors(form, error));
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('web.org.settings.team.inviteForm.aria')}>
      <Stack gap="sm">
        <TextInput
          label={t('web.org.settings.team.inviteForm.email')}
          description={t('web.org.settings.team.inviteForm.emailDescription')}
          placeholder={t('web.org.settings.team.inviteForm.emailPlaceholder')}
          type="email"
          leftSection={<IconMail size={16} />}
          {...form.getInputProps('email')}
        />
        <Select
          label={t('web.org.settings.team.inviteForm.role')}
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
            {t('web.org.settings.team.inviteForm.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
