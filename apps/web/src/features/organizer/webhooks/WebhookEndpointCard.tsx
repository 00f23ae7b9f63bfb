import { Badge, Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure, useId } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconChevronUp,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import type { Webhook } from '@zevents/contracts';
import { GlassCard } from '../../../components/ui/GlassCard';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useSendTestEvent, useUpdateWebhook } from '../mutations/useWebhookMutations';
import { DeliveryLog } from './DeliveryLog';
import { SigningSecret } from './SigningSecret';
import { TestEventOutcome } from './TestEventOutcome';
import { inCanonicalOrder } from './webhook-event-types';
import { WebhookHealthNotice, WebhookStatusBadge } from './WebhookHealth';

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
  const headingId = useId();
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
            message: active ? `${url} is on: events are sent to it again` : `${url} is off`,
          }),
        onError: (error) => notifications.show({ color: 'red', message: describeApiError(error) }),
      },
    );

  return (
    <GlassCard component="li" p={{ base: 'md', sm: 'lg' }} aria-labelledby={headingId}>
      <Stack gap="md">
        <Stack gap={6}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <WebhookStatusBadge webhook={webhook} />
            <Title
              order={2}
              id={headingId}
              fz="md"
              ff="monospace"
              style={{ overflowWrap: 'anywhere', minWidth: 0 }}
            >
              {url}
            </Title>
          </Group>
          {webhook.description && (
            <Text size="sm" c="dimmed">
              {webhook.description}
            </Text>
          )}
          <Group gap={6} wrap="wrap" aria-label="Events sent" role="list">
            {inCanonicalOrder(webhook.events).map((type) => (
              <Badge key={type} role="listitem" variant="light" color="indigo" radius="xl" tt="none" fw={500}>
                {type}
              </Badge>
            ))}
          </Group>
        </Stack>
        <WebhookHealthNotice webhook={webhook} />
        <Group gap="xs" wrap="wrap">
          <Button
            variant="light"
            leftSection={<IconSend size={16} />}
            loading={sendTest.isPending}
            onClick={runTest}
            aria-label={`Send test event to ${url}`}
          >
            Send test event
          </Button>
          <Button
            variant="default"
            leftSection={webhook.active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
            loading={update.isPending}
            onClick={() => setActive(!webhook.active)}
            aria-label={`${webhook.active ? 'Turn off' : 'Turn on'} ${url}`}
          >
            {webhook.active ? 'Turn off' : 'Turn on'}
          </Button>
          <Button
            variant="default"
            leftSection={<IconPencil size={16} />}
            onClick={onEdit}
            aria-label={`Edit ${url}`}
          >
            Edit
          </Button>
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} />}
            onClick={onDelete}
            aria-label={`Delete ${url}`}
          >
            Delete
          </Button>
        </Group>
        <TestEventOutcome
          delivery={sendTest.data ?? null}
          error={sendTest.error}
          onClose={() => sendTest.reset()}
        />
        <Divider />
        <SigningSecret secret={webhook.secret} endpoint={url} />
        <Divider />
        <Button
          variant="subtle"
          w="fit-content"
          onClick={log.toggle}
          aria-expanded={isLogOpen}
          aria-controls={isLogOpen ? logId : undefined}
          rightSection={isLogOpen ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
        >
          {isLogOpen ? 'Hide delivery log' : 'Show delivery log'}
        </Button>
        {isLogOpen && (
          <div id={logId}>
            <DeliveryLog webhook={webhook} organizationId={organizationId} />
          </div>
        )}
      </Stack>
    </GlassCard>
  );
}
