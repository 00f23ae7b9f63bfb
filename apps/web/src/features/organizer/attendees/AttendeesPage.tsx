import { Button, Center, Group, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconDownload, IconScan, IconSearch } from '@tabler/icons-react';
import type { Attendee, TicketStatus } from '@zevents/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { GlassCard } from '../../../components/ui/GlassCard';
import { PageHeader } from '../../../components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useCurrentOrganization } from '../layout/current-organization';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { buildQuery } from '../lib/pagination';
import { canManage } from '../lib/roles';
import { useUndoCheckIn } from '../mutations/useUndoCheckIn';
import { useEvent } from '../queries/useEvent';
import { useEventAttendees } from '../queries/useEventAttendees';
import { useLiveEventStats } from '../queries/useLiveEventStats';
import { CheckInStateBadge } from './CheckInStateBadge';
import { formatCount } from '../../../components/ui/money';

/** Everyone holding a ticket, with their check-in state; searchable and exportable. */
export default function AttendeesPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  const stats = useLiveEventStats(eventId);
  const { membershipOf } = useCurrentOrganization();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<'' | TicketStatus>('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const filter = { q: q || undefined, status: status || undefined };
  const attendees = useEventAttendees(eventId, filter);
  const undo = useUndoCheckIn(eventId);
  const [undoing, setUndoing] = useState<Attendee | null>(null);
  const items = attendees.data?.pages.flatMap((page) => page.items) ?? [];
  const timeZone = event.data?.timezone ?? 'UTC';
  const mayUndo = canManage(event.data ? membershipOf(event.data.organizationId)?.role : undefined);

  const undoButton = (attendee: Attendee) =>
    mayUndo && attendee.status === 'checked_in' ? (
      <Button
        size="compact-sm"
        variant="subtle"
        color="gray"
        leftSection={<IconArrowBackUp size={14} />}
        onClick={() => {
          undo.reset();
          setUndoing(attendee);
        }}
        aria-label={`Undo the check-in of ${attendee.attendeeName}`}
      >
        Undo
      </Button>
    ) : null;

  return (
    <>
      <PageHeader
        back={{ to: `/organizer/events/${eventId}`, label: event.data?.title ?? 'Dashboard' }}
        title="Attendees"
        description={
          stats.data
            ? `${formatCount(stats.data.checkedIn)} of ${formatCount(stats.data.ticketsSold)} checked in`
            : 'One line per ticket, with its check-in state.'
        }
        actions={
          <>
            <Button
              component={Link}
              to={`/door/${eventId}`}
              variant="light"
              leftSection={<IconScan size={18} />}
            >
              Door check-in
            </Button>
            <Button
              component="a"
              href={`/api/events/${eventId}/attendees.csv${buildQuery(filter)}`}
              download
              variant="default"
              leftSection={<IconDownload size={18} />}
            >
              Export CSV
            </Button>
          </>
        }
      />
      <GlassCard p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Group gap="sm" wrap="wrap">
            <TextInput
              placeholder="Search name, email or ticket code"
              aria-label="Search attendees by name, email or ticket code"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              style={{ flex: '1 1 260px' }}
            />
            <SegmentedControl
              value={status}
              onChange={(value) => setStatus(value as '' | TicketStatus)}
              aria-label="Filter by check-in state"
              data={[
                { value: '', label: 'All' },
                { value: 'valid', label: 'Not yet' },
                { value: 'checked_in', label: 'Checked in' },
                { value: 'void', label: 'Void' },
              ]}
            />
          </Group>
          {attendees.isPending ? (
            <LoadingState label="Loading attendees…" />
          ) : attendees.isError ? (
            <ErrorState error={attendees.error} onRetry={() => void attendees.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState title={filter.q || filter.status ? 'Nobody matches' : 'No attendees yet'}>
              {filter.q || filter.status
                ? 'Try another name, email or code.'
                : 'Each ticket sold adds an attendee here.'}
            </EmptyState>
          ) : (
            <>
              <Table.ScrollContainer minWidth={760} visibleFrom="sm">
                <Table verticalSpacing="sm" highlightOnHover className="ze-table-glass">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Attendee</Table.Th>
                      <Table.Th>Ticket</Table.Th>
                      <Table.Th>Code</Table.Th>
                      <Table.Th>Bought by</Table.Th>
                      <Table.Th>Check-in</Table.Th>
                      {mayUndo && <Table.Th aria-label="Actions" />}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((a) => (
                      <Table.Tr key={a.ticketId}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {a.attendeeName}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{a.ticketTypeName}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" ff="monospace">
                            {a.code}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{a.buyerName}</Text>
                          <Text size="xs" c="dimmed">
                            {a.buyerEmail}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <CheckInStateBadge
                            status={a.status}
                            checkedInAt={a.checkedInAt}
                            timeZone={timeZone}
                          />
                        </Table.Td>
                        {mayUndo && <Table.Td ta="right">{undoButton(a)}</Table.Td>}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Stack gap="sm" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {items.map((a) => (
                  <Paper
                    key={a.ticketId}
                    component="li"
                    withBorder
                    p="md"
                    radius="lg"
                    bg="var(--mantine-color-body)"
                  >
                    <Group justify="space-between" align="flex-start" wrap="nowrap">
                      <Stack gap={2} style={{ minWidth: 0 }}>
                        <Text size="sm" fw={600} truncate="end">
                          {a.attendeeName}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {a.ticketTypeName} ·{' '}
                          <Text span ff="monospace" size="xs" style={{ whiteSpace: 'nowrap' }}>
                            {a.code}
                          </Text>
                        </Text>
                        <Text size="xs" c="dimmed" truncate="end">
                          {a.buyerEmail}
                        </Text>
                      </Stack>
                      <Stack gap={6} align="flex-end">
                        <CheckInStateBadge
                          status={a.status}
                          checkedInAt={a.checkedInAt}
                          timeZone={timeZone}
                        />
                        {undoButton(a)}
                      </Stack>
                    </Group>
                  </Paper>
                ))}
              </Stack>
              {attendees.hasNextPage && (
                <Center>
                  <Button
                    variant="light"
                    onClick={() => void attendees.fetchNextPage()}
                    loading={attendees.isFetchingNextPage}
                  >
                    Show more attendees
                  </Button>
                </Center>
              )}
            </>
          )}
        </Stack>
      </GlassCard>
      <ConfirmDialog
        opened={undoing !== null}
        onClose={() => setUndoing(null)}
        title="Undo this check-in?"
        confirmLabel="Undo check-in"
        cancelLabel="Keep it"
        loading={undo.isPending}
        error={undo.error ? describeApiError(undo.error) : null}
        onConfirm={() =>
          undoing &&
          undo.mutate(undoing.ticketId, {
            onSuccess: () => {
              notifications.show({ message: `${undoing.attendeeName} can be scanned again.` });
              setUndoing(null);
            },
          })
        }
      >
        {`${undoing?.attendeeName ?? 'This attendee'} (${undoing?.code ?? ''}) will show as not checked in, and the ticket can be scanned again.`}
      </ConfirmDialog>
    </>
  );
}
