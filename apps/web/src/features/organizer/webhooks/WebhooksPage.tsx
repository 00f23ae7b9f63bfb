import { Button, Modal, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock, IconPlus } from '@tabler/icons-react';
import type { Webhook } from '@zevents/contracts';
import { useState } from 'react';
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
  return (
    <GlassCard p={{ base: 'md', sm: 'xl' }}>
      <Stack gap="sm" align="center" ta="center" maw={480} mx="auto">
        <ThemeIcon size={44} radius="md" variant="light" color="gray" aria-hidden>
          <IconLock size={24} />
        </ThemeIcon>
        <Title order={2} fz="lg">
          Only owners and admins manage webhooks
        </Title>
        <Text size="sm" c="dimmed">
          You are {role.toLowerCase()} in {organizationName}. Webhooks send buyers’ details to other systems,
          so an owner or admin sets them up. Ask one of them, or switch organization in the menu.
        </Text>
      </Stack>
    </GlassCard>
  );
}

/** The organization's outgoing webhooks: endpoints, their health, secrets and delivery logs. */
export default function WebhooksPage() {
  const { organization } = useCurrentOrganization();
  const mayManage = canManage(organization.role);
  const webhooks = useWebhooks(organization.id, { enabled: mayManage });
  const create = useCreateWebhook(organization.id);
  const update = useUpdateWebhook(organization.id);
  const remove = useDeleteWebhook(organization.id);
  const [editing, setEditing] = useState<Editing>(null);
  const deletion = useConfirmedAction<Webhook>(
    (webhook, callbacks) => remove.mutate(webhook.id, callbacks),
    (webhook) => `Webhook ${webhook.url} deleted`,
  );
  const close = () => setEditing(null);
  const openNew = () => setEditing({ kind: 'new' });
  const items = webhooks.data?.items ?? [];

  const content = () => {
    if (!mayManage || isForbidden(webhooks.error))
      return (
        <OwnersAndAdminsOnly organizationName={organization.name} role={ROLE_LABELS[organization.role]} />
      );
    if (webhooks.isPending) return <LoadingState label="Loading webhooks…" />;
    if (webhooks.isError)
      return <ErrorState error={webhooks.error} onRetry={() => void webhooks.refetch()} />;
    if (items.length === 0) return <WebhooksIntro onAdd={openNew} />;
    return (
      <Stack gap="lg" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Webhooks">
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
        title="Webhooks"
        description={`Send ${organization.name}’s orders, check-ins and event changes to your other tools as they happen.`}
        actions={
          mayManage &&
          items.length > 0 && (
            <Button leftSection={<IconPlus size={16} />} onClick={openNew}>
              Add webhook
            </Button>
          )
        }
      />
      {content()}
      <Modal
        opened={editing !== null}
        onClose={close}
        title={editing?.kind === 'edit' ? 'Edit webhook' : 'New webhook'}
        size="lg"
        centered
        radius="xl"
        closeButtonProps={{ 'aria-label': 'Close the form' }}
      >
        {editing?.kind === 'edit' ? (
          <WebhookForm
            key={editing.webhook.id}
            webhook={editing.webhook}
            onCancel={close}
            onSubmit={async (body) => {
              await update.mutateAsync({ webhookId: editing.webhook.id, body });
              notifications.show({ color: 'teal', message: `Webhook ${editing.webhook.url} saved` });
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
                message: 'Webhook added. Send a test event to check that it answers.',
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
        title="Delete this webhook?"
        confirmLabel="Delete webhook"
      >
        {`${deletion.target?.url ?? ''} stops receiving events at once, and its delivery log is deleted with it. To pause it instead, turn it off.`}
      </ConfirmDialog>
    </>
  );
}
