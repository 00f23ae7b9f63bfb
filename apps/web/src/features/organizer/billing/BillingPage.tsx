import { Alert, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { PageHeader } from '../../../components/ui/PageHeader';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage, ROLE_LABELS } from '../lib/roles';
import { BillingProfileCard } from './BillingProfileCard';
import { TaxRatesCard } from './TaxRatesCard';

/** `/organizer/billing`: the tax rates tickets are priced with and the seller invoices name. */
export default function BillingPage() {
  const { organization } = useCurrentOrganization();
  const mayManage = canManage(organization.role);
  return (
    <>
      <PageHeader
        title="Billing"
        description={`The taxes ${organization.name} charges and the details its invoices carry.`}
      />
      <Stack gap="lg">
        {!mayManage && (
          <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />}>
            You are {ROLE_LABELS[organization.role].toLowerCase()} in {organization.name}: you can read these
            settings, and an owner or admin changes them.
          </Alert>
        )}
        <TaxRatesCard organizationId={organization.id} mayManage={mayManage} />
        <BillingProfileCard organizationId={organization.id} mayManage={mayManage} />
      </Stack>
    </>
  );
}
