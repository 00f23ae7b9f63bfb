import { ActionIcon, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import type { CapacityPool, TicketType } from '@zevents/contracts';
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
                Full
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {names.length > 0 ? `Shared by ${names.join(', ')}` : 'No ticket types left in this pool'}
          </Text>
          <CapacityUsageBar label={`${pool.name} usage`} usage={pool} />
        </Stack>
        {editable && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Edit">
              <ActionIcon variant="subtle" size="lg" onClick={onEdit} aria-label={`Edit ${pool.name}`}>
                <IconPencil size={18} />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Delete">
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                onClick={onDelete}
                aria-label={`Delete ${pool.name}`}
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
