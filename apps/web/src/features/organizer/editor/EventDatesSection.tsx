import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import type { Event, EventDate } from '@zevents/contracts';
import { useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { ListStates } from '../../../components/ui/PagedList';
import { useNow } from '../../../components/ui/useNow';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import {
  useCreateEventDate,
  useDeleteEventDate,
  useUpdateEventDate,
} from '../mutations/useEventDateMutations';
import { useEventDates } from '../queries/useEventDates';
import { EventDateCard, eventDateLabel } from './EventDateCard';
import { EventDateForm } from './EventDateForm';

/**
 * The dates an event runs on (a play on 20 nights, a museum's hourly slots): each sells its own stock
 * of every ticket type. Without any, the event runs once, from its own start to its end.
 */
export function EventDatesSection({ event, editable }: { event: Event; editable: boolean }) {
  const titleId = useId();
  const dates = useEventDates(event.id);
  const create = useCreateEventDate(event.id);
  const update = useUpdateEventDate(event.id);
  const remove = useDeleteEventDate(event.id);
  const now = useNow(60_000);
  const [opened, { open, close }] = useDisclosure(false);
  const [editing, setEditing] = useState<EventDate | undefined>();
  const [deleting, setDeleting] = useState<EventDate | null>(null);
  const ticketTypes = event.ticketTypes ?? [];
  const items = dates.data?.items ?? [];

  const openForm = (date?: EventDate) => {
    setEditing(date);
    open();
  };
  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };
  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notifications.show({
          color: 'teal',
          message: `${eventDateLabel(deleting, event.timezone)} deleted`,
        });
        closeDelete();
      },
    });
  };

  return (
    <Stack gap="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4} style={{ flex: '1 1 320px' }}>
          <Title order={3} size="h5" id={titleId}>
            Dates
          </Title>
          <Text c="dimmed" size="sm">
            Run the event on several dates or time slots; buyers pick one. Each date sells its own tickets:
            every ticket type&apos;s capacity, or the one you set for that date.
          </Text>
        </Stack>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => openForm(undefined)}>
            Add date
          </Button>
        )}
      </Group>
      <ListStates
        query={dates}
        isEmpty={items.length === 0}
        loadingLabel="Loading dates…"
        emptyTitle="One date"
        emptyText="The event runs once, from its start to its end. Add dates to sell several."
      >
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((date) => (
            <EventDateCard
              key={date.id}
              date={date}
              timeZone={event.timezone}
              editable={editable}
              now={now}
              onEdit={() => openForm(date)}
              onDelete={() => setDeleting(date)}
            />
          ))}
        </Stack>
      </ListStates>
      <Modal
        opened={opened}
        onClose={close}
        title={editing ? `Edit ${eventDateLabel(editing, event.timezone)}` : 'New date'}
        size="lg"
        centered
        radius="xl"
        closeButtonProps={{ 'aria-label': 'Close the form' }}
      >
        <EventDateForm
          key={editing?.id ?? 'new'}
          ticketTypes={ticketTypes}
          timeZone={event.timezone}
          date={editing}
          onCancel={close}
          onSubmit={async (body) => {
            const saved = editing
              ? await update.mutateAsync({ dateId: editing.id, body })
              : await create.mutateAsync(body);
            notifications.show({
              color: 'teal',
              message: `${eventDateLabel(saved, event.timezone)} ${editing ? 'saved' : 'added'}`,
            });
            close();
          }}
        />
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        onClose={closeDelete}
        onConfirm={confirmDelete}
        loading={remove.isPending}
        error={remove.isError ? describeApiError(remove.error) : null}
        danger
        title={`Delete ${deleting ? eventDateLabel(deleting, event.timezone) : 'this date'}?`}
        confirmLabel="Delete date"
      >
        Buyers can no longer pick it. A date with orders cannot be deleted: refund or move them first.
      </ConfirmDialog>
    </Stack>
  );
}
