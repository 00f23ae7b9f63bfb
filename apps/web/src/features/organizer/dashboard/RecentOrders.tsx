import { Anchor, Avatar, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { GlassCard } from '../../../components/ui/GlassCard';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { formatRelative } from '../lib/zoned-time';
import { OrderStatusBadge } from '../orders/OrderStatusBadge';
import { useRecentOrders } from '../queries/useRecentOrders';
import { formatMoney } from '@zevents/contracts';
import { currentIntlLocale } from '../../../i18n/i18n';

/** The latest orders, so a sale shows up by name as it happens. */
export function RecentOrders({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const orders = useRecentOrders(eventId);
  const items = orders.data?.items ?? [];
  return (
    <GlassCard p="lg" h="100%">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} fz="lg">
            {t('web.org.insight.dashboard.recent.title')}
          </Title>
          <Anchor component={Link} to={`/organizer/events/${eventId}/orders`} size="sm">
            {t('web.org.insight.dashboard.recent.all')}
          </Anchor>
        </Group>
        {orders.isPending ? (
          <LoadingState label={t('web.org.insight.dashboard.recent.loading')} />
        ) : orders.isError ? (
          <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={t('web.org.insight.dashboard.recent.emptyTitle')}>
            {t('web.org.insight.dashboard.recent.emptyBody')}
          </EmptyState>
        ) : (
          <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((order, index) => (
              <Group
                key={order.id}
                component="li"
                justify="space-between"
                wrap="nowrap"
                py="sm"
                style={{
                  borderTop: index === 0 ? undefined : '1px solid var(--mantine-color-default-border)',
                }}
              >
                <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
                  <Avatar name={order.buyer.name} color="initials" radius="xl" size={36} />
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate="end">
                      {order.buyer.name}
                    </Text>
                    <Text size="xs" c="dimmed" truncate="end">
                      {t('web.common.tickets', { count: order.tickets })} ·{' '}
                      {formatRelative(order.paidAt ?? order.createdAt)}
                    </Text>
                  </Stack>
                </Group>
                <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                  <Text size="sm" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatMoney(order.totalCents - order.refundedCents, order.currency, currentIntlLocale())}
                  </Text>
                  <OrderStatusBadge status={order.status} />
                </Stack>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </GlassCard>
  );
}
