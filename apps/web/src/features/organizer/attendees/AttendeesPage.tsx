import { Anchor, Badge, Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconScan } from '@tabler/icons-react';
import type { Attendee, TicketStatus } from '@zevents/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ConfirmDialog } from '../../../components/ui/ConfirmDialog';
import { GlassCard } from '../../../components/ui/GlassCard';
import { ExportCsvButton, SearchInput } from '../../../components/ui/ListToolbar';
import { PageHeader } from '../../../components/ui/PageHeader';
import { PagedTable, type EmptyText } from '../../../components/ui/PagedList';
import { useCurrentOrganization } from '../layout/current-organization';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { buildQuery } from '../lib/pagination';
import { canManage } from '../lib/roles';
import { useUndoCheckIn } from '../mutations/useUndoCheckIn';
import { DateFilterSelect } from '../dates/DateFilterSelect';
import { useDateFilter } from '../dates/useDateFilter';
import { useEvent } from '../queries/useEvent';
import { useEventDates } from '../queries/useEventDates';
import { useEventAttendees } from '../queries/useEventAttendees';
import { useQuestions } from '../queries/useQuestions';
import { AnswerList } from '../orders/AnswerList';
import { useLiveEventStats } from '../queries/useLiveEventStats';
import { CheckInStateBadge } from './CheckInStateBadge';
import { formatCount } from '../../../components/ui/money';

const NO_ATTENDEES: EmptyText = {
  title: 'No attendees yet',
  text: 'Each ticket sold adds an attendee here.',
};
const NO_MATCH: EmptyText = { title: 'Nobody matches', text: 'Try another name, email or code.' };

/** Everyone holding a ticket, with their check-in state; searchable and exportable. */
export default function AttendeesPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  const dates = useEventDates(eventId);
  const dateItems = dates.data?.items ?? [];
  const [dateId, setDateId] = useDateFilter(dates.data?.items);
  const stats = useLiveEventStats(eventId, { dateId });
  const { membershipOf } = useCurrentOrganization();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<'' | TicketStatus>('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const filter = { q: q || undefined, status: status || undefined, dateId: dateId ?? undefined };
  const attendees = useEventAttendees(eventId, filter);
  const undo = useUndoCheckIn(eventId);
  const questions = useQuestions(eventId).data?.items ?? [];
  const attendeeQuestions = questions.filter((question) => question.appliesTo === 'attendee');
  const orderQuestions = questions.filter((question) => question.appliesTo === 'order');
  const [undoing, setUndoing] = useState<Attendee | null>(null);
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

  /** The attendee's name (to the order desk), email and answers: who they are at a glance. */
  const attendeeCell = (a: Attendee) => (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Anchor
        component={Link}
        to={`/organizer/events/${eventId}/orders/${a.orderId}`}
        size="sm"
        fw={600}
        aria-label={`${a.attendeeName}: open the order`}
      >
        {a.attendeeName}
      </Anchor>
      {a.attendeeEmail && (
        <Text size="xs" c="dimmed" truncate="end">
          {a.attendeeEmail}
        </Text>
      )}
      <AnswerList questions={attendeeQuestions} answers={a.answers} />
      <AnswerList questions={orderQuestions} answers={a.orderAnswers} />
    </Stack>
  );
  const ticketCell = (a: Attendee) => (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{a.ticketTypeName}</Text>
      {a.paymentMethod && (
        <Badge size="sm" variant="light" color={a.paymentMethod === 'comp' ? 'grape' : 'orange'}>
          {a.paymentMethod}
        </Badge>
      )}
    </Group>
  );

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
              to={`/door/${eventId}${buildQuery({ date: dateId })}`}
              variant="light"
              leftSection={<IconScan size={18} />}
            >
              Door check-in
            </Button>
            <ExportCsvButton href={`/api/events/${eventId}/attendees.csv${buildQuery(filter)}`} />
          </>
        }
      />
      <GlassCard p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Group gap="sm" wrap="wrap" align="flex-end">
            {dateItems.length > 0 && (
              <DateFilterSelect dates={dateItems} timeZone={timeZone} value={dateId} onChange={setDateId} />
            )}
            <SearchInput
              placeholder="Search name, email or ticket code"
              label="Search attendees by name, email or ticket code"
              value={search}
              onChange={setSearch}
              minWidth={260}
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
          <PagedTable
            query={attendees}
            rowKey={(a) => a.ticketId}
            minWidth={760}
            labels={{ loading: 'Loading attendees…', more: 'Show more attendees' }}
            empty={filter.q || filter.status || filter.dateId ? NO_MATCH : NO_ATTENDEES}
            card={(a) => (
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  {attendeeCell(a)}
                  <Text size="xs" c="dimmed">
                    {a.ticketTypeName}
                    {a.paymentMethod ? ` (${a.paymentMethod})` : ''} ·{' '}
                    <Text span ff="monospace" size="xs" style={{ whiteSpace: 'nowrap' }}>
                      {a.code}
                    </Text>
                  </Text>
                  <Text size="xs" c="dimmed" truncate="end">
                    {a.buyerEmail}
                  </Text>
                </Stack>
                <Stack gap={6} align="flex-end">
                  <CheckInStateBadge status={a.status} checkedInAt={a.checkedInAt} timeZone={timeZone} />
                  {undoButton(a)}
                </Stack>
              </Group>
            )}
            columns={[
              { header: 'Attendee', cell: attendeeCell },
              { header: 'Ticket', cell: ticketCell },
              {
                header: 'Code',
                cell: (a) => (
                  <Text size="sm" ff="monospace">
                    {a.code}
                  </Text>
                ),
              },
              {
                header: 'Bought by',
                cell: (a) => (
                  <>
                    <Text size="sm">{a.buyerName}</Text>
                    <Text size="xs" c="dimmed">
                      {a.buyerEmail}
                    </Text>
                  </>
                ),
              },
              {
                header: 'Check-in',
                cell: (a) => (
                  <CheckInStateBadge status={a.status} checkedInAt={a.checkedInAt} timeZone={timeZone} />
                ),
              },
              mayUndo && { header: 'Actions', isHeaderHidden: true, align: 'right', cell: undoButton },
            ]}
          />
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
