import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import type { CapacityPool, TicketType } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { CapacityUsageBar } from './CapacityUsageBar';

/** The pool's ticket types by name, in the event's order (ids the event no longer has are skipped). */
export function poolTypeNames(pool: CapacityPool, ticketTypes: readonly TicketType[]): string[] {
  return ticketTypes.filter((type) => pool.ticketTypeIds.includes(type.id)).map((type) => type.name);
}

/** One shared capacity: its name, the ticket types drawing from it, how full it is; edit and delete. */
export function CapacityPoolCard({
  pool,
  ticketTypes,
  editable,
  onEdit,
  onDelete,
}: {
  pool: CapacityPool;
  ticketTypes: readonly TicketType[];
  editable: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t } = useTranslation();
  const names = poolTypeNames(pool, ticketTypes);
  return (
    <Paper component="li" withBorder p="md" radius="lg" bg="var(--mantine-color-body)">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
              {pool.name}
            </Text>
            {pool.available === 0 && (
              <Badge variant="filled" color="red" radius="sm">
                {t('web.org.editor.pools.full')}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {names.length > 0
              ? t('web.org.editor.pools.sharedBy', { names: names.join(', ') })
              : t('web.org.editor.pools.noTypesLeft')}
          </Text>
          <CapacityUsageBar label={t('web.org.editor.dates.usage', { label: pool.name })} usage={pool} />
        </Stack>
        {editable && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label={t('web.org.editor.ticketTypes.edit')}>
              <ActionIcon
                variant="subtle"
                size="lg"
                onClick={onEdit}
                aria-label={t('web.org.editor.ticketTypes.editLabel', { name: pool.name })}
              >
                <IconPencil size={18} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t('web.org.editor.ticketTypes.delete')}>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                onClick={onDelete}
                aria-label={t('web.org.editor.ticketTypes.deleteLabel', { name: pool.name })}
              >
                <IconTrash size={18} />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
    </Paper>
  );
}
