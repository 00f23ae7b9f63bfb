import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import type { Event, EventDate } from '@zevents/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
          message: t('web.org.editor.dates.deleted', { label: eventDateLabel(deleting, event.timezone) }),
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
            {t('web.org.editor.dates.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('web.org.editor.dates.intro')}
          </Text>
        </Stack>
        {editable && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => openForm(undefined)}>
            {t('web.org.editor.dates.add')}
          </Button>
        )}
      </Group>
      <ListStates
        query={dates}
        isEmpty={items.length === 0}
        loadingLabel={t('web.org.editor.dates.loading')}
        emptyTitle={t('web.org.editor.dates.emptyTitle')}
        emptyText={t('web.org.editor.dates.emptyText')}
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
        title={
          editing
            ? t('web.org.editor.dates.editTitle', { label: eventDateLabel(editing, event.timezone) })
            : t('web.org.editor.dates.newTitle')
        }
        size="lg"
        centered
        radius="xl"
        closeButtonProps={{ 'aria-label': t('web.org.editor.dates.closeForm') }}
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
              message: editing
                ? t('web.org.editor.dates.saved', { label: eventDateLabel(saved, event.timezone) })
                : t('web.org.editor.dates.added', { label: eventDateLabel(saved, event.timezone) }),
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
        title={
          deleting
            ? t('web.org.editor.dates.deleteTitle', { label: eventDateLabel(deleting, event.timezone) })
            : t('web.org.editor.dates.deleteThis')
        }
        confirmLabel={t('web.org.editor.dates.deleteConfirm')}
      >
        {t('web.org.editor.dates.deleteBody')}
      </ConfirmDialog>
    </Stack>
  );
}
