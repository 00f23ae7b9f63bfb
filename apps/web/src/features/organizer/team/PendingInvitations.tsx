import { ActionIcon, Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconX } from '@tabler/icons-react';
import type { Invitation, MemberRole } from '@zevents/contracts';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { DataTable } from '../../../components/ui/DataTable';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useConfirmedAction } from '../../../components/ui/useConfirmedAction';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { ROLE_LABELS } from '../lib/roles';
import { useInviteMember, useRevokeInvitation } from '../mutations/useTeamMutations';
import { useInvitations } from '../queries/useInvitations';
import { ROLE_COLOR } from './MembersTable';

const DATE = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** Invitations sent and not yet accepted: withdraw them, or send an expired one again. */
export function PendingInvitations({
  organizationId,
  myRole,
}: {
  organizationId: string;
  myRole: MemberRole;
}) {
  const invitations = useInvitations(organizationId);
  const revoke = useRevokeInvitation(organizationId);
  const resend = useInviteMember(organizationId);
  const withdrawal = useConfirmedAction<Invitation>(
    (invitation, callbacks) => revoke.mutate(invitation.id, callbacks),
    (invitation) => `Invitation to ${invitation.email} withdrawn`,
  );

  const sendAgain = (invitation: Invitation) =>
    resend.mutate(
      { email: invitation.email, role: invitation.role },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: `New invitation sent to ${invitation.email}` }),
        onError: (cause) => notifications.show({ color: 'red', message: describeApiError(cause) }),
      },
    );

  if (invitations.isPending) return <LoadingState label="Loading invitations…" />;
  if (invitations.isError)
    return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  const items = invitations.data.items;
  if (items.length === 0)
    return (
      <EmptyState title="No pending invitations">People you invite show up here until they join.</EmptyState>
    );

  return (
    <>
      <DataTable
        items={items}
        rowKey={(invitation) => invitation.id}
        minWidth={360}
        label="Pending invitations"
        columns={[
          {
            header: 'Invited',
            cell: (invitation) => (
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate="end">
                  {invitation.email}
                </Text>
                <Text size="xs" c={invitation.isExpired ? 'red' : 'dimmed'}>
                  {invitation.isExpired
                    ? `Expired ${DATE.format(new Date(invitation.expiresAt))}`
                    : `Expires ${DATE.format(new Date(invitation.expiresAt))}`}
                  {invitation.invitedBy ? ` · by ${invitation.invitedBy.name}` : ''}
                </Text>
              </Stack>
            ),
          },
          {
            header: 'Role',
            cell: (invitation) => (
              <Badge variant="light" color={ROLE_COLOR[invitation.role]} radius="sm">
                {ROLE_LABELS[invitation.role]}
              </Badge>
            ),
          },
          {
            header: 'Actions',
            isHeaderHidden: true,
            width: 80,
            cell: (invitation) => {
              // An owner's invitation is an owner's to withdraw or send again.
              if (invitation.role === 'owner' && myRole !== 'owner') return null;
              return (
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <Tooltip label="Send a new invitation">
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Send the invitation to ${invitation.email} again`}
                      onClick={() => sendAgain(invitation)}
                      loading={resend.isPending && resend.variables?.email === invitation.email}
                    >
                      <IconMailForward size={18} />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label="Withdraw">
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Withdraw the invitation to ${invitation.email}`}
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
        title="Withdraw this invitation?"
        confirmLabel="Withdraw"
      >
        {`The link sent to ${withdrawal.target?.email ?? ''} stops working at once. You can invite them again later.`}
      </ConfirmDialog>
    </>
  );
}
