import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconReceiptRefund } from '@tabler/icons-react';
import { formatMoney, type EventOrderListItem, type OrderStatus } from '@zevents/contracts';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { GlassCard } from '../../../components/ui/GlassCard';
import { ExportCsvButton, SearchInput } from '../../../components/ui/ListToolbar';
import { PageHeader } from '../../../components/ui/PageHeader';
import { PagedTable, type EmptyText } from '../../../components/ui/PagedList';
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
  ...(
    [
      'paid',
      'partially_refunded',
      'refunded',
      'reserved',
      'awaiting_payment',
      'expired',
      'cancelled',
    ] as OrderStatus[]
  ).map((status) => ({ value: status, label: ORDER_STATUS_LOOK[status].label })),
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

const NO_ORDERS: EmptyText = {
  title: 'No orders yet',
  text: 'Orders appear here as soon as buyers check out.',
};
const NO_MATCH: EmptyText = { title: 'No matching orders', text: 'Try another search or status.' };

/** One order on a phone: buyer, tickets and date, the amount, then status and refund. */
function OrderCard({ order, when, action }: { order: EventOrderListItem; when: string; action: ReactNode }) {
  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={order.id} size="sm" fw={600} truncate="end">
            {order.buyer.name}
          </Anchor>
          <Text size="xs" c="dimmed" truncate="end">
            {order.buyer.email}
          </Text>
          <Text size="xs" c="dimmed">
            {order.tickets} ticket{order.tickets === 1 ? '' : 's'} · {when}
          </Text>
        </Stack>
        <Amount order={order} />
      </Group>
      <Group justify="space-between" mt="sm">
        <OrderStatusBadge status={order.status} />
        {action}
      </Group>
    </>
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
          <ExportCsvButton
            href={`/api/events/${eventId}/orders.csv${buildQuery({ status: filter.status, q: filter.q })}`}
          />
        }
      />
      <GlassCard p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="md">
          <Group gap="sm" wrap="wrap">
            <SearchInput
              placeholder="Search name or email"
              label="Search orders by buyer name or email"
              value={search}
              onChange={setSearch}
              minWidth={240}
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
          <PagedTable
            query={orders}
            rowKey={(order) => order.id}
            minWidth={720}
            labels={{ loading: 'Loading orders…', more: 'Show more orders' }}
            empty={filter.q || filter.status ? NO_MATCH : NO_ORDERS}
            card={(order) => <OrderCard order={order} when={when(order)} action={refundButton(order)} />}
            columns={[
              {
                header: 'Buyer',
                cell: (order) => (
                  <>
                    <Anchor component={Link} to={order.id} size="sm" fw={600}>
                      {order.buyer.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {order.buyer.email}
                    </Text>
                  </>
                ),
              },
              { header: 'Tickets', align: 'right', cell: (order) => order.tickets },
              { header: 'Total', align: 'right', cell: (order) => <Amount order={order} /> },
              { header: 'Status', cell: (order) => <OrderStatusBadge status={order.status} /> },
              {
                header: 'Date',
                cell: (order) => (
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {when(order)}
                  </Text>
                ),
              },
              mayRefund && { header: 'Actions', isHeaderHidden: true, align: 'right', cell: refundButton },
            ]}
          />
        </Stack>
      </GlassCard>
      <RefundModal order={refunding} eventId={eventId} onClose={() => setRefunding(null)} />
    </>
  );
}
