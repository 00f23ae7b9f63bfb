import { SegmentedControl, Stack, Text } from '@mantine/core';
import type { Webhook } from '@zevents/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ListStates, ShowMore } from '../../../components/ui/PagedList';
import {
  type DeliveryStatus,
  hasPendingDelivery,
  PENDING_POLL_MS,
  useWebhookDeliveries,
} from '../queries/useWebhookDeliveries';
import { DeliveryCards, DeliveryTable } from './DeliveryRows';

/** Each filter's catalog key (written out whole for the catalog check). */
const STATUS_OPTIONS: Array<{ value: DeliveryStatus | ''; labelKey: string }> = [
  { value: '', labelKey: 'web.org.settings.webhooks.log.all' },
  { value: 'succeeded', labelKey: 'web.org.settings.webhooks.log.succeeded' },
  { value: 'pending', labelKey: 'web.org.settings.webhooks.log.pending' },
  { value: 'failed', labelKey: 'web.org.settings.webhooks.log.failed' },
];

const EMPTY_TITLE_KEYS: Record<DeliveryStatus, string> = {
  succeeded: 'web.org.settings.webhooks.log.noneSucceeded',
  pending: 'web.org.settings.webhooks.log.nonePending',
  failed: 'web.org.settings.webhooks.log.noneFailed',
};

const isDeliveryStatus = (value: string | null): value is DeliveryStatus =>
  value === 'succeeded' || value === 'pending' || value === 'failed';

/** What an endpoint was sent and how it answered, newest first, filtered by status. */
export function DeliveryLog({ webhook, organizationId }: { webhook: Webhook; organizationId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const deliveries = useWebhookDeliveries(webhook.id, status);
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  const label = t('web.org.settings.webhooks.log.label', { url: webhook.url });

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t('web.org.settings.webhooks.log.filter', { url: webhook.url })}
        data={STATUS_OPTIONS.map((option) => ({ value: option.value, label: t(option.labelKey) }))}
        value={status ?? ''}
        onChange={(value) => setStatus(isDeliveryStatus(value) ? value : undefined)}
        size="xs"
        style={{ alignSelf: 'flex-start' }}
      />
      {hasPendingDelivery(deliveries.data?.pages) && (
        <Text size="xs" c="dimmed">
          {t('web.org.settings.webhooks.log.retrying', { seconds: PENDING_POLL_MS / 1000 })}
        </Text>
      )}
      <ListStates
        query={deliveries}
        isEmpty={items.length === 0}
        loadingLabel={t('web.org.settings.webhooks.log.loading')}
        emptyTitle={status ? t(EMPTY_TITLE_KEYS[status]) : t('web.org.settings.webhooks.log.none')}
        emptyText={
          status ? t('web.org.settings.webhooks.log.tryOther') : t('web.org.settings.webhooks.log.noneText')
        }
      >
        <DeliveryTable deliveries={items} organizationId={organizationId} label={label} />
        <DeliveryCards deliveries={items} organizationId={organizationId} />
        <ShowMore query={deliveries} label={t('web.org.settings.webhooks.log.more')} />
      </ListStates>
    </Stack>
  );
}
