import { Stack, Text, Title } from '@mantine/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../../components/ui/GlassCard';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useBillingProfile } from '../queries/useBillingProfile';
import { BillingProfileForm } from './BillingProfileForm';
import { BillingProfileSummary } from './BillingProfileSummary';

/** The seller the organization's invoices name: a form for owners and admins, a summary for staff. */
export function BillingProfileCard({
  organizationId,
  mayManage,
}: {
  organizationId: string;
  mayManage: boolean;
}) {
  const { t } = useTranslation();
  const profile = useBillingProfile(organizationId);
  const headingId = useId();
  return (
    <GlassCard p={{ base: 'md', sm: 'lg' }}>
      <Stack gap="md" component="section" aria-labelledby={headingId}>
        <Stack gap={4}>
          <Title order={2} fz="lg" id={headingId}>
            {t('web.org.settings.billing.profile.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('web.org.settings.billing.profile.intro')}
          </Text>
        </Stack>
        {profile.isPending ? (
          <LoadingState label={t('web.org.settings.billing.profile.loading')} />
        ) : profile.isError ? (
          <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
        ) : mayManage ? (
          // Another organization's profile starts a new form.
          <BillingProfileForm key={organizationId} organizationId={organizationId} profile={profile.data} />
        ) : (
          <BillingProfileSummary profile={profile.data} />
        )}
      </Stack>
    </GlassCard>
  );
}
