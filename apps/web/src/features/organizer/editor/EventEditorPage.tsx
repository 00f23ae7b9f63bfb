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
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  const update = useUpdateEvent(eventId);
  const { membershipOf } = useCurrentOrganization();
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'details';

  if (event.isPending) return <LoadingState label={t('web.org.editor.page.loading')} />;
  if (event.isError) return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;

  const data = event.data;
  const role = membershipOf(data.organizationId)?.role;
  const isCancelled = data.status === 'cancelled';
  const editable = canManage(role) && !isCancelled;
  const typeCount = data.ticketTypes?.length ?? 0;

  return (
    <>
      <PageHeader
        back={{ to: '/organizer', label: t('web.org.editor.page.allEvents') }}
        title={data.title}
        badge={<EventStatusBadge status={data.status} />}
        description={t('web.org.editor.page.description')}
        actions={
          <>
            <Button
              component={Link}
              to={`/organizer/events/${data.id}`}
              variant="default"
              leftSection={<IconChartAreaLine size={18} />}
            >
              {t('web.org.editor.page.dashboard')}
            </Button>
            {canManage(role) && <EventLifecycleActions event={data} />}
          </>
        }
      />
      {!canManage(role) && (
        <Alert color="indigo" icon={<IconInfoCircle size={18} />} mb="lg">
          {t('web.org.editor.page.staffReadOnly')}
        </Alert>
      )}
      {isCancelled && (
        <Alert
          color="red"
          icon={<IconInfoCircle size={18} />}
          mb="lg"
          title={t('web.org.editor.page.cancelledTitle')}
        >
          {t('web.org.editor.page.cancelledBody')}
        </Alert>
      )}
      {data.status === 'draft' && typeCount === 0 && editable && tab !== 'tickets' && (
        <Alert color="indigo" variant="light" icon={<IconTicket size={18} />} mb="lg">
          {t('web.org.editor.page.nextStep')}{' '}
          <Button
            variant="white"
            size="compact-sm"
            onClick={() => setSearch({ tab: 'tickets' }, { replace: true })}
          >
            {t('web.org.editor.page.addTicketTypes')}
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
            {t('web.org.editor.tabs.details')}
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
            {t('web.org.editor.tabs.tickets')}
          </Tabs.Tab>
          <Tabs.Tab value="questions" leftSection={<IconMessageQuestion size={16} />}>
            {t('web.org.editor.tabs.questions')}
          </Tabs.Tab>
          <Tabs.Tab value="promo-codes" leftSection={<IconDiscount size={16} />}>
            {t('web.org.editor.tabs.promoCodes')}
          </Tabs.Tab>
          <Tabs.Tab value="reminders" leftSection={<IconBell size={16} />}>
            {t('web.org.editor.tabs.reminders')}
          </Tabs.Tab>
          <Tabs.Tab value="messages" leftSection={<IconMail size={16} />}>
            {t('web.org.editor.tabs.messages')}
          </Tabs.Tab>
          <Tabs.Tab value="payments" leftSection={<IconReceiptTax size={16} />}>
            {t('web.org.editor.tabs.payments')}
          </Tabs.Tab>
          <Tabs.Tab value="waiting-room" leftSection={<IconUsersGroup size={16} />}>
            {t('web.org.editor.tabs.waitingRoom')}
          </Tabs.Tab>
          <Tabs.Tab value="waiting-list" leftSection={<IconListNumbers size={16} />}>
            {t('web.org.editor.tabs.waitingList')}
          </Tabs.Tab>
        </Tabs.List>
        <GlassCard p={{ base: 'md', sm: 'xl' }}>
          <Tabs.Panel value="details">
            <Stack gap="xl">
              <EventDetailsForm
                key={data.id}
                event={data}
                submitLabel={t('web.org.editor.page.saveChanges')}
                disabled={!editable}
                onSubmit={async (body) => {
                  await update.mutateAsync(body);
                  notifications.show({ color: 'teal', message: t('web.org.editor.page.saved') });
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
