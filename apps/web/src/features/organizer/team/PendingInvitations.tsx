import { ActionIcon, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconX } from '@tabler/icons-react';
import type { Invitation, MemberRole } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { DataTable } from '../../../components/ui/DataTable';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useConfirmedAction } from '../../../components/ui/useConfirmedAction';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { ROLE_LABELS } from '../lib/roles';
import { useInviteMember, useRevokeInvitation } from '../mutations/useTeamMutations';
import { useInvitations } from '../queries/useInvitations';
import { ROLE_COLOR } from './MembersTable';

const formatDate = (iso: string) =>
  new Intl.DateTimeFormat(currentIntlLocale(), {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

/** Invitations sent and not yet accepted: withdraw them, or send an expired one again. */
export function PendingInvitations({
  organizationId,
  myRole,
}: {
  organizationId: string;
  myRole: MemberRole;
}) {
  const { t } = useTranslation();
  const invitations = useInvitations(organizationId);
  const revoke = useRevokeInvitation(organizationId);
  const resend = useInviteMember(organizationId);
  const withdrawal = useConfirmedAction<Invitation>(
    (invitation, callbacks) => revoke.mutate(invitation.id, callbacks),
    (invitation) => i18n.t('web.org.settings.team.invitations.withdrawn', { email: invitation.email }),
  );

  const sendAgain = (invitation: Invitation) =>
    resend.mutate(
      { email: invitation.email, role: invitation.role },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: t('web.org.settings.team.invitations.resent', { email: invitation.email }),
          }),
        onError: (cause) => notifications.show({ color: 'red', message: describeApiError(cause) }),
      },
    );

  if (invitations.isPending) return <LoadingState label={t('web.org.settings.team.invitations.loading')} />;
  if (invitations.isError)
    return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const items = invitations.data.items;
  if (items.length === 0)
    return (
      <EmptyState title={t('web.org.settings.team.invitations.none')}>
        {t('web.org.settings.team.invitations.noneHint')}
      </EmptyState>
    );

  return (
    <>
      <DataTable
        items={items}
        rowKey={(invitation) => invitation.id}
        minWidth={360}
        label={t('web.org.settings.team.invitations.table')}
        columns={[
          {
            header: t('web.org.settings.team.invitations.invited'),
            cell: (invitation) => (
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate="end">
                  {invitation.email}
                </Text>
                <Text size="xs" c={invitation.isExpired ? 'red' : 'dimmed'}>
                  {invitation.isExpired
                    ? t('web.org.settings.team.invitations.expired', {
                        date: formatDate(invitation.expiresAt),
                      })
                    : t('web.org.settings.team.invitations.expires', {
                        date: formatDate(invitation.expiresAt),
                      })}
                  {invitation.invitedBy
                    ? t('web.org.settings.team.invitations.by', { name: invitation.invitedBy.name })
                    : ''}
                </Text>
              </Stack>
            ),
          },
          {
            header: t('web.org.settings.team.invitations.role'),
            cell: (invitation) => (
              <Badge variant="light" color={ROLE_COLOR[invitation.role]} radius="sm">
                {ROLE_LABELS[invitation.role]}
              </Badge>
            ),
          },
          {
            header: t('web.org.settings.team.invitations.actions'),
            isHeaderHidden: true,
            width: 80,
            cell: (invitation) => {
              // An owner's invitation is an owner's to withdraw or send again.
              if (invitation.role === 'owner' && myRole !== 'owner') return null;
              return (
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <Tooltip label={t('web.org.settings.team.invitations.resend')}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={t('web.org.settings.team.invitations.resendLabel', {
                        email: invitation.email,
                      })}
                      onClick={() => sendAgain(invitation)}
                      loading={resend.isPending && resend.variables?.email === invitation.email}
                    >
                      <IconMailForward size={18} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t('web.org.settings.team.invitations.withdraw')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('web.org.settings.team.invitations.withdrawLabel', {
                        email: invitation.email,
                      })}
                      onClick={() => withdrawal.ask(invitation)}
                    >
                      <IconX size={18} />
                    </ActionIcon>
                  </Tooltip>
                </Group>
              );
            },
          },
        ]}
      />
      <ConfirmDialog
        opened={withdrawal.target !== null}
        onClose={withdrawal.close}
        onConfirm={withdrawal.confirm}
        loading={revoke.isPending}
        error={withdrawal.error}
        danger
        title={t('web.org.settings.team.invitations.confirmTitle')}
        confirmLabel={t('web.org.settings.team.invitations.withdraw')}
      >
        {t('web.org.settings.team.invitations.confirmBody', { email: withdrawal.target?.email ?? '' })}
      </ConfirmDialog>
    </>
  );
}
