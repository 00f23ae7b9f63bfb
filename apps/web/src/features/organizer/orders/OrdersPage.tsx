import { Button, Center, Group, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconReceiptRefund, IconSearch } from '@tabler/icons-react';
import { formatMoney, type EventOrderListItem, type OrderStatus } from '@zevents/contracts';
import { useState } from 'react';
import { useParams } from 'react-router';
import { GlassCard } from '../../../components/ui/GlassCard';
import { PageHeader } from '../../../components/ui/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { useCurrentOrganization } from '../layout/current-organization';
import { buildQuery } from '../lib/pagination';
import { canManage } from '../lib/roles';
import { formatInZone } from '../lib/zoned-time';
import { useEvent } from '../queries/useEvent';
import { useEventOrders } from '../queries/useEventOrders';
import { ORDER_STATUS_LOOK, OrderStatusBadge } from './OrderStatusBadge';
import { RefundModal } from './RefundModal';

const STATUS_OPTIONS = [
  { value: '', label: 'All statuses' },
  ...(['paid', 'partially_refunded', 'refunded', 'reserved', 'expired', 'cancelled'] as OrderStatus[]).map(
    (status) => ({ value: status, label: ORDER_STATUS_LOOK[status].label }),
  ),
];

const isRefundable = (order: EventOrderListItem) =>
  (order.status === 'paid' || order.status === 'partially_refunded') &&
  order.totalCents > order.refundedCents;

function Amount({ order }: { order: EventOrderListItem }) {
  return (
    <Stack gap={0} align="flex-end">
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatMoney(order.totalCents, order.currency)}
      </Text>
      {order.refundedCents > 0 && (
        <Text size="xs" c="red.7" style={{ fontVariantNumeric: 'tabular-nums' }}>
          −{formatMoney(order.refundedCents, order.currency)} refunded
        </Text>
      )}
      {order.discountCents > 0 && (
        <Text size="xs" c="dimmed">
          {formatMoney(order.discountCents, order.currency)} discount
        </Text>
      )}
    </Stack>
  );
}

/** An event's orders: filter, search, and refund (owners and admins). */
export default function OrdersPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  const { membershipOf } = useCurrentOrganization();
  const [status, setStatus] = useState<string>('');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [refunding, setRefunding] = useState<EventOrderListItem | null>(null);
  const filter = { status: (status || undefined) as OrderStatus | undefined, q: q || undefined };
  const orders = useEventOrders(eventId, filter);
  const items = orders.data?.pages.flatMap((page) => page.items) ?? [];
  const role = event.data ? membershipOf(event.data.organizationId)?.role : undefined;
  const mayRefund = canManage(role);
  const timeZone = event.data?.timezone ?? 'UTC';
  const when = (order: EventOrderListItem) =>
    formatInZone(order.paidAt ?? order.createdAt, timeZone, { dateStyle: 'medium', timeStyle: 'short' });

  const refundButton = (order: EventOrderListItem) =>
    mayRefund && isRefundable(order) ? (
      <Button
        size="compact-sm"
        variant="default"
        leftSection={<IconReceiptRefund size={14} />}
        onClick={() => setRefunding(order)}
        aria-label={`Refund the order of ${order.buyer.name}`}
      >
        Refund
      </Button>
    ) : null;

  return (
    <>
      <PageHeader
        back={{ to: `/organizer/events/${eventId}`, label: event.data?.title ?? 'Dashboard' }}
        title="Orders"
        description="Every order of this event, newest first."
        actions={
          <Button
            component="a"
            href={`/api/events/${eventId}/orders.csv${buildQuery({ status: filter.status, q: filter.q })}`}
            download
            variant="default"
            leftSection={<IconDownload size={18} />}
          >
            Export CSV
          </Button>
        }
      />
      <GlassCard p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Group gap="sm" wrap="wrap">
            <TextInput
              placeholder="Search name or email"
              aria-label="Search orders by buyer name or email"
              leftSection={<IconSearch size={16} />}
              value={search}
              onChange={(e) => setSearch(e.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
            />
            <Select
              aria-label="Filter by status"
              data={STATUS_OPTIONS}
              value={status}
              onChange={(value) => setStatus(value ?? '')}
              allowDeselect={false}
              w={{ base: '100%', xs: 200 }}
            />
          </Group>
          {orders.isPending ? (
            <LoadingState label="Loading orders…" />
          ) : orders.isError ? (
            <ErrorState error={orders.error} onRetry={() => void orders.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState title={filter.q || filter.status ? 'No matching orders' : 'No orders yet'}>
              {filter.q || filter.status
                ? 'Try another search or status.'
                : 'Orders appear here as soon as buyers check out.'}
            </EmptyState>
          ) : (
            <>
              <Table.ScrollContainer minWidth={720} visibleFrom="sm">
                <Table verticalSpacing="sm" highlightOnHover className="ze-table-glass">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Buyer</Table.Th>
                      <Table.Th ta="right">Tickets</Table.Th>
                      <Table.Th ta="right">Total</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Date</Table.Th>
                      {mayRefund && <Table.Th aria-label="Actions" />}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((order) => (
                      <Table.Tr key={order.id}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {order.buyer.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {order.buyer.email}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">{order.tickets}</Table.Td>
                        <Table.Td ta="right">
                          <Amount order={order} />
                        </Table.Td>
                        <Table.Td>
                          <OrderStatusBadge status={order.status} />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {when(order)}
                          </Text>
                        </Table.Td>
                        {mayRefund && <Table.Td ta="right">{refundButton(order)}</Table.Td>}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Stack gap="sm" hiddenFrom="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
                {items.map((order) => (
                  <Paper
                    key={order.id}
                    component="li"
                    withBorder
                    p="md"
                    radius="lg"
                    bg="var(--mantine-color-body)"
                  >
                    <Group justify="space-between" align="flex-start" wrap="nowrap">
                      <Stack gap={2} style={{ minWidth: 0 }}>
                        <Text size="sm" fw={600} truncate="end">
                          {order.buyer.name}
                        </Text>
                        <Text size="xs" c="dimmed" truncate="end">
                          {order.buyer.email}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {order.tickets} ticket{order.tickets === 1 ? '' : 's'} · {when(order)}
                        </Text>
                      </Stack>
                      <Amount order={order} />
                    </Group>
                    <Group justify="space-between" mt="sm">
                      <OrderStatusBadge status={order.status} />
                      {refundButton(order)}
                    </Group>
                  </Paper>
                ))}
              </Stack>
              {orders.hasNextPage && (
                <Center>
                  <Button
                    variant="light"
                    onClick={() => void orders.fetchNextPage()}
                    loading={orders.isFetchingNextPage}
                  >
                    Show more orders
                  </Button>
                </Center>
              )}
            </>
          )}
        </Stack>
      </GlassCard>
      <RefundModal order={refunding} eventId={eventId} onClose={() => setRefunding(null)} />
    </>
  );
}
