import { Anchor, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconReceiptRefund } from '@tabler/icons-react';
import { formatMoney, type EventOrderListItem, type OrderStatus } from '@zevents/contracts';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { currentIntlLocale } from '../../../i18n/i18n';
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

const STATUSES = [
  'paid',
  'partially_refunded',
  'refunded',
  'reserved',
  'awaiting_payment',
  'expired',
  'cancelled',
] as OrderStatus[];

const isRefundable = (order: EventOrderListItem) =>
  (order.status === 'paid' || order.status === 'partially_refunded') &&
  order.totalCents > order.refundedCents;

function Amount({ order }: { order: EventOrderListItem }) {
  const { t } = useTranslation();
  const locale = currentIntlLocale();
  return (
    <Stack gap={0} align="flex-end">
      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatMoney(order.totalCents, order.currency, locale)}
      </Text>
      {order.refundedCents > 0 && (
        <Text size="xs" c="red.7" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {t('web.org.core.orders.refundedAmount', {
            amount: formatMoney(order.refundedCents, order.currency, locale),
          })}
        </Text>
      )}
      {order.discountCents > 0 && (
        <Text size="xs" c="dimmed">
          {t('web.org.core.orders.discountAmount', {
            amount: formatMoney(order.discountCents, order.currency, locale),
          })}
        </Text>
      )}
    </Stack>
  );
}

const noOrders = (t: TFunction): EmptyText => ({
  title: t('web.org.core.orders.noOrdersTitle'),
  text: t('web.org.core.orders.noOrdersText'),
});
const noMatch = (t: TFunction): EmptyText => ({
  title: t('web.org.core.orders.noMatchTitle'),
  text: t('web.org.core.orders.noMatchText'),
});

/** One order on a phone: buyer, tickets and date, the amount, then status and refund. */
function OrderCard({ order, when, action }: { order: EventOrderListItem; when: string; action: ReactNode }) {
  const { t } = useTranslation();
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
            {t('web.common.tickets', { count: order.tickets })} · {when}
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
  const { t } = useTranslation();
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
        aria-label={t('web.org.core.orders.refundAria', { name: order.buyer.name })}
      >
        {t('web.org.core.orders.refund')}
      </Button>
    ) : null;

  return (
    <>
      <PageHeader
        back={{
          to: `/organizer/events/${eventId}`,
          label: event.data?.title ?? t('web.org.core.orders.dashboard'),
        }}
        title={t('web.org.core.orders.title')}
        description={t('web.org.core.orders.description')}
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
              placeholder={t('web.org.core.orders.searchPlaceholder')}
              label={t('web.org.core.orders.searchLabel')}
              value={search}
              onChange={setSearch}
              minWidth={240}
            />
            <Select
              aria-label={t('web.org.core.orders.filterStatus')}
              data={[
                { value: '', label: t('web.org.core.orders.allStatuses') },
                ...STATUSES.map((value) => ({ value, label: t(ORDER_STATUS_LOOK[value].labelKey) })),
              ]}
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
            labels={{ loading: t('web.org.core.orders.loading'), more: t('web.org.core.orders.showMore') }}
            empty={filter.q || filter.status ? noMatch(t) : noOrders(t)}
            card={(order) => <OrderCard order={order} when={when(order)} action={refundButton(order)} />}
            columns={[
              {
                header: t('web.org.core.orders.buyer'),
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
              { header: t('web.org.core.orders.tickets'), align: 'right', cell: (order) => order.tickets },
              {
                header: t('web.org.core.orders.total'),
                align: 'right',
                cell: (order) => <Amount order={order} />,
              },
              {
                header: t('web.org.core.orders.statusColumn'),
                cell: (order) => <OrderStatusBadge status={order.status} />,
              },
              {
                header: t('web.org.core.orders.date'),
                cell: (order) => (
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {when(order)}
                  </Text>
                ),
              },
              mayRefund && {
                header: t('web.org.core.orders.actions'),
                isHeaderHidden: true,
                align: 'right',
                cell: refundButton,
              },
            ]}
          />
        </Stack>
      </GlassCard>
      <RefundModal order={refunding} eventId={eventId} onClose={() => setRefunding(null)} />
    </>
  );
}
