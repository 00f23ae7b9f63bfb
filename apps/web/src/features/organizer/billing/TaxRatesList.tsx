import { Stack, Text } from '@mantine/core';
import type { TaxRate } from '@zevents/contracts';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../../components/ui/DataTable';
import { PhoneCards } from '../../../components/ui/PagedList';
import { TAX_MODE_LABELS, modeOf } from './tax-rate-form-values';
import { formatRate } from './tax-rate-percent';
import { TaxRateActions, type TaxRateActionHandlers } from './TaxRateActions';
import { TaxRateStatus } from './TaxRateStatus';

interface TaxRatesListProps {
  rates: TaxRate[];
  /** Absent for staff: they read the rates, owners and admins change them. */
  actions?: TaxRateActionHandlers;
}

/** A rate on a phone: its name and rate on top, then its status, then its actions on their own row. */
function TaxRateCard({ rate, actions }: { rate: TaxRate; actions?: TaxRateActionHandlers }) {
  return (
    <Stack gap="xs">
      <Stack gap={2}>
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {rate.name}
        </Text>
        <Text size="sm" c="dimmed">
          {formatRate(rate.rateBasisPoints)} · {TAX_MODE_LABELS[modeOf(rate.inclusive)]}
        </Text>
      </Stack>
      <TaxRateStatus rate={rate} />
      {actions && <TaxRateActions rate={rate} {...actions} />}
    </Stack>
  );
}

/** The rates as a table from `sm` up, one card per rate on a phone. */
export function TaxRatesList({ rates, actions }: TaxRatesListProps) {
  const { t } = useTranslation();
  return (
    <>
      <DataTable
        items={rates}
        rowKey={(rate) => rate.id}
        minWidth={actions ? 640 : 480}
        visibleFrom="sm"
        label={t('web.org.settings.billing.rates.table')}
        columns={[
          {
            header: t('web.org.settings.billing.rates.name'),
            cell: (rate) => (
              <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                {rate.name}
              </Text>
            ),
          },
          {
            header: t('web.org.settings.billing.rates.rate'),
            align: 'right',
            cell: (rate) => <span style={{ whiteSpace: 'nowrap' }}>{formatRate(rate.rateBasisPoints)}</span>,
          },
          {
            header: t('web.org.settings.billing.rates.applies'),
            cell: (rate) => TAX_MODE_LABELS[modeOf(rate.inclusive)],
          },
          {
            header: t('web.org.settings.billing.rates.status'),
            cell: (rate) => <TaxRateStatus rate={rate} />,
          },
          actions !== undefined && {
            header: t('web.org.settings.billing.rates.actions'),
            isHeaderHidden: true,
            align: 'right',
            cell: (rate) => <TaxRateActions rate={rate} {...actions} />,
          },
        ]}
      />
      <PhoneCards items={rates} rowKey={(rate) => rate.id}>
        {(rate) => <TaxRateCard rate={rate} actions={actions} />}
      </PhoneCards>
    </>
  );
}
