import { ActionIcon, Button, Group, Tooltip } from '@mantine/core';
import { IconArchive, IconPencil, IconRestore, IconTrash } from '@tabler/icons-react';
import type { TaxRate } from '@zevents/contracts';

export interface TaxRateActionHandlers {
  onEdit: (rate: TaxRate) => void;
  onToggleRetired: (rate: TaxRate) => void;
  onDelete: (rate: TaxRate) => void;
  /** The rate whose retire or bring-back request is on its way. */
  busyRateId: string | null;
}

/** A retired rate in use is already all that deleting it would make it: nothing is left to do. */
export const canDelete = (rate: TaxRate) => !(rate.inUse && rate.retiredAt);

/** Edit, retire or bring back, delete: each named with the rate for a screen reader's list of buttons. */
export function TaxRateActions({
  rate,
  onEdit,
  onToggleRetired,
  onDelete,
  busyRateId,
}: TaxRateActionHandlers & { rate: TaxRate }) {
  const isRetired = rate.retiredAt !== null;
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Tooltip label="Edit">
        <ActionIcon variant="subtle" size="lg" onClick={() => onEdit(rate)} aria-label={`Edit ${rate.name}`}>
          <IconPencil size={18} />
        </ActionIcon>
      </Tooltip>
      <Button
        size="compact-sm"
        variant="light"
        color={isRetired ? 'teal' : 'gray'}
        leftSection={
          isRetired ? <IconRestore size={14} aria-hidden /> : <IconArchive size={14} aria-hidden />
        }
        loading={busyRateId === rate.id}
        onClick={() => onToggleRetired(rate)}
        aria-label={`${isRetired ? 'Bring back' : 'Retire'} ${rate.name}`}
      >
        {isRetired ? 'Bring back' : 'Retire'}
      </Button>
      {canDelete(rate) && (
        <Tooltip label="Delete">
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            onClick={() => onDelete(rate)}
            aria-label={`Delete ${rate.name}`}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
