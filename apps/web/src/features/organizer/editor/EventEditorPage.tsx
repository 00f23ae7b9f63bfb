import { Alert, Badge, Button, Divider, Stack, Tabs } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBell,
  IconChartAreaLine,
  IconDiscount,
  IconInfoCircle,
  IconListDetails,
  IconListNumbers,
  IconMail,
  IconMessageQuestion,
  IconTicket,
  IconReceiptTax,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link, useParams, useSearchParams } from 'react-router';
import { GlassCard } from '../../../components/ui/GlassCard';
import { PageHeader } from '../../../components/ui/PageHeader';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { EventStatusBadge } from '../events/EventStatusBadge';
import { useCurrentOrganization } from '../layout/current-organization';
import { canManage } from '../lib/roles';
import { useUpdateEvent } from '../mutations/useUpdateEvent';
import { useEvent } from '../queries/useEvent';
import { BankTransferSection } from './BankTransferSection';
import { CapacityPoolsSection } from './CapacityPoolsSection';
import { CoverImageSection } from './CoverImageSection';
import { EventDatesSection } from './EventDatesSection';
import { EventDetailsForm } from './EventDetailsForm';
import { EventLifecycleActions } from './EventLifecycleActions';
import { MessagesSection } from './MessagesSection';
import { PromoCodesSection } from './PromoCodesSection';
import { QuestionsSection } from './QuestionsSection';
import { RemindersSection } from './RemindersSection';
import { ServiceFeeSection } from './ServiceFeeSection';
import { TicketTypesSection } from './TicketTypesSection';
import { WaitingListSection } from './WaitingListSection';
import { WaitingRoomSection } from './WaitingRoomSection';

const TABS = [
  'details',
  'tickets',
  'questions',
  'promo-codes',
  'reminders',
  'messages',
  'waiting-room',
  'payments',
  'waiting-list',
] as const;
type Tab = (typeof TABS)[number];

/** Everything about one event that its owners and admins can change. */
export default function EventEditorPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  const update = useUpdateEvent(eventId);
  const { membershipOf } = useCurrentOrganization();
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'details';

  if (event.isPending) return <LoadingState label="Loading the event…" />;
  if (event.isError) return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;

  const data = event.data;
  const role = membershipOf(data.organizationId)?.role;
  const isCancelled = data.status === 'cancelled';
  const editable = canManage(role) && !isCancelled;
  const typeCount = data.ticketTypes?.length ?? 0;

  return (
    <>
      <PageHeader
        back={{ to: '/organizer', label: 'All events' }}
        title={data.title}
        badge={<EventStatusBadge status={data.status} />}
        description="Details, tickets, questions, discounts and reminders."
        actions={
          <>
            <Button
              component={Link}
              to={`/organizer/events/${data.id}`}
              variant="default"
              leftSection={<IconChartAreaLine size={18} />}
            >
              Dashboard
            </Button>
            {canManage(role) && <EventLifecycleActions event={data} />}
          </>
        }
      />
      {!canManage(role) && (
        <Alert color="indigo" icon={<IconInfoCircle size={18} />} mb="lg">
          Staff can look but not edit. Ask an owner or admin of the organization to make changes.
        </Alert>
      )}
      {isCancelled && (
        <Alert color="red" icon={<IconInfoCircle size={18} />} mb="lg" title="This event is cancelled">
          Paid orders were refunded and attendees told. A cancelled event can no longer change.
        </Alert>
      )}
      {data.status === 'draft' && typeCount === 0 && editable && tab !== 'tickets' && (
        <Alert color="indigo" variant="light" icon={<IconTicket size={18} />} mb="lg">
          Next step: add a ticket type, then publish.{' '}
          <Button
            variant="white"
            size="compact-sm"
            onClick={() => setSearch({ tab: 'tickets' }, { replace: true })}
          >
            Add ticket types
          </Button>
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) => setSearch(value && value !== 'details' ? { tab: value } : {}, { replace: true })}
        variant="pills"
        radius="xl"
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="details" leftSection={<IconListDetails size={16} />}>
            Details
          </Tabs.Tab>
          <Tabs.Tab
            value="tickets"
            leftSection={<IconTicket size={16} />}
            rightSection={
              <Badge size="xs" circle variant="light">
                {typeCount}
              </Badge>
            }
          >
            Ticket types
          </Tabs.Tab>
          <Tabs.Tab value="questions" leftSection={<IconMessageQuestion size={16} />}>
            Questions
          </Tabs.Tab>
          <Tabs.Tab value="promo-codes" leftSection={<IconDiscount size={16} />}>
            Promo codes
          </Tabs.Tab>
          <Tabs.Tab value="reminders" leftSection={<IconBell size={16} />}>
            Reminders
          </Tabs.Tab>
          <Tabs.Tab value="messages" leftSection={<IconMail size={16} />}>
            Messages
          </Tabs.Tab>
          <Tabs.Tab value="payments" leftSection={<IconReceiptTax size={16} />}>
            Payments
          </Tabs.Tab>
          <Tabs.Tab value="waiting-room" leftSection={<IconUsersGroup size={16} />}>
            Waiting room
          </Tabs.Tab>
          <Tabs.Tab value="waiting-list" leftSection={<IconListNumbers size={16} />}>
            Waiting list
          </Tabs.Tab>
        </Tabs.List>
        <GlassCard p={{ base: 'md', sm: 'xl' }}>
          <Tabs.Panel value="details">
            <Stack gap="xl">
              <EventDetailsForm
                key={data.id}
                event={data}
                submitLabel="Save changes"
                disabled={!editable}
                onSubmit={async (body) => {
                  await update.mutateAsync(body);
                  notifications.show({ color: 'teal', message: 'Event details saved' });
                }}
              />
              <Divider />
              <CoverImageSection key={data.id} event={data} editable={editable} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="tickets">
            <Stack gap="xl">
              <TicketTypesSection event={data} editable={editable} />
              <Divider />
              <CapacityPoolsSection event={data} editable={editable} />
              <Divider />
              <EventDatesSection event={data} editable={editable} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="questions">
            <QuestionsSection event={data} editable={editable} />
          </Tabs.Panel>
          <Tabs.Panel value="promo-codes">
            <PromoCodesSection event={data} editable={editable} />
          </Tabs.Panel>
          <Tabs.Panel value="reminders">
            <RemindersSection event={data} editable={editable} />
          </Tabs.Panel>
          <Tabs.Panel value="messages">
            <MessagesSection event={data} editable={canManage(role)} />
          </Tabs.Panel>
          <Tabs.Panel value="payments">
            <Stack gap="xl">
              <ServiceFeeSection key={data.id} event={data} editable={editable} />
              <Divider />
              <BankTransferSection key={`bank-${data.id}`} event={data} editable={editable} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="waiting-room">
            <WaitingRoomSection key={data.id} event={data} editable={editable} />
          </Tabs.Panel>
          <Tabs.Panel value="waiting-list">
            {/* Managing the line stays possible on a cancelled event: people still need removing. */}
            <WaitingListSection event={data} editable={canManage(role)} />
          </Tabs.Panel>
        </GlassCard>
      </Tabs>
    </>
  );
}
