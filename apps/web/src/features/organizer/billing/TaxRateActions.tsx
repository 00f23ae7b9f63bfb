import { ActionIcon, Button, Group, Tooltip } from '@mantine/core';
import { IconArchive, IconPencil, IconRestore, IconTrash } from '@tabler/icons-react';
import type { TaxRate } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';

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
  const { t } = useTranslation();
  const isRetired = rate.retiredAt !== null;
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Tooltip label={t('web.org.settings.billing.rates.edit')}>
        <ActionIcon
          variant="subtle"
          size="lg"
          onClick={() => onEdit(rate)}
          aria-label={t('web.org.settings.billing.rates.editLabel', { name: rate.name })}
        >
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
        aria-label={
          isRetired
            ? t('web.org.settings.billing.rates.bringBackLabel', { name: rate.name })
            : t('web.org.settings.billing.rates.retireLabel', { name: rate.name })
        }
      >
        {isRetired
          ? t('web.org.settings.billing.rates.bringBack')
          : t('web.org.settings.billing.rates.retire')}
      </Button>
      {canDelete(rate) && (
        <Tooltip label={t('web.org.settings.billing.rates.delete')}>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            onClick={() => onDelete(rate)}
            aria-label={t('web.org.settings.billing.rates.deleteLabel', { name: rate.name })}
          >
            <IconTrash size={18} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
