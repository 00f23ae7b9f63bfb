import { Alert, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage, ROLE_LABELS } from '../lib/roles';
import { BillingProfileCard } from './BillingProfileCard';
import { TaxRatesCard } from './TaxRatesCard';

/** `/organizer/billing`: the tax rates tickets are priced with and the seller invoices name. */
export default function BillingPage() {
  const { t } = useTranslation();
  const { organization } = useCurrentOrganization();
  const mayManage = canManage(organization.role);
  return (
    <>
      <PageHeader
        title={t('web.org.settings.billing.title')}
        description={t('web.org.settings.billing.description', { name: organization.name })}
      />
      <Stack gap="lg">
        {!mayManage && (
          <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />}>
            {t('web.org.settings.billing.readOnly', {
              role: ROLE_LABELS[organization.role],
              name: organization.name,
            })}
          </Alert>
        )}
        <TaxRatesCard organizationId={organization.id} mayManage={mayManage} />
        <BillingProfileCard organizationId={organization.id} mayManage={mayManage} />
      </Stack>
    </>
  );
}
