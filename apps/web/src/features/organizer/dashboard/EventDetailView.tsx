import { Anchor, Button, Grid, Group, Menu, Stack, Text } from '@mantine/core';
import {
  IconChevronDown,
  IconDownload,
  IconEdit,
  IconExternalLink,
  IconMapPin,
  IconScan,
} from '@tabler/icons-react';
import type { Event, LiveQueueMessage } from '@zevents/contracts';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatZoneName } from '../../../components/ui/format';
import { PageHeader } from '../../../components/ui/PageHeader';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { EventStatusBadge } from '../events/EventStatusBadge';
import { useCurrentOrganization } from '../layout/current-organization';
import { DateFilterSelect } from '../dates/DateFilterSelect';
import { useDateFilter } from '../dates/useDateFilter';
import { buildQuery } from '../lib/pagination';
import { canManage } from '../lib/roles';
import { formatRangeInZone } from '../lib/zoned-time';
import { useEvent } from '../queries/useEvent';
import { useEventDates } from '../queries/useEventDates';
import { useLiveEventStats } from '../queries/useLiveEventStats';
import { KeyFigures } from './KeyFigures';
import { LiveIndicator } from './LiveIndicator';
import { RecentOrders } from './RecentOrders';
import { RefundProgress } from './RefundProgress';
import { SalesChart } from './SalesChart';
import { TicketTypeTable } from './TicketTypeTable';
import { WaitingListCard } from './WaitingListCard';
import { QUEUE_HISTORY, type QueueSample, WaitingRoomCard } from './WaitingRoomCard';

function ExportMenu({ eventId, dateId }: { eventId: string; dateId: string | null }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" shadow="md" radius="lg">
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={18} />}
          rightSection={<IconChevronDown size={14} />}
        >
          {t('web.org.insight.dashboard.view.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('web.org.insight.dashboard.view.csv')}</Menu.Label>
        <Menu.Item component="a" href={`/api/events/${eventId}/orders.csv`} download>
          {t('web.org.insight.dashboard.view.orders')}
        </Menu.Item>
        <Menu.Item
          component="a"
          href={`/api/events/${eventId}/attendees.csv${buildQuery({ dateId })}`}
          download
        >
          {dateId
            ? t('web.org.insight.dashboard.view.attendeesOfDate')
            : t('web.org.insight.dashboard.view.attendees')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function EventSubtitle({ event }: { event: Event }) {
  const { t } = useTranslation();
  return (
    <Group gap="md" component="span" wrap="wrap">
      <span>
        {formatRangeInZone(event.startsAt, event.endsAt, event.timezone)}{' '}
        {formatZoneName(event.startsAt, event.timezone)}
      </span>
      {event.venue && (
        <Group gap={4} component="span" wrap="nowrap">
          <IconMapPin size={14} aria-hidden />
          {event.venue}
        </Group>
      )}
      {event.status === 'published' && (
        <Anchor href={`/events/${event.slug}`} target="_blank" rel="noreferrer" size="sm">
          <Group gap={4} component="span" wrap="nowrap">
            {t('web.org.insight.dashboard.view.publicPage')}
            <IconExternalLink size={14} aria-label={t('web.org.insight.dashboard.view.newTab')} />
          </Group>
        </Anchor>
      )}
    </Group>
  );
}

/** One event's dashboard: the figures, the sales curve, each ticket type and the latest orders, live. */
export default function EventDetailView() {
  const { t } = useTranslation();
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  const [queue, setQueue] = useState<{ figures: LiveQueueMessage | null; samples: QueueSample[] }>({
    figures: null,
    samples: [],
  });
  const onQueue = useCallback((figures: LiveQueueMessage) => {
    const sample = { at: Date.now(), queueLength: figures.queueLength, admitted: figures.admitted };
    setQueue((current) => ({ figures, samples: [...current.samples, sample].slice(-QUEUE_HISTORY) }));
  }, []);
  const dates = useEventDates(eventId);
  const dateItems = dates.data?.items ?? [];
  const [dateId, setDateId] = useDateFilter(dates.data?.items);
  const stats = useLiveEventStats(eventId, { onQueue, dateId });
  const { membershipOf } = useCurrentOrganization();

  if (event.isPending) return <LoadingState label={t('web.org.insight.dashboard.view.loading')} />;
  if (event.isError) return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;

  const data = event.data;
  const role = membershipOf(data.organizationId)?.role;

  return (
    <>
      <PageHeader
        back={{ to: '/organizer', label: t('web.org.insight.dashboard.view.allEvents') }}
        title={data.title}
        badge={
          <Group gap="sm">
            <EventStatusBadge status={data.status} />
            <LiveIndicator updatedAt={stats.dataUpdatedAt} isError={stats.isError} />
          </Group>
        }
        description={<EventSubtitle event={data} />}
        actions={
          <>
            <Button
              component={Link}
              to={`/door/${data.id}${buildQuery({ date: dateId })}`}
              leftSection={<IconScan size={18} />}
            >
              {t('web.org.insight.dashboard.view.door')}
            </Button>
            {canManage(role) && (
              <Button
                component={Link}
                to={`/organizer/events/${data.id}/edit`}
                variant="default"
                leftSection={<IconEdit size={18} />}
              >
                {t('web.org.insight.dashboard.view.edit')}
              </Button>
            )}
            <ExportMenu eventId={data.id} dateId={dateId} />
          </>
        }
      />
      <RefundProgress event={data} />
      {dateItems.length > 0 && (
        <Group mb="lg">
          <DateFilterSelect
            dates={dateItems}
            timeZone={data.timezone}
            value={dateId}
            onChange={setDateId}
            label={t('web.org.insight.dashboard.view.figuresFor')}
          />
        </Group>
      )}
      {stats.isPending ? (
        <LoadingState label={t('web.org.insight.dashboard.view.loadingFigures')} />
      ) : stats.isError && !stats.data ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : stats.data ? (
        <Stack gap="lg">
          <KeyFigures stats={stats.data} currency={data.currency} />
          {data.waitingRoom?.enabled && <WaitingRoomCard figures={queue.figures} samples={queue.samples} />}
          <WaitingListCard eventId={data.id} dateId={dateId} />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <SalesChart salesByDay={stats.data.salesByDay} currency={data.currency} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <RecentOrders eventId={data.id} />
            </Grid.Col>
          </Grid>
          <TicketTypeTable rows={stats.data.byTicketType} currency={data.currency} />
          {data.status === 'draft' && (
            <Text size="sm" c="dimmed" ta="center">
              {t('web.org.insight.dashboard.view.draft')}
            </Text>
          )}
        </Stack>
      ) : null}
    </>
  );
}
