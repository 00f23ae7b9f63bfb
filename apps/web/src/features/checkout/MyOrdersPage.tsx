import { Badge, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { formatMoney, type Order } from '@zevents/contracts';
import { currentIntlLocale } from '../../i18n/i18n';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/session';
import { useMyOrders } from '../../api/useMyOrders';
import { usePublicEvent } from '../../api/usePublicEvent';
import { formatDateTime } from '../../components/ui/format';
import { GlassCard } from '../../components/ui/GlassCard';
import { useScrollToTop } from '../../components/ui/useScrollToTop';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui/QueryState';
import { PAGE_CLASS } from '../../components/ui/pageClass';
import { orderTimeOf } from '../catalogue/event-dates';

const STATUS_COLOR: Record<Order['status'], string> = {
  paid: 'green',
  reserved: 'indigo',
  expired: 'gray',
  cancelled: 'gray',
  refunded: 'orange',
  partially_refunded: 'orange',
  awaiting_payment: 'yellow',
};

/** Each status's words (keys written out whole for the catalog check). */
const ORDER_STATUS_KEY: Record<Order['status'], string> = {
  paid: 'web.orderStatus.paid',
  reserved: 'web.orderStatus.reserved',
  expired: 'web.orderStatus.expired',
  cancelled: 'web.orderStatus.cancelled',
  refunded: 'web.orderStatus.refunded',
  partially_refunded: 'web.orderStatus.partially_refunded',
  awaiting_payment: 'web.orderStatus.awaiting_payment',
};

function OrderRow({ order }: { order: Order }) {
  const { t } = useTranslation();
  const event = usePublicEvent(order.eventId);
  const tickets = order.items.reduce((sum, item) => sum + item.quantity, 0);
  const token = order.accessToken ? `?token=${encodeURIComponent(order.accessToken)}` : '';
  const href = order.status === 'reserved' ? `/checkout/${order.id}${token}` : `/orders/${order.id}${token}`;
  return (
    <GlassCard p="md">
      <Group justify="space-between" wrap="wrap" gap="md">
        <div style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Group gap="xs">
            <Text fw={700}>{event.data?.title ?? t('web.myTickets.event')}</Text>
            <Badge variant="light" color={STATUS_COLOR[order.status]}>
              {t(ORDER_STATUS_KEY[order.status])}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {event.data
              ? `${formatDateTime(orderTimeOf(event.data, order.dateId).startsAt, event.data.timezone)} · `
              : ''}
            {t('web.common.tickets', { count: tickets })} ·{' '}
            {formatMoney(order.totalCents, order.currency, currentIntlLocale())}
          </Text>
        </div>
        <Button component={Link} to={href} variant="light" leftSection={<IconTicket size={18} aria-hidden />}>
          {order.status === 'reserved' ? t('web.myTickets.continue') : t('web.myTickets.view')}
        </Button>
      </Group>
    </GlassCard>
  );
}

/** `/my-tickets`: every order the logged-in buyer placed, newest first. */
export default function MyOrdersPage() {
  useScrollToTop();
  const { t } = useTranslation();
  const me = useMe();
  const orders = useMyOrders(Boolean(me.data));
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Container className={PAGE_CLASS} size="md" py={{ base: 'md', sm: 'xl' }} px={{ base: 'sm', sm: 'md' }}>
      <title>{`${t('web.myTickets.title')} — Z-Events`}</title>
      <Stack gap="lg">
        <Title order={1} size="h2">
          {t('web.myTickets.title')}
        </Title>
        {me.isPending ? (
          <LoadingState />
        ) : !me.data ? (
          <GlassCard>
            <EmptyState title={t('web.myTickets.logInTitle')}>{t('web.myTickets.logInBody')}</EmptyState>
            <Group justify="center">
              <Button component={Link} to="/login?next=/my-tickets">
                {t('web.common.logIn')}
              </Button>
              <Button component={Link} to="/signup?next=/my-tickets" variant="default">
                {t('web.myTickets.createAccount')}
              </Button>
            </Group>
          </GlassCard>
        ) : orders.isPending ? (
          <LoadingState label={t('web.myTickets.loading')} />
        ) : orders.isError ? (
          <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
        ) : items.length === 0 ? (
          <GlassCard>
            <EmptyState title={t('web.myTickets.emptyTitle')}>{t('web.myTickets.emptyBody')}</EmptyState>
            <Group justify="center">
              <Button component={Link} to="/">
                {t('web.common.browseEvents')}
              </Button>
            </Group>
          </GlassCard>
        ) : (
          <Stack gap="sm">
            {items.map((order) => (
              <OrderRow key={order.id} order={order} />
            ))}
            {orders.hasNextPage && (
              <Group justify="center">
                <Button
                  variant="default"
                  loading={orders.isFetchingNextPage}
                  onClick={() => void orders.fetchNextPage()}
                >
                  {t('web.myTickets.loadMore')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Container>
  );
}
