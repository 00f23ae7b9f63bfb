import { Avatar, Badge, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { MemberRole } from '@zevents/contracts';
import { GlassCard } from '../../../components/ui/GlassCard';
import { PageHeader } from '../../../components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useMe } from '../../../api/session';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage, ROLE_LABELS } from '../lib/roles';
import { useMembers } from '../queries/useMembers';
import { ApiKeysSection } from './ApiKeysSection';
import { InviteMemberForm } from './InviteMemberForm';

const ROLE_COLOR: Record<MemberRole, string> = { owner: 'violet', admin: 'indigo', staff: 'gray' };

/** Who is in the organization, adding people, and keys for integrations. */
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
                <EmptyState title="No members">Add people on the right.</EmptyState>
              ) : (
                <Table.ScrollContainer minWidth={300}>
                  <Table verticalSpacing="sm" className="ze-table-glass">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Member</Table.Th>
                        <Table.Th>Role</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {items.map((member) => (
                        <Table.Tr key={member.userId}>
                          <Table.Td>
                            <Group gap="sm" wrap="nowrap">
                              <Avatar name={member.name} color="initials" radius="xl" size={36} />
                              <Stack gap={0} style={{ minWidth: 0 }}>
                                <Text size="sm" fw={600} truncate="end">
                                  {member.name}
                                  {member.userId === me.data?.user.id && (
                                    <Text span c="dimmed" fw={400}>
                                      {' '}
                                      (you)
                                    </Text>
                                  )}
                                </Text>
                                <Text size="xs" c="dimmed" truncate="end">
                                  {member.email}
                                </Text>
                              </Stack>
                            </Group>
                          </Table.Td>
                          <Table.Td>
                            <Badge variant="light" color={ROLE_COLOR[member.role]} radius="sm">
                              {ROLE_LABELS[member.role]}
                            </Badge>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Stack>
          </GlassCard>
        </Grid.Col>
        {mayManage && (
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="lg">
              <GlassCard p={{ base: 'md', sm: 'lg' }}>
                <Stack gap="md">
                  <Title order={2} fz="lg">
                    Add a member
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
