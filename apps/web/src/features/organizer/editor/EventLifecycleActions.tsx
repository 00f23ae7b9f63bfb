import { Button, List, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconBan, IconRocket } from '@tabler/icons-react';
import type { Event } from '@zevents/contracts';
import { useState } from 'react';
import { ApiError } from '../../../api/client';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { formatInZone } from '../lib/zoned-time';
import { useCancelEvent, usePublishEvent } from '../mutations/useEventStatusChange';

/** Publish a draft, or cancel the event; both ask first, cancelling twice as hard. */
export function EventLifecycleActions({ event }: { event: Event }) {
  const publish = usePublishEvent(event.id);
  const cancel = useCancelEvent(event.id);
  const [publishing, publishDialog] = useDisclosure(false);
  const [cancelling, cancelDialog] = useDisclosure(false);
  const [confirmText, setConfirmText] = useState('');
  const types = event.ticketTypes ?? [];

  const publishError =
    publish.error instanceof ApiError && publish.error.code === 'NO_TICKET_TYPES'
      ? 'Add at least one ticket type first, then publish.'
      : publish.error
        ? describeApiError(publish.error)
        : null;

  return (
    <>
      {event.status === 'draft' && (
        <Button
          leftSection={<IconRocket size={18} />}
          onClick={() => {
            publish.reset();
            publishDialog.open();
          }}
        >
          Publish
        </Button>
      )}
      {event.status !== 'cancelled' && (
        <Button
          variant="light"
          color="red"
          leftSection={<IconBan size={18} />}
          onClick={() => {
            cancel.reset();
            setConfirmText('');
            cancelDialog.open();
          }}
        >
          Cancel event
        </Button>
      )}

      <ConfirmDialog
        opened={publishing}
        onClose={publishDialog.close}
        title="Publish this event?"
        confirmLabel="Publish now"
        cancelLabel="Not yet"
        loading={publish.isPending}
        error={publishError}
        onConfirm={() =>
          publish.mutate(undefined, {
            onSuccess: () => {
              publishDialog.close();
              notifications.show({
                color: 'teal',
                title: 'Published',
                message: `${event.title} is on sale.`,
              });
            },
          })
        }
      >
        <Text size="sm">
          <b>{event.title}</b> (
          {formatInZone(event.startsAt, event.timezone, { dateStyle: 'long', timeStyle: 'short' })}) appears
          in the public catalogue, and buyers can buy tickets right away.
        </Text>
        {types.length === 0 ? (
          <Text size="sm" c="red">
            This event has no ticket types yet.
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {types.length} ticket type{types.length === 1 ? '' : 's'}: {types.map((t) => t.name).join(', ')}.
          </Text>
        )}
      </ConfirmDialog>

      <ConfirmDialog
        opened={cancelling}
        onClose={cancelDialog.close}
        title="Cancel this event?"
        confirmLabel="Cancel and refund"
        cancelLabel="Keep the event"
        danger
        loading={cancel.isPending}
        error={cancel.error ? describeApiError(cancel.error) : null}
        confirmDisabled={confirmText.trim().toLowerCase() !== 'cancel'}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              cancelDialog.close();
              notifications.show({
                color: 'orange',
                title: 'Event cancelled',
                message: 'Paid orders are being refunded and attendees emailed.',
              });
            },
          })
        }
      >
        <Text size="sm">This cannot be undone. When you cancel {event.title}:</Text>
        <List size="sm" spacing={4}>
          <List.Item>every paid order is refunded in full;</List.Item>
          <List.Item>every attendee is emailed that the event is cancelled;</List.Item>
          <List.Item>ticket sales stop and all tickets become invalid.</List.Item>
        </List>
        <TextInput
          label='Type "cancel" to confirm'
          value={confirmText}
          onChange={(e) => setConfirmText(e.currentTarget.value)}
          autoComplete="off"
        />
      </ConfirmDialog>
    </>
  );
}
