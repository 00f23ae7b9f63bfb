import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import {
  currencyDigits,
  formatMoney,
  fromMinorUnits,
  toMinorUnits,
  type EventOrderListItem,
  type Order,
  type RefundOrderBody,
} from '@zevents/contracts';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey } from '../../../api/client';
import { useOrder } from '../../../api/useOrder';
import { currentIntlLocale } from '../../../i18n/i18n';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useRefundOrder } from '../mutations/useRefundOrder';
import { currencySymbol } from '../../../components/ui/money';

type Mode = 'whole' | 'tickets' | 'amount';

function RefundForm({ order, eventId, onDone }: { order: Order; eventId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = currentIntlLocale();
  const refund = useRefundOrder(eventId);
  const [mode, setMode] = useState<Mode>('whole');
  const [ticketIds, setTicketIds] = useState<string[]>([]);
  const [amount, setAmount] = useState<number | string>('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const lastAttempt = useRef<{ body: string; key: string } | null>(null);
  const remaining = order.totalCents - order.refundedCents;
  const tickets = order.tickets ?? [];
  const refundable = tickets.filter((t) => t.status !== 'void');
  const unitPrice = new Map(order.items.map((item) => [item.ticketTypeId, item.unitPriceCents]));
  const digits = currencyDigits(order.currency);

  const body: RefundOrderBody | null =
    mode === 'whole'
      ? {}
      : mode === 'tickets'
        ? ticketIds.length > 0
          ? { ticketIds }
          : null
        : amount !== '' && toMinorUnits(amount, order.currency) >= 1
          ? { amountCents: toMinorUnits(amount, order.currency) }
          : null;

  const amountCents = amount === '' ? 0 : toMinorUnits(amount, order.currency);
  const tooMuch = mode === 'amount' && amountCents > remaining;
  const ticketsEstimate = ticketIds.reduce((sum, id) => {
    const ticket = tickets.find((t) => t.id === id);
    return sum + (ticket ? (unitPrice.get(ticket.ticketTypeId) ?? 0) : 0);
  }, 0);

  const summary =
    mode === 'whole'
      ? t('web.org.core.refund.summaryWhole', {
          count: refundable.length,
          amount: formatMoney(remaining, order.currency, locale),
          name: order.buyer.name,
        })
      : mode === 'tickets'
        ? ticketIds.length === 0
          ? t('web.org.core.refund.chooseTickets')
          : t('web.org.core.refund.summaryTickets', {
              count: ticketIds.length,
              amount: formatMoney(Math.min(ticketsEstimate, remaining), order.currency, locale),
            })
        : t('web.org.core.refund.summaryAmount');

  const submit = () => {
    if (!body || tooMuch) return;
    setFieldError(null);
    const serialized = JSON.stringify(body);
    // The same confirmation retried keeps its key (no double refund); a changed refund gets a new one.
    if (lastAttempt.current?.body !== serialized)
      lastAttempt.current = { body: serialized, key: newIdempotencyKey() };
    refund.mutate(
      { orderId: order.id, body, idempotencyKey: lastAttempt.current.key },
      {
        onSuccess: (updated) => {
          notifications.show({
            color: 'teal',
            title:
              updated.status === 'refunded'
                ? t('web.org.core.refund.doneTitle')
                : t('web.org.core.refund.partialTitle'),
            message: t('web.org.core.refund.doneMessage', {
              name: order.buyer.name,
              amount: formatMoney(updated.refundedCents, updated.currency, locale),
            }),
          });
          onDone();
        },
        onError: (error) => {
          if (
            error instanceof ApiError &&
            (error.code === 'REFUND_TOO_LARGE' || error.fieldErrors.some((f) => f.path === 'amountCents'))
          )
            setFieldError(error.fieldErrors[0]?.message ?? error.message);
        },
      },
    );
  };

  const refundError =
    refund.error && !fieldError
      ? refund.error instanceof ApiError && refund.error.code === 'ORDER_NOT_REFUNDABLE'
        ? t('web.org.core.refund.notRefundable')
        : describeApiError(refund.error)
      : null;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {order.buyer.name} · {order.buyer.email} ·{' '}
        {t('web.org.core.refund.paid', { amount: formatMoney(order.totalCents, order.currency, locale) })}
        {order.refundedCents > 0 &&
          t('web.org.core.refund.alreadyRefunded', {
            amount: formatMoney(order.refundedCents, order.currency, locale),
          })}
      </Text>
      <SegmentedControl
        fullWidth
        value={mode}
        onChange={(value) => {
          setMode(value as Mode);
          setFieldError(null);
          refund.reset();
        }}
        data={[
          { value: 'whole', label: t('web.org.core.refund.whole') },
          {
            value: 'tickets',
            label: t('web.org.core.refund.someTickets'),
            disabled: refundable.length === 0,
          },
          { value: 'amount', label: t('web.org.core.refund.anAmount') },
        ]}
        aria-label={t('web.org.core.refund.whatToRefund')}
      />
      {mode === 'tickets' && (
        <Checkbox.Group
          value={ticketIds}
          onChange={setTicketIds}
          label={t('web.org.core.refund.ticketsToRefund')}
        >
          <Stack gap="xs" mt="xs">
            {tickets.map((ticket) => (
              <Checkbox
                key={ticket.id}
                value={ticket.id}
                disabled={ticket.status === 'void'}
                label={`${ticket.attendeeName} — ${ticket.ticketTypeName}`}
                description={
                  ticket.status === 'void'
                    ? t('web.org.core.refund.ticketAlreadyRefunded', { code: ticket.code })
                    : ticket.status === 'checked_in'
                      ? t('web.org.core.refund.ticketCheckedIn', { code: ticket.code })
                      : ticket.code
                }
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {mode === 'amount' && (
        <NumberInput
          label={t('web.org.core.refund.amountToRefund')}
          description={t('web.org.core.refund.upTo', {
            amount: formatMoney(remaining, order.currency, locale),
          })}
          value={amount}
          onChange={setAmount}
          min={0}
          max={fromMinorUnits(remaining, order.currency)}
          decimalScale={digits}
          allowNegative={false}
          leftSection={
            <Text size="sm" c="dimmed" aria-hidden>
              {currencySymbol(order.currency, locale)}
            </Text>
          }
          error={
            tooMuch
              ? t('web.org.core.refund.atMost', { amount: formatMoney(remaining, order.currency, locale) })
              : fieldError
          }
          data-autofocus
        />
      )}
      <Alert color={mode === 'amount' ? 'indigo' : 'orange'} variant="light">
        <Text size="sm">{summary}</Text>
      </Alert>
      {refundError && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
          {refundError}
        </Alert>
      )}
      <Group justify="flex-end" gap="xs">
        <Button variant="default" onClick={onDone} disabled={refund.isPending}>
          {t('web.org.core.refund.keepOrder')}
        </Button>
        <Button color="red" onClick={submit} loading={refund.isPending} disabled={!body || tooMuch}>
          {mode === 'whole'
            ? t('web.org.core.refund.refundAmount', {
                amount: formatMoney(remaining, order.currency, locale),
              })
            : mode === 'amount' && amountCents > 0
              ? t('web.org.core.refund.refundAmount', {
                  amount: formatMoney(amountCents, order.currency, locale),
                })
              : mode === 'tickets' && ticketIds.length > 0
                ? t('web.org.core.refund.refundTickets', { count: ticketIds.length })
                : t('web.org.core.orders.refund')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Asks what to refund, then does it once: whole order, chosen tickets, or an amount. */
export function RefundModal({
  order,
  eventId,
  onClose,
}: {
  order: EventOrderListItem | null;
  eventId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const full = useOrder(order?.id);
  return (
    <Modal
      opened={order !== null}
      onClose={onClose}
      title={t('web.org.core.refund.title')}
      centered
      radius="xl"
      size="lg"
    >
      {full.isPending ? (
        <LoadingState label={t('web.org.core.refund.loading')} />
      ) : full.isError ? (
        <ErrorState error={full.error} onRetry={() => void full.refetch()} />
      ) : (
        <RefundForm key={full.data.id} order={full.data} eventId={eventId} onDone={onClose} />
      )}
    </Modal>
  );
}
