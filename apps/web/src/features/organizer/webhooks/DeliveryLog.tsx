import { SegmentedControl, Stack, Text } from '@mantine/core';
import type { Webhook } from '@zevents/contracts';
import { useState } from 'react';
import { ListStates, ShowMore } from '../../../components/ui/PagedList';
import {
  type DeliveryStatus,
  hasPendingDelivery,
  PENDING_POLL_MS,
  useWebhookDeliveries,
} from '../queries/useWebhookDeliveries';
import { DeliveryCards, DeliveryTable } from './DeliveryRows';

const STATUS_OPTIONS: Array<{ value: DeliveryStatus | ''; label: string }> = [
  { value: '', label: 'All' },
  { value: 'succeeded', label: 'Succeeded' },
  { value: 'pending', label: 'Pending' },
  { value: 'failed', label: 'Failed' },
];

const isDeliveryStatus = (value: string | null): value is DeliveryStatus =>
  value === 'succeeded' || value === 'pending' || value === 'failed';

/** What an endpoint was sent and how it answered, newest first, filtered by status. */
export function DeliveryLog({ webhook, organizationId }: { webhook: Webhook; organizationId: string }) {
  const [status, setStatus] = useState<DeliveryStatus | undefined>();
  const deliveries = useWebhookDeliveries(webhook.id, status);
  const items = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  const label = `Deliveries to ${webhook.url}`;

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={`Filter the deliveries to ${webhook.url} by status`}
        data={STATUS_OPTIONS}
        value={status ?? ''}
        onChange={(value) => setStatus(isDeliveryStatus(value) ? value : undefined)}
        size="xs"
        style={{ alignSelf: 'flex-start' }}
      />
      {hasPendingDelivery(deliveries.data?.pages) && (
        <Text size="xs" c="dimmed">
          Some deliveries are still being retried: this log refreshes every {PENDING_POLL_MS / 1000} seconds.
        </Text>
      )}
      <ListStates
        query={deliveries}
        isEmpty={items.length === 0}
        loadingLabel="Loading deliveries…"
        emptyTitle={status ? `No ${status} deliveries` : 'No deliveries yet'}
        emptyText={
          status
            ? 'Try another status.'
            : 'Deliveries appear here when one of its events happens. Send a test event to try the endpoint now.'
        }
      >
        <DeliveryTable deliveries={items} organizationId={organizationId} label={label} />
        <DeliveryCards deliveries={items} organizationId={organizationId} />
        <ShowMore query={deliveries} label="Load more deliveries" />
      </ListStates>
    </Stack>
  );
}
