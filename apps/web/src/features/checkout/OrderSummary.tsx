import { Divider, Group, Stack, Text } from '@mantine/core';
import { formatMoney, type Order, type PublicEvent } from '@zevents/contracts';
import { Trans, useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/ui/format';
import { currentIntlLocale } from '../../i18n/i18n';
import { orderTimeOf } from '../catalogue/event-dates';
import { type MoneyLine, orderMoneyLines } from './order-money';

function Row({
  label,
  value,
  strong,
  color,
}: {
  label: string;
  value: string;
  strong?: boolean;
  color?: string;
}) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="md">
      <Text size={strong ? 'md' : 'sm'} fw={strong ? 700 : 400} c={color ?? (strong ? undefined : 'dimmed')}>
        {label}
      </Text>
      <Text
        size={strong ? 'lg' : 'sm'}
        fw={strong ? 800 : 500}
        c={color}
        style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
      >
        {value}
      </Text>
    </Group>
  );
}

const TONE_COLOR: Record<NonNullable<MoneyLine['tone']>, string | undefined> = {
  discount: 'teal.8',
  included: undefined,
  total: undefined,
  refund: 'orange.9',
};

/**
 * What was ordered and what it costs, every amount before paying: lines, subtotal, discount, service
 * fee, tax per rate (added, or included in the prices), total, refunds.
 */
export function OrderSummary({ order, event }: { order: Order; event?: PublicEvent }) {
  const { t } = useTranslation();
  const money = (cents: number) => formatMoney(cents, order.currency, currentIntlLocale());
  return (
    <Stack gap="sm">
      {event && (
        <div>
          <Text fw={700}>{event.title}</Text>
          <Text size="sm" c="dimmed">
            {formatDateTime(orderTimeOf(event, order.dateId).startsAt, event.timezone)}
            {event.venue ? ` · ${event.venue}` : ''}
          </Text>
        </div>
      )}
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {order.items.map((item) => (
          <li key={item.ticketTypeId}>
            <Group justify="space-between" wrap="nowrap" gap="md">
              <Text size="sm">
                {item.quantity} × {item.ticketTypeName}
                <Text span size="xs" c="dimmed">
                  {' '}
                  (
                  {item.unitPriceCents === 0
                    ? t('web.checkout.money.free')
                    : t('web.checkout.money.each', { price: money(item.unitPriceCents) })}
                  )
                </Text>
              </Text>
              <Text size="sm" fw={500} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {money(item.quantity * item.unitPriceCents)}
              </Text>
            </Group>
          </li>
        ))}
      </Stack>
      <Divider />
      <Stack gap={6} data-testid="order-money">
        {orderMoneyLines(order).map((line) => (
          <Row
            key={line.key}
            label={line.label}
            value={line.amount}
            strong={line.tone === 'total'}
            color={line.tone ? TONE_COLOR[line.tone] : undefined}
          />
        ))}
      </Stack>
      <Divider />
      <Text size="sm" c="dimmed">
        <Trans
          i18nKey="web.checkout.money.ticketsFor"
          values={{ name: order.buyer.name, email: order.buyer.email }}
          components={{ b: <b /> }}
        />
      </Text>
    </Stack>
  );
}
