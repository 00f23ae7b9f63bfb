import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import type { CapacityPool, Event } from '@zevents/contracts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { ListStates } from '../../../components/ui/PagedList';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import {
  useCreateCapacityPool,
  useDeleteCapacityPool,
  useUpdateCapacityPool,
} from '../mutations/useCapacityPoolMutations';
import { useCapacityPools } from '../queries/useCapacityPools';
import { CapacityPoolCard } from './CapacityPoolCard';
import { CapacityPoolForm } from './CapacityPoolForm';

/** Capacities shared by several ticket types of the event ("Hall 500" over every type sold for it). */
export function CapacityPoolsSection({ event, editable }: { event: Event; editable: boolean }) {
  const { t } = useTranslation();
  const titleId = useId();
  const pools = useCapacityPools(event.id);
  const create = useCreateCapacityPool(event.id);
  const update = useUpdateCapacityPool(event.id);
  const remove = useDeleteCapacityPool(event.id);
  const [opened, { open, close }] = useDisclosure(false);
  const [editing, setEditing] = useState<CapacityPool | undefined>();
  const [deleting, setDeleting] = useState<CapacityPool | null>(null);
  const ticketTypes = event.ticketTypes ?? [];
  const items = pools.data?.items ?? [];

  const openForm = (pool?: CapacityPool) => {
    setEditing(pool);
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
          message: t('web.org.editor.ticketTypes.deleted', { name: deleting.name }),
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
            {t('web.org.editor.pools.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {t('web.org.editor.pools.intro')}
          </Text>
        </Stack>
        {editable && ticketTypes.length > 0 && (
          <Button leftSection={<IconPlus size={16} />} variant="light" onClick={() => openForm(undefined)}>
            {t('web.org.editor.pools.add')}
          </Button>
        )}
      </Group>
      <ListStates
        query={pools}
        isEmpty={items.length === 0}
        loadingLabel={t('web.org.editor.pools.loading')}
        emptyTitle={t('web.org.editor.pools.emptyTitle')}
        emptyText={
          ticketTypes.length === 0
            ? t('web.org.editor.pools.emptyNoTypes')
            : t('web.org.editor.pools.emptyText')
        }
      >
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((pool) => (
            <CapacityPoolCard
              key={pool.id}
              pool={pool}
              ticketTypes={ticketTypes}
              editable={editable}
              onEdit={() => openForm(pool)}
              onDelete={() => setDeleting(pool)}
            />
          ))}
        </Stack>
      </ListStates>
      <Modal
        opened={opened}
        onClose={close}
        title={
          editing
            ? t('web.org.editor.ticketTypes.editTitle', { name: editing.name })
            : t('web.org.editor.pools.newTitle')
        }
        size="lg"
        centered
        radius="xl"
        closeButtonProps={{ 'aria-label': t('web.org.editor.dates.closeForm') }}
      >
        <CapacityPoolForm
          key={editing?.id ?? 'new'}
          ticketTypes={ticketTypes}
          pool={editing}
          onCancel={close}
          onSubmit={async (body) => {
            if (editing) await update.mutateAsync({ poolId: editing.id, body });
            else await create.mutateAsync(body);
            notifications.show({
              color: 'teal',
              message: editing
                ? t('web.org.editor.ticketTypes.saved', { name: body.name })
                : t('web.org.editor.ticketTypes.added', { name: body.name }),
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
        title={t('web.org.editor.ticketTypes.deleteTitle', { name: deleting?.name ?? '' })}
        confirmLabel={t('web.org.editor.pools.deleteConfirm')}
      >
        {t('web.org.editor.pools.deleteBody')}
      </ConfirmDialog>
    </Stack>
  );
}
