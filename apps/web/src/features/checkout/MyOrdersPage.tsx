import { Badge, Button, Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconTicket } from '@tabler/icons-react';
import { formatMoney, type Order } from '@zevents/contracts';
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

function OrderRow({ order }: { order: Order }) {
  const event = usePublicEvent(order.eventId);
  const tickets = order.items.reduce((sum, item) => sum + item.quantity, 0);
  const token = order.accessToken ? `?token=${encodeURIComponent(order.accessToken)}` : '';
  const href = order.status === 'reserved' ? `/checkout/${order.id}${token}` : `/orders/${order.id}${token}`;
  return (
    <GlassCard p="md">
      <Group justify="space-between" wrap="wrap" gap="md">
        <div style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Group gap="xs">
            <Text fw={700}>{event.data?.title ?? 'Event'}</Text>
            <Badge variant="light" color={STATUS_COLOR[order.status]}>
              {order.status.replace('_', ' ')}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {event.data
              ? `${formatDateTime(orderTimeOf(event.data, order.dateId).startsAt, event.data.timezone)} · `
              : ''}
            {tickets} {tickets === 1 ? 'ticket' : 'tickets'} · {formatMoney(order.totalCents, order.currency)}
          </Text>
        </div>
        <Button component={Link} to={href} variant="light" leftSection={<IconTicket size={18} aria-hidden />}>
          {order.status === 'reserved' ? 'Continue to payment' : 'View tickets'}
        </Button>
      </Group>
    </GlassCard>
  );
}

/** `/my-tickets`: every order the logged-in buyer placed, newest first. */
export default function MyOrdersPage() {
  useScrollToTop();
  const me = useMe();
  const orders = useMyOrders(Boolean(me.data));
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Container className={PAGE_CLASS} size="md" py={{ base: 'md', sm: 'xl' }} px={{ base: 'sm', sm: 'md' }}>
      <title>My tickets — Z-Events</title>
      <Stack gap="lg">
        <Title order={1} size="h2">
          My tickets
        </Title>
        {me.isPending ? (
          <LoadingState />
        ) : !me.data ? (
          <GlassCard>
            <EmptyState title="Log in to see your orders">
              Every order confirmed to your email appears here once the address is confirmed, guest orders
              included. No account yet? Create one with the email you bought with.
            </EmptyState>
            <Group justify="center">
              <Button component={Link} to="/login?next=/my-tickets">
                Log in
              </Button>
              <Button component={Link} to="/signup?next=/my-tickets" variant="default">
                Create an account
              </Button>
            </Group>
          </GlassCard>
        ) : orders.isPending ? (
          <LoadingState label="Loading your orders…" />
        ) : orders.isError ? (
          <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
        ) : items.length === 0 ? (
          <GlassCard>
            <EmptyState title="No orders yet">
              Tickets you buy while logged in, and orders confirmed to your verified email, show up here.
            </EmptyState>
            <Group justify="center">
              <Button component={Link} to="/">
                Browse events
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
                  Load more orders
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Container>
  );
}
