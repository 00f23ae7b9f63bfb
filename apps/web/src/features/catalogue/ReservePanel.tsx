import { Alert, Button, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconDoorEnter, IconLock, IconTicket } from '@tabler/icons-react';
import { CreateOrderBody, formatMoney, type LiveQueueMessage, type PublicEvent } from '@zevents/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentIntlLocale, i18n } from '../../i18n/i18n';
import { trackCheckoutDetails, trackTicketSelection } from '../../api/beacon';
import { useMe } from '../../api/session';
import { useCreateOrder } from '../../api/useCreateOrder';
import { useEventAvailability } from '../../api/useEventAvailability';
import { useIdempotencyKey } from '../../api/useIdempotencyKey';
import { useWaitingRoom } from '../../api/useWaitingRoom';
import { GlassCard } from '../../components/ui/GlassCard';
import { schemaValidator } from '../../components/ui/schema-validation';
import { useFormErrorResponseHandler } from '../../components/ui/useFormErrorResponseHandler';
import { useNow } from '../../components/ui/useNow';
import { EventDatePicker } from './EventDatePicker';
import { availabilityOfDate, chosenDateOf } from './event-dates';
import { describeReserveError, type ReserveProblem } from './reserve-errors';
import {
  clampQuantity,
  normalizeSelection,
  selectionItems,
  selectionTotals,
  type Selection,
} from './ticket-selection';
import { TicketSelector } from './TicketSelector';
import { WaitingListJoin } from './WaitingListJoin';
import { WaitingRoomPanel } from './WaitingRoomPanel';
import { AccessCodePanel } from './AccessCodePanel';

/** The buyer's fields of the reserve request, named as the form names them. */
const BUYER_FIELDS = { 'buyer.name': 'name', 'buyer.email': 'email' };
const BuyerBody = CreateOrderBody.pick({ buyer: true, promoCode: true });

/**
 * The problem on show, kept as how to word it rather than the words, so a language switch rewords
 * it; and the ticket types whose card error the buyer has since dealt with (by changing its quantity).
 */
interface ProblemState {
  describe: () => ReserveProblem;
  clearedTypeIds: string[];
}

function shownProblem({ describe, clearedTypeIds }: ProblemState): ReserveProblem {
  const problem = describe();
  const ticketErrors = Object.fromEntries(
    Object.entries(problem.ticketErrors).filter(([id]) => !clearedTypeIds.includes(id)),
  );
  return { ...problem, ticketErrors };
}

interface BuyerValues {
  name: string;
  email: string;
  promoCode: string;
}

