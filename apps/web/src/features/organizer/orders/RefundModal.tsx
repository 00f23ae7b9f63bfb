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
import { ApiError, newIdempotencyKey } from '../../../api/client';
import { useOrder } from '../../../api/useOrder';
import { ErrorState, LoadingState } from '../../../components/ui/QueryState';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { useRefundOrder } from '../mutations/useRefundOrder';
import { currencySymbol } from '../../../components/ui/money';

type Mode = 'whole' | 'tickets' | 'amount';

function RefundForm({ order, eventId, onDone }: { order: Order; eventId: string; onDone: () => void }) {
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
      ? `Refund ${formatMoney(remaining, order.currency)} to ${order.buyer.name}. All ${refundable.length} valid ticket${refundable.length === 1 ? '' : 's'} become invalid and go back on sale.`
      : mode === 'tickets'
        ? ticketIds.length === 0
          ? 'Choose the tickets to refund.'
          : `Refund ${ticketIds.length} ticket${ticketIds.length === 1 ? '' : 's'} (about ${formatMoney(Math.min(ticketsEstimate, remaining), order.currency)} before discounts). They become invalid and go back on sale.`
        : 'A goodwill refund: the buyer gets this amount back and keeps every ticket.';

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
            title: updated.status === 'refunded' ? 'Order refunded' : 'Partial refund done',
            message: `${order.buyer.name} was refunded. Total refunded: ${formatMoney(updated.refundedCents, updated.currency)}.`,
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
        ? 'This order can no longer be refunded (it may have been refunded already).'
        : describeApiError(refund.error)
      : null;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {order.buyer.name} · {order.buyer.email} · paid {formatMoney(order.totalCents, order.currency)}
        {order.refundedCents > 0 && `, ${formatMoney(order.refundedCents, order.currency)} already refunded`}
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
          { value: 'whole', label: 'Whole order' },
          { value: 'tickets', label: 'Some tickets', disabled: refundable.length === 0 },
          { value: 'amount', label: 'An amount' },
        ]}
        aria-label="What to refund"
      />
      {mode === 'tickets' && (
        <Checkbox.Group value={ticketIds} onChange={setTicketIds} label="Tickets to refund">
          <Stack gap="xs" mt="xs">
            {tickets.map((ticket) => (
              <Checkbox
                key={ticket.id}
                value={ticket.id}
                disabled={ticket.status === 'void'}
                label={`${ticket.attendeeName} — ${ticket.ticketTypeName}`}
                description={
                  ticket.status === 'void'
                    ? `${ticket.code} · already refunded`
                    : `${ticket.code}${ticket.status === 'checked_in' ? ' · checked in' : ''}`
                }
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {mode === 'amount' && (
        <NumberInput
          label="Amount to refund"
          description={`Up to ${formatMoney(remaining, order.currency)}`}
          value={amount}
          onChange={setAmount}
          min={0}
          max={fromMinorUnits(remaining, order.currency)}
          decimalScale={digits}
          allowNegative={false}
          leftSection={
            <Text size="sm" c="dimmed" aria-hidden>
              {currencySymbol(order.currency)}
            </Text>
          }
          error={tooMuch ? `At most ${formatMoney(remaining, order.currency)}` : fieldError}
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
          Keep the order
        </Button>
        <Button color="red" onClick={submit} loading={refund.isPending} disabled={!body || tooMuch}>
          {mode === 'whole'
            ? `Refund ${formatMoney(remaining, order.currency)}`
            : mode === 'amount' && amountCents > 0
              ? `Refund ${formatMoney(amountCents, order.currency)}`
              : mode === 'tickets' && ticketIds.length > 0
                ? `Refund ${ticketIds.length} ticket${ticketIds.length === 1 ? '' : 's'}`
                : 'Refund'}
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
  const full = useOrder(order?.id);
  return (
    <Modal opened={order !== null} onClose={onClose} title="Refund order" centered radius="xl" size="lg">
      {full.isPending ? (
        <LoadingState label="Loading the order…" />
      ) : full.isError ? (
        <ErrorState error={full.error} onRetry={() => void full.refetch()} />
      ) : (
        <RefundForm key={full.data.id} order={full.data} eventId={eventId} onDone={onClose} />
      )}
    </Modal>
  );
}
