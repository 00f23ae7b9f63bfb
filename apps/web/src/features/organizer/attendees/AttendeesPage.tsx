import { Anchor, Badge, Button, Group, ScrollArea, SegmentedControl, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconScan } from '@tabler/icons-react';
import type { Attendee, TicketStatus } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { paymentMethodLabel } from './payment-method';
import { formatCount } from '../../../components/ui/money';

const noAttendees = (t: TFunction): EmptyText => ({
  title: t('web.org.core.attendees.noAttendeesTitle'),
  text: t('web.org.core.attendees.noAttendeesText'),
});
const noMatch = (t: TFunction): EmptyText => ({
  title: t('web.org.core.attendees.noMatchTitle'),
  text: t('web.org.core.attendees.noMatchText'),
});

/** Everyone holding a ticket, with their check-in state; searchable and exportable. */
export default function AttendeesPage() {
  const { t } = useTranslation();
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
        aria-label={t('web.org.core.attendees.undoAria', { name: attendee.attendeeName })}
      >
        {t('web.org.core.attendees.undo')}
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
        aria-label={t('web.org.core.attendees.openOrder', { name: a.attendeeName })}
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
          {paymentMethodLabel(a.paymentMethod, t)}
        </Badge>
      )}
    </Group>
  );

  return (
    <>
      <PageHeader
        back={{
          to: `/organizer/events/${eventId}`,
          label: event.data?.title ?? t('web.org.core.attendees.dashboard'),
        }}
        title={t('web.org.core.attendees.title')}
        description={
          stats.data
            ? t('web.org.core.attendees.checkedInOf', {
                checkedIn: formatCount(stats.data.checkedIn),
                sold: formatCount(stats.data.ticketsSold),
              })
            : t('web.org.core.attendees.description')
        }
        actions={
          <>
            <Button
              component={Link}
              to={`/door/${eventId}${buildQuery({ date: dateId })}`}
              variant="light"
              leftSection={<IconScan size={18} />}
            >
              {t('web.org.core.attendees.doorCheckIn')}
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
              placeholder={t('web.org.core.attendees.searchPlaceholder')}
              label={t('web.org.core.attendees.searchLabel')}
              value={search}
              onChange={setSearch}
              minWidth={260}
            />
            {/* Scrolls sideways on a phone, where the German labels are wider than the card. */}
            <ScrollArea type="auto" scrollbars="x" offsetScrollbars="x" maw="100%">
              <SegmentedControl
                value={status}
                onChange={(value) => setStatus(value as '' | TicketStatus)}
                aria-label={t('web.org.core.attendees.filterState')}
                data={[
                  { value: '', label: t('web.org.core.attendees.all') },
                  { value: 'valid', label: t('web.org.core.attendees.notYet') },
                  { value: 'checked_in', label: t('web.org.core.attendees.checkedInFilter') },
                  { value: 'void', label: t('web.org.core.attendees.void') },
                ]}
              />
            </ScrollArea>
          </Group>
          <PagedTable
            query={attendees}
            rowKey={(a) => a.ticketId}
            minWidth={760}
            labels={{
              loading: t('web.org.core.attendees.loading'),
              more: t('web.org.core.attendees.showMore'),
            }}
            empty={filter.q || filter.status || filter.dateId ? noMatch(t) : noAttendees(t)}
            card={(a) => (
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  {attendeeCell(a)}
                  <Text size="xs" c="dimmed">
                    {a.ticketTypeName}
                    {a.paymentMethod ? ` (${paymentMethodLabel(a.paymentMethod, t)})` : ''} ·{' '}
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
              { header: t('web.org.core.attendees.attendee'), cell: attendeeCell },
              { header: t('web.org.core.attendees.ticket'), cell: ticketCell },
              {
                header: t('web.org.core.attendees.code'),
                cell: (a) => (
                  <Text size="sm" ff="monospace">
                    {a.code}
                  </Text>
                ),
              },
              {
                header: t('web.org.core.attendees.boughtBy'),
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
                header: t('web.org.core.attendees.checkIn'),
                cell: (a) => (
                  <CheckInStateBadge status={a.status} checkedInAt={a.checkedInAt} timeZone={timeZone} />
                ),
              },
              mayUndo && {
                header: t('web.org.core.attendees.actions'),
                isHeaderHidden: true,
                align: 'right',
                cell: undoButton,
              },
            ]}
          />
        </Stack>
      </GlassCard>
      <ConfirmDialog
        opened={undoing !== null}
        onClose={() => setUndoing(null)}
        title={t('web.org.core.attendees.undoTitle')}
        confirmLabel={t('web.org.core.attendees.undoConfirm')}
        cancelLabel={t('web.org.core.attendees.keepIt')}
        loading={undo.isPending}
        error={undo.error ? describeApiError(undo.error) : null}
        onConfirm={() =>
          undoing &&
          undo.mutate(undoing.ticketId, {
            onSuccess: () => {
              notifications.show({
                message: t('web.org.core.attendees.undone', { name: undoing.attendeeName }),
              });
              setUndoing(null);
            },
          })
        }
      >
        {t('web.org.core.attendees.undoBody', {
          name: undoing?.attendeeName ?? t('web.org.core.attendees.thisAttendee'),
          code: undoing?.code ?? '',
        })}
      </ConfirmDialog>
    </>
  );
}
