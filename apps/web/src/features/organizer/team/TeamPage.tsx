import { Grid, Stack, Title } from '@mantine/core';
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
  const { organization } = useCurrentOrganization();
  const me = useMe();
  const members = useMembers(organization.id);
  const mayManage = canManage(organization.role);
  const items = members.data?.items ?? [];

  return (
    <>
      <PageHeader title="Team" description={`People who run ${organization.name}, and what each may do.`} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: mayManage ? 7 : 12 }}>
          <Stack gap="lg">
            <GlassCard p={{ base: 'md', sm: 'lg' }}>
              <Stack gap="md">
                <Title order={2} fz="lg">
                  Members
                </Title>
                {members.isPending ? (
                  <LoadingState label="Loading members…" />
                ) : members.isError ? (
                  <ErrorState error={members.error} onRetry={() => void members.refetch()} />
                ) : items.length === 0 ? (
                  <EmptyState title="No members">Invite people on the right.</EmptyState>
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
                    Pending invitations
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
                    Invite a member
                  </Title>
                  <InviteMemberForm organizationId={organization.id} myRole={organization.role} />
                </Stack>
              </GlassCard>
              <GlassCard p={{ base: 'md', sm: 'lg' }}>
                <Stack gap="md">
                  <Title order={2} fz="lg">
                    API keys
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
