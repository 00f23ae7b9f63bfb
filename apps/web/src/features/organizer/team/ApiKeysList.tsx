import { ActionIcon, Code, Group, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import type { ApiKey } from '@zevents/contracts';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { errorMessage } from '../lib/form-errors';
import { useRevokeApiKey } from '../mutations/useTeamMutations';
import { useApiKeys } from '../queries/useApiKeys';

const DATE = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

function describeUse(key: ApiKey): string {
  const created = `Created ${DATE.format(new Date(key.createdAt))}${key.createdBy ? ` by ${key.createdBy.name}` : ''}`;
  const used = key.lastUsedAt ? `last used ${DATE.format(new Date(key.lastUsedAt))}` : 'never used';
  return `${created} · ${used}`;
}

/** The organization's live keys (name and first characters only) with revoke, after confirming. */
export function ApiKeysList({ organizationId }: { organizationId: string }) {
  const keys = useApiKeys(organizationId);
  const revoke = useRevokeApiKey(organizationId);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setRevoking(null);
    setError(null);
  };

  const confirm = () => {
    if (!revoking) return;
    revoke.mutate(revoking.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: `Key “${revoking.name}” revoked` });
        close();
      },
      onError: (cause) => setError(errorMessage(cause)),
    });
  };

  if (keys.isPending) return <LoadingState label="Loading keys…" />;
  if (keys.isError) return <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />;
  if (keys.data.items.length === 0)
    return <EmptyState title="No API keys">Create one below for an integration.</EmptyState>;

  return (
    <>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="API keys">
        {keys.data.items.map((key) => (
          <Group key={key.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" fw={600} truncate="end">
                  {key.name}
                </Text>
                <Code>{key.prefix}…</Code>
              </Group>
              <Text size="xs" c="dimmed">
                {describeUse(key)}
              </Text>
            </Stack>
            <Tooltip label="Revoke">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Revoke the key ${key.name}`}
                onClick={() => setRevoking(key)}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        ))}
      </Stack>
      <ConfirmDialog
        opened={revoking !== null}
        onClose={close}
        onConfirm={confirm}
        loading={revoke.isPending}
        error={error}
        danger
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke key"
      >
        Anything still using this key gets “401 Unauthorized” from its very next request. This cannot be
        undone: create a new key to replace it.
      </ConfirmDialog>
    </>
  );
}
