import { ActionIcon, Badge, Group, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconX } from '@tabler/icons-react';
import type { Invitation, MemberRole } from '@zevents/contracts';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
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
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setRevoking(null);
    setError(null);
  };

  const confirmRevoke = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `Invitation to ${revoking.email} withdrawn` });
        close();
      },
      onError: (cause) => setError(describeApiError(cause)),
    });
  };

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
      <Table.ScrollContainer minWidth={360}>
        <Table verticalSpacing="sm" className="ze-table-glass" aria-label="Pending invitations">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Invited</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th w={80}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((invitation) => {
              const mayTouch = invitation.role !== 'owner' || myRole === 'owner';
              return (
                <Table.Tr key={invitation.id}>
                  <Table.Td>
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
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={ROLE_COLOR[invitation.role]} radius="sm">
                      {ROLE_LABELS[invitation.role]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {mayTouch && (
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
                            onClick={() => setRevoking(invitation)}
                          >
                            <IconX size={18} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmDialog
        opened={revoking !== null}
        onClose={close}
        onConfirm={confirmRevoke}
        loading={revoke.isPending}
        error={error}
        danger
        title="Withdraw this invitation?"
        confirmLabel="Withdraw"
      >
        {`The link sent to ${revoking?.email ?? ''} stops working at once. You can invite them again later.`}
      </ConfirmDialog>
    </>
  );
}
