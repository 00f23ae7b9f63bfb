import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import type { Webhook } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { inCanonicalOrder } from './webhook-event-types';
import { WebhookStatusBadge } from './WebhookHealth';

/** Where an endpoint points (its heading), whether it is on, what it is for and which events it gets. */
export function WebhookSummary({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <WebhookStatusBadge webhook={webhook} />
        <Title order={2} fz="md" ff="monospace" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
          {webhook.url}
        </Title>
      </Group>
      {webhook.description && (
        <Text size="sm" c="dimmed">
          {webhook.description}
        </Text>
      )}
      <Group gap={6} wrap="wrap" aria-label={t('web.org.settings.webhooks.summary.events')} role="list">
        {inCanonicalOrder(webhook.events).map((type) => (
          <Badge key={type} role="listitem" variant="light" color="indigo" radius="xl" tt="none" fw={500}>
            {type}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}
