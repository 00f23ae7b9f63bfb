import { ActionIcon, Avatar, Badge, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconLock, IconShieldCheck, IconUserMinus } from '@tabler/icons-react';
import type { Member, MemberRole } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { DataTable } from '../../../components/ui/DataTable';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../lib/roles';
import { useChangeMemberRole, useRemoveMember } from '../mutations/useTeamMutations';
import { countOwners, memberActions } from './member-rules';

export const ROLE_COLOR: Record<MemberRole, string> = { owner: 'violet', admin: 'indigo', staff: 'gray' };

type PendingChange = { kind: 'role'; member: Member; role: MemberRole } | { kind: 'remove'; member: Member };

/** The members with their roles; owners and admins change roles and remove people, after confirming. */
export function MembersTable({
  organizationId,
  organizationName,
  members,
  myRole,
  myUserId,
}: {
  organizationId: string;
  organizationName: string;
  members: Member[];
  myRole: MemberRole;
  myUserId: string | undefined;
}) {
  const { t } = useTranslation();
  const changeRole = useChangeMemberRole(organizationId);
  const remove = useRemoveMember(organizationId);
  const [pending, setPending] = useState<PendingChange | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ownerCount = countOwners(members);
  const isBusy = changeRole.isPending || remove.isPending;

  const close = () => {
    setPending(null);
    setError(null);
  };

  const confirm = () => {
    if (!pending) return;
    setError(null);
    const { member } = pending;
    const onError = (cause: unknown) => setError(describeApiError(cause));
    if (pending.kind === 'role') {
      changeRole.mutate(
        { userId: member.userId, role: pending.role },
        {
          onSuccess: (updated) => {
            notifications.show({
              color: 'teal',
              message: t('web.org.settings.team.membersTable.roleChanged', {
                name: updated.name,
                role: ROLE_LABELS[updated.role],
              }),
            });
            close();
          },
          onError,
        },
      );
    } else {
      remove.mutate(member.userId, {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t('web.org.settings.team.membersTable.removed', { name: member.name }),
          });
          close();
        },
        onError,
      });
    }
  };

  const isSelf = pending?.member.userId === myUserId;

  return (
    <>
      <DataTable
        items={members}
        rowKey={(member) => member.userId}
        minWidth={360}
        columns={[
          {
            header: t('web.org.settings.team.membersTable.member'),
            cell: (member) => {
              const isMe = member.userId === myUserId;
              return (
                <Group gap="sm" wrap="nowrap">
                  <Avatar name={member.name} color="initials" radius="xl" size={36} />
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate="end">
                      {member.name}
                      {isMe && (
                        <Text span c="dimmed" fw={400}>
                          {' '}
                          {t('web.org.settings.team.membersTable.you')}
                        </Text>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed" truncate="end">
                      {member.email}
                    </Text>
                  </Stack>
                </Group>
              );
            },
          },
          {
            header: t('web.org.settings.team.membersTable.role'),
            cell: (member) => {
              const actions = memberActions(myRole, member, ownerCount);
              return (
                <Group gap={6} wrap="nowrap">
                  <Badge variant="light" color={ROLE_COLOR[member.role]} radius="sm">
                    {ROLE_LABELS[member.role]}
                  </Badge>
                  {actions.lockedReason && myRole !== 'staff' && (
                    <Tooltip label={actions.lockedReason} multiline w={220}>
                      <IconLock
                        size={14}
                        aria-label={actions.lockedReason}
                        color="var(--mantine-color-dimmed)"
                      />
                    </Tooltip>
                  )}
                </Group>
              );
            },
          },
          {
            header: t('web.org.settings.team.membersTable.actions'),
            isHeaderHidden: true,
            width: 48,
            cell: (member) => {
              const actions = memberActions(myRole, member, ownerCount);
              const isMe = member.userId === myUserId;
              if (actions.roles.length === 0 && !actions.canRemove) return null;
              return (
                <Menu position="bottom-end" withinPortal shadow="md" width={220}>
                  <Menu.Target>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('web.org.settings.team.membersTable.manage', { name: member.name })}
                      disabled={isBusy}
                    >
                      <IconDots size={18} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {actions.roles
                      .filter((role) => role !== member.role)
                      .map((role) => (
                        <Menu.Item
                          key={role}
                          leftSection={<IconShieldCheck size={16} />}
                          onClick={() => setPending({ kind: 'role', member, role })}
                        >
                          {t('web.org.settings.team.membersTable.make', { role: ROLE_LABELS[role] })}
                        </Menu.Item>
                      ))}
                    {actions.canRemove && (
                      <>
                        <Menu.Divider />
                        <Menu.Item
                          color="red"
                          leftSection={<IconUserMinus size={16} />}
                          onClick={() => setPending({ kind: 'remove', member })}
                        >
                          {isMe
                            ? t('web.org.settings.team.membersTable.leave')
                            : t('web.org.settings.team.membersTable.remove')}
                        </Menu.Item>
                      </>
                    )}
                  </Menu.Dropdown>
                </Menu>
              );
            },
          },
        ]}
      />
      <ConfirmDialog
        opened={pending !== null}
        onClose={close}
        onConfirm={confirm}
        loading={isBusy}
        error={error}
        danger={pending?.kind === 'remove'}
        title={
          pending?.kind === 'role'
            ? t('web.org.settings.team.membersTable.makeTitle', {
                name: pending.member.name,
                role: ROLE_LABELS[pending.role],
              })
            : isSelf
              ? t('web.org.settings.team.membersTable.leaveTitle', { name: organizationName })
              : t('web.org.settings.team.membersTable.removeTitle', { name: pending?.member.name ?? '' })
        }
        confirmLabel={
          pending?.kind === 'role'
            ? t('web.org.settings.team.membersTable.changeRole')
            : isSelf
              ? t('web.org.settings.team.membersTable.leave')
              : t('web.org.settings.team.membersTable.remove')
        }
      >
        {pending?.kind === 'role'
          ? isSelf
            ? t('web.org.settings.team.membersTable.roleBodySelf', {
                role: ROLE_LABELS[pending.role],
                description: ROLE_DESCRIPTIONS[pending.role],
              })
            : t('web.org.settings.team.membersTable.roleBody', {
                role: ROLE_LABELS[pending.role],
                description: ROLE_DESCRIPTIONS[pending.role],
              })
          : isSelf
            ? t('web.org.settings.team.membersTable.leaveBody', { organization: organizationName })
            : t('web.org.settings.team.membersTable.removeBody', {
                name: pending?.member.name ?? '',
                email: pending?.member.email ?? '',
                organization: organizationName,
              })}
      </ConfirmDialog>
    </>
  );
}
