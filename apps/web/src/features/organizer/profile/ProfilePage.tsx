import { Alert, Grid, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/ui/PageHeader';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage, ROLE_LABELS } from '../lib/roles';
import { OrganizationLogoCard } from '../team/OrganizationLogoCard';
import { EmbedCard } from './EmbedCard';
import { ProfileCard } from './ProfileCard';
import { useOrganizationProfile } from './useOrganizationProfile';

/** `/organizer/profile`: the public organizer page's texts and logo, and selling from the organizer's own website. */
export default function ProfilePage() {
  const { t } = useTranslation();
  const { organization } = useCurrentOrganization();
  const mayManage = canManage(organization.role);
  const profile = useOrganizationProfile(organization.id);
  return (
    <>
      <PageHeader
        title={t('web.org.settings.profile.title')}
        description={t('web.org.settings.profile.description', { name: organization.name })}
      />
      {profile.isPending ? (
        <LoadingState label={t('web.org.settings.profile.loading')} />
      ) : profile.isError ? (
        <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />
      ) : (
        <Stack gap="lg">
          {!mayManage && (
            <Alert color="gray" variant="light" icon={<IconLock size={18} aria-hidden />}>
              {t('web.org.settings.profile.readOnly', {
                role: ROLE_LABELS[organization.role],
                name: organization.name,
              })}
            </Alert>
          )}
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              {/* Keyed by the organization: switching organizations starts the form afresh. */}
              <ProfileCard key={profile.data.id} profile={profile.data} mayManage={mayManage} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              {mayManage && <OrganizationLogoCard organization={organization} />}
            </Grid.Col>
          </Grid>
          <EmbedCard key={`embed-${profile.data.id}`} profile={profile.data} mayManage={mayManage} />
        </Stack>
      )}
    </>
  );
}
