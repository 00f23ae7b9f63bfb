import { Text } from '@mantine/core';
import type { TaxRate } from '@zevents/contracts';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';

/**
 * Deleting a rate orders were priced with retires it instead (the orders must keep their tax), so the
 * question says which of the two is about to happen.
 */
export function DeleteTaxRateDialog({
  rate,
  onClose,
  onConfirm,
  loading,
  error,
}: {
  rate: TaxRate | null;
  onClose: () => void;
  onConfirm: () => void;
  loading: boolean;
  error: string | null;
}) {
  const isInUse = rate?.inUse ?? false;
  const name = rate?.name ?? '';
  return (
    <ConfirmDialog
      opened={rate !== null}
      onClose={onClose}
      onConfirm={onConfirm}
      loading={loading}
      error={error}
      danger={!isInUse}
      title={isInUse ? `Retire ${name} instead?` : `Delete ${name}?`}
      confirmLabel={isInUse ? 'Retire rate' : 'Delete rate'}
    >
      {isInUse ? (
        <>
          <Text size="sm">
            Orders were priced with {name}, so it cannot be deleted: those orders and their invoices keep it.
          </Text>
          <Text size="sm">
            It is retired instead: no ticket type can take it from now on. You can bring it back later.
          </Text>
        </>
      ) : (
        <Text size="sm">
          {name} is deleted for good. Ticket types that use it are sold without tax until you give them
          another rate.
        </Text>
      )}
    </ConfirmDialog>
  );
}
