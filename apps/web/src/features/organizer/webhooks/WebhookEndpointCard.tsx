import { Button, Divider, Group, Stack, Title } from '@mantine/core';
import { useDisclosure, useId } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import type { Webhook } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../../components/ui/GlassCard';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useSendTestEvent, useUpdateWebhook } from '../mutations/useWebhookMutations';
import { DeliveryLog } from './DeliveryLog';
import { SigningSecret } from './SigningSecret';
import { TestEventOutcome } from './TestEventOutcome';
import { WebhookActions } from './WebhookActions';
import { WebhookHealthNotice } from './WebhookHealth';
import { WebhookSummary } from './WebhookSummary';

/** One endpoint: where it points, what it asks for, its health, its actions, secret and log. */
export function WebhookEndpointCard({
  webhook,
  organizationId,
  onEdit,
  onDelete,
}: {
  webhook: Webhook;
  organizationId: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const logId = useId();
  const [isLogOpen, log] = useDisclosure(false);
  const sendTest = useSendTestEvent(organizationId);
  const update = useUpdateWebhook(organizationId);
  const { url } = webhook;

  const runTest = () =>
    sendTest.mutate(webhook.id, {
      // The new row is at the top of the log: show it.
      onSuccess: () => log.open(),
    });

  const setActive = (active: boolean) =>
    update.mutate(
      { webhookId: webhook.id, body: { active } },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            message: active
              ? t('web.org.settings.webhooks.card.on', { url })
              : t('web.org.settings.webhooks.card.off', { url }),
          }),
        onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
      },
    );

  return (
    <li>
      <GlassCard p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <WebhookSummary webhook={webhook} />
          <WebhookHealthNotice webhook={webhook} />
          <WebhookActions
            webhook={webhook}
            isTesting={sendTest.isPending}
            isSwitching={update.isPending}
            onTest={runTest}
            onSetActive={setActive}
            onEdit={onEdit}
            onDelete={onDelete}
          />
          <TestEventOutcome sent={sendTest.data} error={sendTest.error} onClose={() => sendTest.reset()} />
          <Divider />
          <SigningSecret secret={webhook.secret} endpoint={url} />
          <Divider />
          <Group justify="space-between" gap="sm">
            <Title order={3} fz="md">
              {t('web.org.settings.webhooks.card.log')}
            </Title>
            <Button
              size="compact-sm"
              variant="light"
              onClick={log.toggle}
              aria-expanded={isLogOpen}
              aria-controls={isLogOpen ? logId : undefined}
              aria-label={
                isLogOpen
                  ? t('web.org.settings.webhooks.card.hideLog', { url })
                  : t('web.org.settings.webhooks.card.showLog', { url })
              }
              rightSection={isLogOpen ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
            >
              {isLogOpen
                ? t('web.org.settings.webhooks.card.hide')
                : t('web.org.settings.webhooks.card.show')}
            </Button>
          </Group>
          {isLogOpen && (
            <div id={logId}>
              <DeliveryLog webhook={webhook} organizationId={organizationId} />
            </div>
          )}
        </Stack>
      </GlassCard>
    </li>
  );
}
