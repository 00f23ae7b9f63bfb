import { ActionIcon, Badge, Code, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ApiKey, Member } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useConfirmedAction } from '../../../components/ui/useConfirmedAction';
import { useRevokeApiKey } from '../mutations/useTeamMutations';
import { useApiKeys } from '../queries/useApiKeys';
import { useMembers } from '../queries/useMembers';
import { isKeyInactive, scopeBadges } from './api-key-rules';

const DATE = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** One labelled value of a key; a description list reads well to screen readers and wraps on a phone. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function CreatedBy({ apiKey }: { apiKey: ApiKey }) {
  if (!apiKey.createdBy)
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        creator unknown
      </Text>
    );
  return (
    <Tooltip label={apiKey.createdBy.email}>
      <span>{apiKey.createdBy.name}</span>
    </Tooltip>
  );
}

function KeyItem({
  apiKey,
  members,
  onRevoke,
}: {
  apiKey: ApiKey;
  members: readonly Member[] | undefined;
  onRevoke: () => void;
}) {
  const isInactive = isKeyInactive(apiKey, members) === true;
  return (
    <Stack
      component="li"
      gap="xs"
      py="xs"
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} truncate="end">
            {apiKey.name}
          </Text>
          <Code>{apiKey.prefix}…</Code>
          {isInactive && (
            <Badge color="red" variant="light" radius="sm">
              Inactive
            </Badge>
          )}
        </Group>
        <Tooltip label="Revoke">
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={`Revoke the key ${apiKey.name}`}
            onClick={onRevoke}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 2, xs: 3 }} spacing="sm" verticalSpacing={4} m={0}>
        <Field label="Access">
          <Group component="span" gap={4} wrap="wrap">
            {scopeBadges(apiKey.scopes).map((badge) => (
              <Badge key={badge.scope} color={badge.color} variant="light" radius="sm" size="sm">
                {badge.label}
              </Badge>
            ))}
          </Group>
        </Field>
        <Field label="Created by">
          <CreatedBy apiKey={apiKey} />
        </Field>
        <Field label="Created">{DATE.format(new Date(apiKey.createdAt))}</Field>
        <Field label="Last used">
          {apiKey.lastUsedAt ? DATE.format(new Date(apiKey.lastUsedAt)) : 'never'}
        </Field>
      </SimpleGrid>
      {isInactive && (
        <Text size="xs" c="red">
          Its creator is no longer an owner or admin here, so this key is refused (401). Revoke it and create
          a new one if the integration is still needed.
        </Text>
      )}
    </Stack>
  );
}

/** The organization's live keys (name and first characters only) with revoke, after confirming. */
export function ApiKeysList({ organizationId }: { organizationId: string }) {
  const keys = useApiKeys(organizationId);
  // Already loaded by the team page: tells which keys stopped with their creator.
  const members = useMembers(organizationId);
  const revoke = useRevokeApiKey(organizationId);
  const revocation = useConfirmedAction<ApiKey>(
    (key, callbacks) => revoke.mutate(key.id, callbacks),
    (key) => `Key “${key.name}” revoked`,
  );

  if (keys.isPending) return <LoadingState label="Loading keys…" />;
  if (keys.isError) return <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />;
  if (keys.data.items.length === 0)
    return <EmptyState title="No API keys">Create one below for an integration.</EmptyState>;

  return (
    <>
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="API keys">
        {keys.data.items.map((key) => (
          <KeyItem
            key={key.id}
            apiKey={key}
            members={members.data?.items}
            onRevoke={() => revocation.ask(key)}
          />
        ))}
      </Stack>
      <ConfirmDialog
        opened={revocation.target !== null}
        onClose={revocation.close}
        onConfirm={revocation.confirm}
        loading={revoke.isPending}
        error={revocation.error}
        danger
        title={`Revoke “${revocation.target?.name ?? ''}”?`}
        confirmLabel="Revoke key"
      >
        Anything still using this key gets “401 Unauthorized” from its very next request. This cannot be
        undone: create a new key to replace it.
      </ConfirmDialog>
    </>
  );
}
