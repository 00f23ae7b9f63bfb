import { Button, Modal, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPlus } from '@tabler/icons-react';
import type { Webhook } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../../i18n/i18n';
import { ApiError } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { GlassCard } from '../../../components/ui/GlassCard';
import { PageHeader } from '../../../components/ui/PageHeader';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useConfirmedAction } from '../../../components/ui/useConfirmedAction';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage, ROLE_LABELS } from '../lib/roles';
import { useCreateWebhook, useDeleteWebhook, useUpdateWebhook } from '../mutations/useWebhookMutations';
import { useWebhooks } from '../queries/useWebhooks';
import { WebhookEndpointCard } from './WebhookEndpointCard';
import { WebhookForm } from './WebhookForm';
import { WebhooksIntro } from './WebhooksIntro';

/** Which dialog is open: a new endpoint, or the one being edited. */
type Editing = { kind: 'new' } | { kind: 'edit'; webhook: Webhook } | null;

const isForbidden = (error: unknown) => error instanceof ApiError && error.status === 403;

/** What a staff member sees (the sidebar hides the link, but the disabled-webhook email links here). */
function OwnersAndAdminsOnly({ organizationName, role }: { organizationName: string; role: string }) {
  const { t } = useTranslation();
  return (
    <GlassCard p={{ base: 'md', sm: 'xl' }}>
      <Stack gap="sm" align="center" ta="center" maw={480} mx="auto">
        <ThemeIcon size={44} radius="md" variant="light" color="gray" aria-hidden>
          <IconLock size={24} />
        </ThemeIcon>
        <Title order={2} fz="lg">
          {t('web.org.settings.webhooks.staffTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('web.org.settings.webhooks.staffBody', { role, name: organizationName })}
        </Text>
      </Stack>
    </GlassCard>
  );
}

/** The organization's outgoing webhooks: endpoints, their health, secrets and delivery logs. */
export default function WebhooksPage() {
  const { t } = useTranslation();
  const { organization } = useCurrentOrganization();
  const mayManage = canManage(organization.role);
  const webhooks = useWebhooks(organization.id, { enabled: mayManage });
  const create = useCreateWebhook(organization.id);
  const update = useUpdateWebhook(organization.id);
  const remove = useDeleteWebhook(organization.id);
  const [editing, setEditing] = useState<Editing>(null);
  const deletion = useConfirmedAction<Webhook>(
    (webhook, callbacks) => remove.mutate(webhook.id, callbacks),
    (webhook) => i18n.t('web.org.settings.webhooks.deleted', { url: webhook.url }),
  );
  const close = () => setEditing(null);
  const openNew = () => setEditing({ kind: 'new' });
  const items = webhooks.data?.items ?? [];

  const content = () => {
    if (!mayManage || isForbidden(webhooks.error))
      return (
        <OwnersAndAdminsOnly organizationName={organization.name} role={ROLE_LABELS[organization.role]} />
      );
    if (webhooks.isPending) return <LoadingState label={t('web.org.settings.webhooks.loading')} />;
    if (webhooks.isError)
      return <ErrorState error={webhooks.error} onRetry={() => void webhooks.refetch()} />;
    if (items.length === 0) return <WebhooksIntro onAdd={openNew} />;
    return (
      <Stack
        gap="lg"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('web.org.settings.webhooks.list')}
      >
        {items.map((webhook) => (
          <WebhookEndpointCard
            key={webhook.id}
            webhook={webhook}
            organizationId={organization.id}
            onEdit={() => setEditing({ kind: 'edit', webhook })}
            onDelete={() => deletion.ask(webhook)}
          />
        ))}
      </Stack>
    );
  };

  return (
    <>
      <PageHeader
        title={t('web.org.settings.webhooks.title')}
        description={t('web.org.settings.webhooks.description', { name: organization.name })}
        actions={
          mayManage &&
          items.length > 0 && (
            <Button leftSection={<IconPlus size={16} />} onClick={openNew}>
              {t('web.org.settings.webhooks.add')}
            </Button>
          )
        }
      />
      {content()}
      <Modal
        opened={editing !== null}
        onClose={close}
        title={
          editing?.kind === 'edit' ? t('web.org.settings.webhooks.edit') : t('web.org.settings.webhooks.new')
        }
        size="lg"
        centered
        radius="xl"
        closeButtonProps={{ 'aria-label': t('web.org.settings.webhooks.closeForm') }}
      >
        {editing?.kind === 'edit' ? (
          <WebhookForm
            key={editing.webhook.id}
            webhook={editing.webhook}
            onCancel={close}
            onSubmit={async (body) => {
              await update.mutateAsync({ webhookId: editing.webhook.id, body });
              notifications.show({
                color: 'teal',
                message: t('web.org.settings.webhooks.saved', { url: editing.webhook.url }),
              });
              close();
            }}
          />
        ) : (
          <WebhookForm
            key="new"
            onCancel={close}
            onSubmit={async (body) => {
              await create.mutateAsync(body);
              notifications.show({
                color: 'teal',
                message: t('web.org.settings.webhooks.added'),
              });
              close();
            }}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={deletion.target !== null}
        onClose={deletion.close}
        onConfirm={deletion.confirm}
        loading={remove.isPending}
        error={deletion.error}
        danger
        title={t('web.org.settings.webhooks.deleteTitle')}
        confirmLabel={t('web.org.settings.webhooks.deleteConfirm')}
      >
        {t('web.org.settings.webhooks.deleteBody', { url: deletion.target?.url ?? '' })}
      </ConfirmDialog>
    </>
  );
}
