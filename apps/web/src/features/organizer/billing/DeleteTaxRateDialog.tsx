import { Text } from '@mantine/core';
import type { TaxRate } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
      title={
        isInUse
          ? t('web.org.settings.billing.rates.retireInstead', { name })
          : t('web.org.settings.billing.rates.deleteTitle', { name })
      }
      confirmLabel={
        isInUse
          ? t('web.org.settings.billing.rates.retireRate')
          : t('web.org.settings.billing.rates.deleteRate')
      }
    >
      {isInUse ? (
        <>
          <Text size="sm">{t('web.org.settings.billing.rates.inUseBody1', { name })}</Text>
          <Text size="sm">{t('web.org.settings.billing.rates.inUseBody2')}</Text>
        </>
      ) : (
        <Text size="sm">{t('web.org.settings.billing.rates.deleteBody', { name })}</Text>
      )}
    </ConfirmDialog>
  );
}
