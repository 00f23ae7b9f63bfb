import { Grid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { GlassCard } from '../../../components/ui/GlassCard';
import { PageHeader } from '../../../components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useMe } from '../../../api/session';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage } from '../lib/roles';
import { useMembers } from '../queries/useMembers';
import { ApiKeysSection } from './ApiKeysSection';
import { InviteMemberForm } from './InviteMemberForm';
import { MembersTable } from './MembersTable';
import { PendingInvitations } from './PendingInvitations';

/** Who is in the organization, inviting people, their roles, and keys for integrations. */
export default function TeamPage() {
  const { t } = useTranslation();
  const { organization } = useCurrentOrganization();
  const me = useMe();
  const members = useMembers(organization.id);
  const mayManage = canManage(organization.role);
  const items = members.data?.items ?? [];

  return (
    <>
      <PageHeader
        title={t('web.org.settings.team.title')}
        description={t('web.org.settings.team.description', { name: organization.name })}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: mayManage ? 7 : 12 }}>
          <Stack gap="lg">
            <GlassCard p={{ base: 'md', sm: 'lg' }}>
              <Stack gap="md">
                <Title order={2} fz="lg">
                  {t('web.org.settings.team.members')}
                </Title>
                {members.isPending ? (
                  <LoadingState label={t('web.org.settings.team.loadingMembers')} />
                ) : members.isError ? (
                  <ErrorState error={members.error} onRetry={() => void members.refetch()} />
                ) : items.length === 0 ? (
                  <EmptyState title={t('web.org.settings.team.noMembers')}>
                    {t('web.org.settings.team.noMembersHint')}
                  </EmptyState>
                ) : (
                  <MembersTable
                    organizationId={organization.id}
                    organizationName={organization.name}
                    members={items}
                    myRole={organization.role}
                    myUserId={me.data?.user.id}
                  />
                )}
              </Stack>
            </GlassCard>
            {mayManage && (
              <GlassCard p={{ base: 'md', sm: 'lg' }}>
                <Stack gap="md">
                  <Title order={2} fz="lg">
                    {t('web.org.settings.team.pending')}
                  </Title>
                  <PendingInvitations organizationId={organization.id} myRole={organization.role} />
                </Stack>
              </GlassCard>
            )}
          </Stack>
        </Grid.Col>
        {mayManage && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="lg">
              <GlassCard p={{ base: 'md', sm: 'lg' }}>
                <Stack gap="md">
                  <Title order={2} fz="lg">
                    {t('web.org.settings.team.invite')}
                  </Title>
                  <InviteMemberForm organizationId={organization.id} myRole={organization.role} />
                </Stack>
              </GlassCard>
              <GlassCard p={{ base: 'md', sm: 'lg' }}>
                <Stack gap="md">
                  <Title order={2} fz="lg">
                    {t('web.org.settings.team.apiKeys')}
                  </Title>
                  <ApiKeysSection organizationId={organization.id} />
                </Stack>
              </GlassCard>
            </Stack>
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}
