import { Badge, Group } from '@mantine/core';
import type { TaxRate } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';

/** Active or retired, and whether orders were priced with it (then its percentage is fixed). */
export function TaxRateStatus({ rate }: { rate: TaxRate }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      {rate.retiredAt ? (
        <Badge variant="light" color="gray" radius="sm">
          {t('web.org.settings.billing.rates.retired')}
        </Badge>
      ) : (
        <Badge variant="light" color="teal" radius="sm">
          {t('web.org.settings.billing.rates.active')}
        </Badge>
      )}
      {rate.inUse && (
        <Badge variant="outline" color="indigo" radius="sm">
          {t('web.org.settings.billing.rates.inUse')}
        </Badge>
      )}
    </Group>
  );
}
