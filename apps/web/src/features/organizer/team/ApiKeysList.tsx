import { ActionIcon, Badge, Code, Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ApiKey, Member } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentIntlLocale, i18n } from '../../../i18n/i18n';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useConfirmedAction } from '../../../components/ui/useConfirmedAction';
import { useRevokeApiKey } from '../mutations/useTeamMutations';
import { useApiKeys } from '../queries/useApiKeys';
import { useMembers } from '../queries/useMembers';
import { isKeyInactive, scopeBadges } from './api-key-rules';

const formatDate = (iso: string) =>
  new Intl.DateTimeFormat(currentIntlLocale(), { day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(iso),
  );

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
  const { t } = useTranslation();
  if (!apiKey.createdBy)
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {t('web.org.settings.team.keys.creatorUnknown')}
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
  const { t } = useTranslation();
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
              {t('web.org.settings.team.keys.inactive')}
            </Badge>
          )}
        </Group>
        <Tooltip label={t('web.org.settings.team.keys.revoke')}>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('web.org.settings.team.keys.revokeLabel', { name: apiKey.name })}
            onClick={onRevoke}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <SimpleGrid component="dl" cols={{ base: 2, xs: 3 }} spacing="sm" verticalSpacing={4} m={0}>
        <Field label={t('web.org.settings.team.keys.access')}>
          <Group component="span" gap={4} wrap="wrap">
            {scopeBadges(apiKey.scopes).map((badge) => (
              <Badge key={badge.scope} color={badge.color} variant="light" radius="sm" size="sm">
                {badge.label}
              </Badge>
            ))}
          </Group>
        </Field>
        <Field label={t('web.org.settings.team.keys.createdBy')}>
          <CreatedBy apiKey={apiKey} />
        </Field>
        <Field label={t('web.org.settings.team.keys.created')}>{formatDate(apiKey.createdAt)}</Field>
        <Field label={t('web.org.settings.team.keys.lastUsed')}>
          {apiKey.lastUsedAt ? formatDate(apiKey.lastUsedAt) : t('web.org.settings.team.keys.never')}
        </Field>
      </SimpleGrid>
      {isInactive && (
        <Text size="xs" c="red">
          {t('web.org.settings.team.keys.inactiveHint')}
        </Text>
      )}
    </Stack>
  );
}

/** The organization's live keys (name and first characters only) with revoke, after confirming. */
export function ApiKeysList({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const keys = useApiKeys(organizationId);
  // Already loaded by the team page: tells which keys stopped with their creator.
  const members = useMembers(organizationId);
  const revoke = useRevokeApiKey(organizationId);
  const revocation = useConfirmedAction<ApiKey>(
    (key, callbacks) => revoke.mutate(key.id, callbacks),
    (key) => i18n.t('web.org.settings.team.keys.revoked', { name: key.name }),
  );

  if (keys.isPending) return <LoadingState label={t('web.org.settings.team.keys.loading')} />;
  if (keys.isError) return <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />;
  if (keys.data.items.length === 0)
    return (
      <EmptyState title={t('web.org.settings.team.keys.none')}>
        {t('web.org.settings.team.keys.noneHint')}
      </EmptyState>
    );

  return (
    <>
      <Stack
        gap={0}
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('web.org.settings.team.keys.list')}
      >
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
        title={t('web.org.settings.team.keys.revokeTitle', { name: revocation.target?.name ?? '' })}
        confirmLabel={t('web.org.settings.team.keys.revokeConfirm')}
      >
        {t('web.org.settings.team.keys.revokeBody')}
      </ConfirmDialog>
    </>
  );
}