/** Ticket choice, buyer details and the Reserve button: everything between browsing and paying. */
export function ReservePanel({
  event,
  onApplyCode,
  isCheckingCode = false,
  onTicketsChanged,
  selectedDateId = null,
  onSelectDate,
  pathPrefix = '',
}: {
  event: PublicEvent;
  /** Put before the checkout and order paths the panel opens (`/embed` inside the embedded checkout). */
  pathPrefix?: string;
  /** The date the link names (`?date=`); ignored when the event does not sell it. */
  selectedDateId?: string | null;
  onSelectDate?: (dateId: string) => void;
  /** The server says tickets changed under the page (back on sale): fetch the event again. */
  onTicketsChanged?: () => void;
  /** Tries an access code for hidden ticket types (absent: no code field). */
  onApplyCode?: (code: string) => void;
  isCheckingCode?: boolean;
}) {
  const { t } = useTranslation();
  // A waiting room counts down by the second; otherwise sale windows flip slowly.
  const now = useNow(event.waitingRoom ? 1_000 : 15_000);
  const [queueFigures, setQueueFigures] = useState<LiveQueueMessage | null>(null);
  const chosenDate = chosenDateOf(event.dates, selectedDateId);
  // Several dates and none chosen yet: quantities wait for the date, as each date has its own stock.
  const needsDate = event.dates.length > 1 && chosenDate === null;
  const live = useEventAvailability(
    event.id,
    event.waitingRoom ? setQueueFigures : undefined,
    chosenDate?.id,
  );
  // The date's figures as loaded stand in until (and where) the live ones have none: a hidden type
  // unlocked by a code is only on the page that was loaded with the code.
  const availability = chosenDate
    ? { ...availabilityOfDate(chosenDate), ...live.availability }
    : live.availability;
  const queue = useWaitingRoom(event.id, event.waitingRoom, queueFigures, now);
  const isQueued = event.waitingRoom !== null && queue.state !== 'off' && queue.state !== 'admitted';
  const me = useMe();
  const navigate = useNavigate();
  const createOrder = useCreateOrder();
  const idempotency = useIdempotencyKey();
  const [rawSelection, setRawSelection] = useState<Selection>({});
  const [problemState, setProblemState] = useState<ProblemState | null>(null);
  const problem = problemState ? shownProblem(problemState) : null;
  const setProblem = (describe: (() => ReserveProblem) | null) =>
    setProblemState(describe ? { describe, clearedTypeIds: [] } : null);

  const form = useForm<BuyerValues>({
    initialValues: { name: '', email: '', promoCode: '' },
    validate: schemaValidator<BuyerValues>(BuyerBody, {
      toBody: (values) => ({
        buyer: { name: values.name, email: values.email },
        promoCode: values.promoCode.trim() || undefined,
      }),
      fields: BUYER_FIELDS,
      // Read when validating, so they are in the language of that moment.
      messages: {
        name: () => i18n.t('web.store.reserve.enterName'),
        email: () => i18n.t('web.store.reserve.enterEmail'),
        promoCode: () => i18n.t('web.store.reserve.promoInvalid'),
      },
    }),
  });
  const handleFormError = useFormErrorResponseHandler(form, { fields: BUYER_FIELDS });

  // A logged-in buyer gets their own details filled in, once, without overwriting what they typed.
  const user = me.data?.user;
  useEffect(() => {
    if (!user) return;
    const values = form.getValues();
    if (!values.name && !values.email) form.setValues({ name: user.name, email: user.email });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fill once per user, not on every form change
  }, [user]);

  const types = event.ticketTypes;
  const selection = normalizeSelection(rawSelection, types, availability, now);
  const totals = selectionTotals(selection, types);
  const isOver = new Date(event.endsAt) <= now;
  const isClosed = event.status === 'cancelled' || isOver;

  function changeQuantity(ticketTypeId: string, quantity: number) {
    setRawSelection((current) => ({ ...current, [ticketTypeId]: quantity }));
    if (quantity > 0) trackTicketSelection(event.id);
    if (problemState && problem?.ticketErrors[ticketTypeId])
      setProblemState({ ...problemState, clearedTypeIds: [...problemState.clearedTypeIds, ticketTypeId] });
  }

  const submit = form.onSubmit(async (values) => {
    const items = selectionItems(selection, types);
    if (needsDate) {
      setProblem(() => ({
        title: i18n.t('web.store.reserveError.dateRequired'),
        message: i18n.t('web.store.reserve.pickDate'),
        ticketErrors: {},
      }));
      return;
    }
    if (items.length === 0) {
      setProblem(() => ({
        title: i18n.t('web.store.reserve.pickTickets'),
        message: i18n.t('web.store.reserve.pickTicketsDetail'),
        ticketErrors: {},
      }));
      return;
    }
    setProblem(null);
    const promoCode = values.promoCode.trim();
    const body: CreateOrderBody = {
      eventId: event.id,
      items,
      buyer: { name: values.name.trim(), email: values.email.trim() },
      ...(promoCode ? { promoCode } : {}),
      // The code that unlocked hidden types on this page unlocks them at reserve too.
      ...(event.accessCode?.accepted ? { accessCode: event.accessCode.code } : {}),
      // Sent with a single date too: the order then stays on it even if the organizer adds another.
      ...(chosenDate ? { dateId: chosenDate.id } : {}),
    };
    try {
      const order = await createOrder.mutateAsync({
        body,
        idempotencyKey: idempotency.keyFor(body),
        waitingRoomPass: queue.pass,
      });
      idempotency.settle();
      const token = encodeURIComponent(order.accessToken ?? '');
      // A free order skips the checkout page, where a hold's "details" step is counted: count it
      // here, so the order still counts for the source that brought the buyer.
      if (order.status === 'paid') trackCheckoutDetails(event.id, order.id);
      // A free order is paid at once: straight to the tickets.
      void navigate(
        order.status === 'paid'
          ? `${pathPrefix}/orders/${order.id}?token=${token}`
          : `${pathPrefix}/checkout/${order.id}?token=${token}`,
      );
    } catch (error) {
      idempotency.settle(error);
      handleFormError(error);
      const described = describeReserveError(error, items, types);
      setProblem(() => describeReserveError(error, items, types));
      // The date list is out of date (a date ended or was removed): show the dates still on sale.
      if (described.isDateStale) onTicketsChanged?.();
      // Sold out: bring each quantity down to what is left now, rather than fail the same way again.
      if (described.remaining) {
        const lowered = { ...rawSelection };
        for (const entry of described.remaining) {
          const type = types.find((candidate) => candidate.id === entry.ticketTypeId);
          if (type) lowered[type.id] = clampQuantity(type, entry.available, lowered[type.id] ?? 0);
        }
        setRawSelection(lowered);
      }
    }
  });

  const buttonLabel =
    totals.tickets === 0
      ? t('web.store.reserve.reserveTickets')
      : totals.subtotalCents === 0
        ? t('web.store.reserve.getFree', { count: totals.tickets })
        : t('web.store.reserve.reserveCount', { count: totals.tickets });

  return (
    <section id="tickets" aria-labelledby="tickets-title" style={{ scrollMarginTop: 88 }}>
      <GlassCard p={{ base: 'md', sm: 'lg' }}>
        <Stack gap="lg">
          <Group justify="space-between" align="baseline">
            <Title order={2} size="h3" id="tickets-title">
              {t('web.store.reserve.title')}
            </Title>
            {!isClosed && (
              <Text size="xs" c="dimmed">
                {t('web.store.reserve.live')}
              </Text>
            )}
          </Group>

          {event.dates.length > 1 && !isClosed && onSelectDate && (
            <EventDatePicker
              dates={event.dates}
              timeZone={event.timezone}
              visibleTypeIds={types.map((type) => type.id)}
              selectedId={chosenDate?.id ?? null}
              onSelect={(dateId) => {
                onSelectDate(dateId);
                if (problem) setProblem(null);
              }}
            />
          )}

          {types.length === 0 ? (
            <Text c="dimmed">{t('web.store.reserve.noneOnSale')}</Text>
          ) : (
            <TicketSelector
              types={types}
              currency={event.currency}
              timeZone={event.timezone}
              availability={availability}
              selection={selection}
              onChange={changeQuantity}
              now={now}
              errors={problem?.ticketErrors}
              disabled={isClosed}
              disabledReason={needsDate ? t('web.store.reserve.chooseDateToSee') : undefined}
              renderWaitingList={(type) =>
                // On an event with dates the list is per date: there is none to join before one is chosen.
                event.dates.length > 0 && !chosenDate ? null : (
                  <WaitingListJoin
                    key={chosenDate?.id}
                    eventId={event.id}
                    type={type}
                    dateId={chosenDate?.id}
                    onTicketsAvailable={onTicketsChanged}
                  />
                )
              }
            />
          )}

          {!isClosed && onApplyCode && (
            <AccessCodePanel event={event} onApply={onApplyCode} isChecking={isCheckingCode} />
          )}

          {isClosed ? (
            <Alert
              color="gray"
              icon={<IconAlertTriangle aria-hidden />}
              title={t('web.store.reserve.notOnSale')}
            >
              {event.status === 'cancelled'
                ? t('web.store.reserve.cancelledBody')
                : t('web.store.reserve.endedBody')}
            </Alert>
          ) : isQueued && event.waitingRoom ? (
            <WaitingRoomPanel room={event.waitingRoom} queue={queue} />
          ) : (
            <form onSubmit={submit} noValidate>
              <Stack gap="md">
                {queue.state === 'admitted' && queue.passExpiresAt && (
                  <Alert
                    color="teal"
                    variant="light"
                    icon={<IconDoorEnter aria-hidden />}
                    title={t('web.store.reserve.yourTurn')}
                  >
                    {t('web.store.reserve.buyUntil', {
                      time: queue.passExpiresAt.toLocaleTimeString(currentIntlLocale(), {
                        hour: 'numeric',
                        minute: '2-digit',
                      }),
                    })}
                  </Alert>
                )}
                <Divider label={t('web.store.reserve.yourDetails')} labelPosition="left" />
                <TextInput
                  label={t('web.store.reserve.fullName')}
                  autoComplete="name"
                  required
                  {...form.getInputProps('name')}
                />
                <TextInput
                  label={t('web.auth.email')}
                  type="email"
                  autoComplete="email"
                  description={t('web.store.reserve.emailHint')}
                  required
                  {...form.getInputProps('email')}
                />
                <TextInput
                  label={t('web.store.reserve.promoCode')}
                  description={t('web.store.reserve.promoHint')}
                  autoComplete="off"
                  autoCapitalize="characters"
                  {...form.getInputProps('promoCode')}
                />

                {problem && (
                  <Alert
                    color="red"
                    variant="light"
                    icon={<IconAlertTriangle aria-hidden />}
                    title={problem.title}
                    role="alert"
                  >
                    {problem.message}
                  </Alert>
                )}

                <Button
                  type="submit"
                  size="lg"
                  fullWidth
                  loading={createOrder.isPending}
                  leftSection={<IconTicket size={20} aria-hidden />}
                >
                  {buttonLabel}
                  {totals.subtotalCents > 0 && (
                    // Phones show the total in the line above; the button keeps to one line.
                    <Text span inherit visibleFrom="xs">
                      &nbsp;· {formatMoney(totals.subtotalCents, event.currency, currentIntlLocale())}
                    </Text>
                  )}
                </Button>
                <Group gap={6} justify="center" c="dimmed" wrap="nowrap">
                  <IconLock size={14} aria-hidden />
                  <Text size="xs" c="dimmed">
                    {t('web.store.reserve.holdNote')}
                  </Text>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </GlassCard>
    </section>
  );
}
