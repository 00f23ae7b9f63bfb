import { Code, SimpleGrid, Stack, Text } from '@mantine/core';
import type { WebhookDelivery } from '@zevents/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDeliveryTime } from './delivery-outcome';

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

/** What the receiver answered (its first bytes) or what went wrong, and the ids to look it up by. */
export function DeliveryDetail({ delivery, id }: { delivery: WebhookDelivery; id: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" id={id} py="xs">
      <SimpleGrid component="dl" cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing={6} m={0}>
        <Field label={t('web.org.settings.webhooks.delivery.eventId')}>
          <Code>{delivery.eventId}</Code>
        </Field>
        <Field label={t('web.org.settings.webhooks.delivery.lastAttempt')}>
          {delivery.lastAttemptAt
            ? formatDeliveryTime(delivery.lastAttemptAt)
            : t('web.org.settings.webhooks.delivery.noneYet')}
        </Field>
        <Field label={t('web.org.settings.webhooks.delivery.sentBy')}>
          {delivery.isManual
            ? t('web.org.settings.webhooks.delivery.manual')
            : t('web.org.settings.webhooks.delivery.automatic')}
        </Field>
      </SimpleGrid>
      {delivery.error && (
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t('web.org.settings.webhooks.delivery.error')}
          </Text>
          <Code block c="red.8" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {delivery.error}
          </Code>
        </Stack>
      )}
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          {t('web.org.settings.webhooks.delivery.answer')}
        </Text>
        {delivery.responseBody ? (
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 240 }}>
            {delivery.responseBody}
          </Code>
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            {delivery.responseStatus === null
              ? t('web.org.settings.webhooks.delivery.noAnswer')
              : t('web.org.settings.webhooks.delivery.empty')}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}
