import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/client';
import { AppError } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import type { Notifier } from '../notifications';
import { findEventById } from '../events';
import * as orders from '../orders';
import { findAttendeesOfOrder } from '../questions';
import { findTicketsOfOrder, issueTickets } from '../tickets';
import type { PaymentEvent, PaymentProvider } from './payment-provider';
import { BANK_TRANSFER_PROVIDER } from './bank-transfer-payments';
import * as repo from './payments.repository';
import { splitAmount, splitTickets } from './refund-lines';
import type { RefundLine } from '../../db/schema';

export type FulfilOutcome = 'paid' | 'already_paid' | 'no_stock';

/** The payments of organizers' cash orders: taken and given back at the box office. */
const CASH_PROVIDER = 'cash';

export interface RefundInput {
  amountCents?: number;
  ticketIds?: string[];
  reason: string;
}

type SucceededEvent = Extract<PaymentEvent, { type: 'payment.succeeded' }>;
type RefundedEvent = Extract<PaymentEvent, { type: 'payment.refunded' }>;

/** Why a payment that succeeded at the provider is given back instead of paying its order. */
type GiveBackReason = Exclude<FulfilOutcome, 'paid'> | 'order_cancelled' | 'event_cancelled';

/** The reason recorded on the refund of a payment given back. */
const REFUND_REASON_OF: Record<GiveBackReason, string> = {
  no_stock: 'late_payment_sold_out',
  already_paid: 'duplicate_payment',
  order_cancelled: 'order_cancelled',
  event_cancelled: 'event_cancelled',
};

/**
 * The payment service: applies a payment to an order exactly once, issues the tickets, and refunds.
 * Every function runs with the order row locked (SELECT ... FOR UPDATE), so concurrent payments,
 * webhook replays and refunds of one order take turns and each sees the other's result.
 */
export function createPaymentService(deps: {
  db: Db;
  provider: PaymentProvider;
  clock: Clock;
  /** Emails are recorded in the same transaction as the payment change (invariant 6). */
  notifier: Notifier;
  /** Tells live dashboards and event pages that figures moved (after commit). */
  announce?: (eventId: string) => void;
  logger: Logger;
}) {
  const { db, provider, clock, logger, notifier } = deps;

  /** Live updates name the event; the order's event is looked up only when someone listens. */
  const announceOrder = (orderId: string): void => {
    const announce = deps.announce;
    if (!announce) return;
    void orders
      .findOrder(db, orderId)
      .then((order) => order && announce(order.eventId))
      .catch(() => undefined);
  };

  /**
   * Turns a locked order into a paid one: its hold becomes sold stock (or, when the hold was
   * already released, the stock is taken again if there is still room) and its tickets are issued.
   */
  async function fulfil(tx: Tx, order: orders.OrderRow, now: Date): Promise<FulfilOutcome> {
    if (orders.hasBeenPaid(order)) return 'already_paid';
    if (!(await orders.sellOrderStock(tx, order))) return 'no_stock';
    const [items, attendees] = await Promise.all([
      orders.findOrderItems(tx, order.id),
      findAttendeesOfOrder(tx, order.id),
    ]);
    await issueTickets(tx, order, items, attendees);
    await orders.markOrderPaid(tx, order.id, now);
    await notifier.orderConfirmed(tx, order);
    return 'paid';
  }

  async function lockOrder(tx: Tx, orderId: string): Promise<orders.OrderRow> {
    const order = await orders.findOrder(tx, orderId, { forUpdate: true });
    if (!order) throw new AppError('NOT_FOUND', 'Order not found');
    return order;
  }

  /** Gives money back through the provider and records the refund against its payment. */
  async function refundAtProvider(
    tx: Tx,
    order: orders.OrderRow,
    payment: { id: string; providerRef: string },
    refund: { amountCents: number; reason: string; idempotencyKey: string; lines: RefundLine[] },
  ): Promise<string | undefined> {
    const result = await provider.refund({
      providerRef: payment.providerRef,
      amountCents: refund.amountCents,
      idempotencyKey: refund.idempotencyKey,
    });
    const row = await repo.insertRefund(tx, {
      orderId: order.id,
      eventId: order.eventId,
      paymentId: payment.id,
      amountCents: refund.amountCents,
      reason: refund.reason,
      providerRef: result.providerRef,
      lines: refund.lines,
    });
    return row?.id;
  }

  /**
   * The tickets a ticket refund names, all still valid on the order, how many of each type it names
   * and has valid, and whether they are all it has.
   */
  async function chooseTickets(tx: Tx, orderId: string, ticketIds: string[]) {
    const live = (await findTicketsOfOrder(tx, orderId)).filter((t) => t.ticket.status !== 'void');
    const chosen = live.filter((t) => ticketIds.includes(t.ticket.id)).map((t) => t.ticket);
    if (chosen.length !== new Set(ticketIds).size)
      throw new AppError('VALIDATION_FAILED', 'Every ticket must be a valid ticket of this order', {
        errors: [{ path: 'ticketIds', message: 'unknown or already void ticket' }],
      });
    const countByType = (tickets: ReadonlyArray<{ ticketTypeId: string }>) =>
      tickets.reduce(
        (counts, t) => counts.set(t.ticketTypeId, (counts.get(t.ticketTypeId) ?? 0) + 1),
        new Map<string, number>(),
      );
    return {
      tickets: chosen,
      chosenByType: countByType(chosen),
      liveByType: countByType(live.map((t) => t.ticket)),
      coversAllTickets: chosen.length === live.length,
    };
  }

  /**
   * What the refund gives back, line by line (billing's rounding rule): the chosen tickets' share
   * of their own lines (all of what is left when they are the last ones), else the amount asked
   * (everything left when none is) split over every line.
   */
  async function refundOf(
    tx: Tx,
    order: orders.OrderRow,
    input: RefundInput,
    chosen: Awaited<ReturnType<typeof chooseTickets>> | undefined,
    remaining: number,
  ): Promise<{ amountCents: number; lines: RefundLine[] }> {
    if (input.amountCents === undefined && chosen && !chosen.coversAllTickets)
      return splitTickets(tx, order, chosen.chosenByType, chosen.liveByType);
    const amountCents = input.amountCents ?? remaining;
    if (amountCents > remaining) return { amountCents, lines: [] };
    return { amountCents, lines: await splitAmount(tx, order, amountCents) };
  }

  /** Gives money back through the provider and records it; voids tickets as asked. */
  async function refundLocked(tx: Tx, order: orders.OrderRow, input: RefundInput, now: Date): Promise<void> {
    const remaining = order.totalCents - order.refundedCents;
    const chosen = input.ticketIds ? await chooseTickets(tx, order.id, input.ticketIds) : undefined;
    const refund = await refundOf(tx, order, input, chosen, remaining);
    const amount = refund.amountCents;
    if (amount > remaining)
      throw new AppError('REFUND_TOO_LARGE', `At most ${remaining} can still be refunded on this order`, {
        errors: [{ path: 'amountCents', message: `at most ${remaining}` }],
        extra: { refundableCents: remaining },
      });
    const refundedCents = order.refundedCents + amount;
    // A ticket refund is full only when it takes the last valid tickets (a free order refunds 0);
    // a money refund is full when it reaches the total.
    const isFull = chosen ? chosen.coversAllTickets : refundedCents >= order.totalCents;
    // Derived from the order's state, not drawn at random: a retry after a lost answer (this
    // transaction rolled back, nothing recorded) gets the same refund back, never a second payout.
    const refundKey = `${order.id}-${order.refundedCents}-${amount}`;
    let refundId: string | undefined;
    if (amount > 0) {
      const payment = await repo.findSucceededPayment(tx, order.id);
      if (!payment) throw new AppError('ORDER_NOT_REFUNDABLE', 'This order has no payment to refund');
      // Cash goes back over the counter and a bank transfer by the organizer's own transfer: the
      // refund is recorded, no card provider is asked.
      if (payment.provider === CASH_PROVIDER || payment.provider === BANK_TRANSFER_PROVIDER)
        refundId = (
          await repo.insertRefund(tx, {
            orderId: order.id,
            eventId: order.eventId,
            paymentId: payment.id,
            amountCents: amount,
            reason: input.reason,
            providerRef: `cash:${refundKey}`,
            lines: refund.lines,
          })
        )?.id;
      else
        refundId = await refundAtProvider(
          tx,
          order,
          { id: payment.id, providerRef: payment.providerRef ?? '' },
          { amountCents: amount, reason: input.reason, idempotencyKey: refundKey, lines: refund.lines },
        );
    }
    await orders.applyOrderRefund(
      tx,
      order,
      { refundedCents, isFull, ticketIds: chosen?.tickets.map((t) => t.id) },
      now,
    );
    // A cancelled event says so (with the refund in it); otherwise the buyer gets a refund notice.
    if (input.reason === 'event_cancelled') await notifier.eventCancelled(tx, order, refundedCents);
    else if (amount > 0)
      await notifier.refundIssued(tx, order, {
        id: refundKey,
        amountCents: amount,
        isFull,
        ...(refundId ? { refundId } : {}),
      });
  }

  /**
   * Brings a locked order in line with what its payment has had refunded at the provider (refunds
   * made in the provider's dashboard, or that arrived before the payment's success).
   */
  async function applyRefundedTotal(tx: Tx, order: orders.OrderRow, refunded: number, now: Date) {
    if (refunded <= order.refundedCents) return;
    const isFull = refunded >= order.totalCents;
    await orders.applyOrderRefund(tx, order, { refundedCents: refunded, isFull }, now);
  }

  /** The order a provider event is about: its payment's, else the one named in the event's metadata. */
  async function orderIdOf(event: Exclude<PaymentEvent, { type: 'ignored' }>) {
    const payment = await repo.findPaymentByRef(db, provider.name, event.providerRef);
    return payment?.orderId ?? ('orderId' in event ? event.orderId : undefined);
  }

  async function applyPaymentFailed(tx: Tx, current: repo.PaymentRow | undefined, reason: string, now: Date) {
    if (current?.status === 'pending')
      await repo.updatePayment(tx, current.id, { status: 'failed', failureReason: reason, updatedAt: now });
  }

  /**
   * Records the refunds a provider event reports, once each. Refunds the list did not name (Stripe's
   * webhooks rarely carry it) still count: the difference to the charge's refunded total is recorded.
   * Totals only grow, so a replay or an older event adds nothing. Returns the payment's refunded sum.
   */
  async function recordProviderRefunds(
    tx: Tx,
    order: orders.OrderRow,
    payment: repo.PaymentRow,
    event: RefundedEvent,
  ): Promise<number> {
    const base = { orderId: order.id, eventId: order.eventId, paymentId: payment.id, reason: 'provider' };
    for (const refund of event.refunds)
      await repo.insertRefund(tx, {
        ...base,
        amountCents: refund.amountCents,
        providerRef: refund.providerRef,
        lines: await splitAmount(tx, order, refund.amountCents),
      });
    const refunded = await repo.sumRefundsOfPayment(tx, payment.id);
    const total = event.refundedTotal;
    if (!total || total.amountCents <= refunded) return refunded;
    await repo.insertRefund(tx, {
      ...base,
      amountCents: total.amountCents - refunded,
      providerRef: `${total.chargeRef}:refunded_total:${total.amountCents}`,
      lines: await splitAmount(tx, order, total.amountCents - refunded),
    });
    return total.amountCents;
  }

  async function applyPaymentRefunded(
    tx: Tx,
    order: orders.OrderRow,
    current: repo.PaymentRow | undefined,
    event: RefundedEvent,
    now: Date,
  ): Promise<void> {
    if (!current) return;
    const refunded = await recordProviderRefunds(tx, order, current, event);
    if (current.status === 'succeeded') await applyRefundedTotal(tx, order, refunded, now);
  }

  /**
   * A cancelled order never turns paid (only `expired -> paid` re-reserves), nor does an order of a
   * cancelled event (its refunds already ran): the payment goes back.
   */
  async function refusalOf(tx: Tx, order: orders.OrderRow): Promise<GiveBackReason | undefined> {
    if (order.status === 'cancelled') return 'order_cancelled';
    const event = await findEventById(tx, order.eventId);
    return event?.status === 'cancelled' ? 'event_cancelled' : undefined;
  }

  /**
   * No stock left after a late payment, a second payment for a paid order, or a payment for a
   * cancelled order: give it back, less what was already refunded (events out of order).
   * Returns the amount given back, if any.
   */
  async function giveBackPayment(
    tx: Tx,
    order: orders.OrderRow,
    payment: repo.PaymentRow,
    event: SucceededEvent,
    reason: GiveBackReason,
    now: Date,
  ): Promise<number | undefined> {
    await repo.updatePayment(tx, payment.id, { status: 'refunded', updatedAt: now });
    const amountCents = event.amountCents - (await repo.sumRefundsOfPayment(tx, payment.id));
    if (amountCents <= 0) return undefined;
    // One key per payment: when this transaction fails after Stripe refunded (a lost answer), the
    // provider's retry of this event gets that same refund back instead of asking for a second one.
    await refundAtProvider(
      tx,
      order,
      { id: payment.id, providerRef: event.providerRef },
      {
        amountCents,
        reason: REFUND_REASON_OF[reason],
        idempotencyKey: `auto-${provider.name}-${event.providerRef}`,
        // A payment that never paid the order: nothing of its lines was sold, nothing to split.
        lines: [],
      },
    );
    await notifier.latePaymentRefunded(tx, order, { id: payment.id, amountCents });
    return amountCents;
  }

  /** Pays the order with this payment, or gives the payment back; returns the amount given back. */
  async function applyPaymentSucceeded(
    tx: Tx,
    order: orders.OrderRow,
    current: repo.PaymentRow | undefined,
    event: SucceededEvent,
    now: Date,
  ): Promise<number | undefined> {
    if (current?.status === 'succeeded' || current?.status === 'refunded') return undefined;
    const payment =
      current ??
      (await repo.insertPayment(tx, {
        orderId: order.id,
        eventId: order.eventId,
        provider: provider.name,
        providerRef: event.providerRef,
        amountCents: event.amountCents,
        currency: order.currency,
        status: 'pending',
      }));
    const alreadyPaid = await repo.findSucceededPayment(tx, order.id);
    const outcome = alreadyPaid
      ? 'already_paid'
      : ((await refusalOf(tx, order)) ?? (await fulfil(tx, order, now)));
    if (outcome !== 'paid') return giveBackPayment(tx, order, payment, event, outcome, now);
    await repo.updatePayment(tx, payment.id, { status: 'succeeded', updatedAt: now });
    // A refund that arrived before this success (events out of order) still counts.
    await applyRefundedTotal(tx, order, await repo.sumRefundsOfPayment(tx, payment.id), now);
    return undefined;
  }

  async function recordPayment(
    tx: Tx,
    order: orders.OrderRow,
    charge: { providerRef: string; status: 'succeeded' | 'failed'; failureReason?: string },
  ): Promise<void> {
    await repo.insertPayment(tx, {
      orderId: order.id,
      eventId: order.eventId,
      provider: provider.name,
      providerRef: charge.providerRef,
      amountCents: order.totalCents,
      currency: order.currency,
      status: charge.status,
      ...(charge.failureReason ? { failureReason: charge.failureReason } : {}),
    });
  }

  return {
    fulfil,
    lockOrder,

    /** Money taken at the box office for an organizer's order: a succeeded payment, refundable. */
    async recordCashPayment(tx: Tx, order: orders.OrderRow): Promise<void> {
      await repo.insertPayment(tx, {
        orderId: order.id,
        eventId: order.eventId,
        provider: CASH_PROVIDER,
        providerRef: `cash:${order.id}`,
        amountCents: order.totalCents,
        currency: order.currency,
        status: 'succeeded',
      });
    },

    /** The order's most recent payment (what the order page shows). */
    findLatestPayment: (orderId: string) => repo.findLatestPayment(db, orderId),

    /** Synchronous charge (test provider): charges and fulfils in one transaction, or declines. */
    async chargeNow(orderId: string, card: string | undefined): Promise<FulfilOutcome | 'declined'> {
      const now = clock.now();
      const outcome = await db.transaction(async (tx) => {
        const order = await lockOrder(tx, orderId);
        if (orders.hasBeenPaid(order)) return 'already_paid' as const;
        refuseIfCancelled(order);
        const charge = await provider.startPayment({ ...paymentRequestOf(order), card });
        if (charge.status !== 'succeeded') {
          await recordPayment(tx, order, {
            providerRef: charge.providerRef,
            status: 'failed',
            failureReason: charge.status === 'declined' ? charge.reason : 'unexpected_pending',
          });
          return 'declined' as const;
        }
        const result = await fulfil(tx, order, now);
        // The synchronous provider has not really moved money yet: undo by not recording it.
        if (result === 'no_stock')
          throw new AppError(
            'HOLD_EXPIRED',
            'Your hold expired and the tickets are gone; you were not charged',
          );
        await recordPayment(tx, order, { providerRef: charge.providerRef, status: 'succeeded' });
        return result;
      });
      if (outcome === 'paid') announceOrder(orderId);
      return outcome;
    },

    /**
     * Starts an asynchronous payment (Stripe) of an order that is still payable; returns the client
     * secret the browser completes it with ('' when the order is paid already).
     */
    async startAsyncPayment(orderId: string): Promise<string> {
      const now = clock.now();
      const order = await orders.findOrder(db, orderId);
      if (!order) throw new AppError('NOT_FOUND', 'Order not found');
      if (orders.hasBeenPaid(order)) return '';
      refuseIfCancelled(order);
      if (order.status === 'expired' || order.expiresAt <= now)
        throw new AppError('HOLD_EXPIRED', 'Your hold expired; start a new order');
      const started = await provider.startPayment(paymentRequestOf(order));
      if (started.status !== 'pending') throw new Error('an asynchronous provider answered synchronously');
      // Concurrent "pay" presses get the same PaymentIntent (Stripe idempotency); one row is enough.
      await repo.insertPaymentIfAbsent(db, {
        orderId,
        eventId: order.eventId,
        provider: provider.name,
        providerRef: started.providerRef,
        amountCents: order.totalCents,
        currency: order.currency,
        status: 'pending',
      });
      return started.clientSecret;
    },

    /** A free order is paid the moment it is reserved. */
    async completeFreeOrder(orderId: string): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const order = await lockOrder(tx, orderId);
        if (order.totalCents !== 0) return;
        await fulfil(tx, order, now);
      });
      announceOrder(orderId);
    },

    /** Applies a provider event; applying one twice changes nothing. */
    async applyEvent(event: PaymentEvent): Promise<void> {
      if (event.type === 'ignored') return;
      const orderId = await orderIdOf(event);
      // Metadata from another system on the same Stripe account is not ours: acknowledge, never 404
      // (the provider would retry a failed delivery for days).
      if (!orderId || !isUuid(orderId)) {
        logger.warn({ event }, 'payment event for an unknown order; ignored');
        return;
      }
      const now = clock.now();
      const givenBack = await db.transaction(async (tx) => {
        const order = await orders.findOrder(tx, orderId, { forUpdate: true });
        if (!order) return undefined;
        const current = await repo.findPaymentByRef(tx, provider.name, event.providerRef);
        if (event.type === 'payment.succeeded') return applyPaymentSucceeded(tx, order, current, event, now);
        if (event.type === 'payment.failed') await applyPaymentFailed(tx, current, event.reason, now);
        else await applyPaymentRefunded(tx, order, current, event, now);
        return undefined;
      });
      if (givenBack)
        logger.info({ orderId, amountCents: givenBack }, 'late or duplicate payment refunded automatically');
      announceOrder(orderId);
    },

    /** Records a provider event's id; false when it was recorded before (a replayed delivery). */
    recordEvent: (event: PaymentEvent) =>
      repo.recordPaymentEvent(db, { provider: provider.name, id: event.id, type: event.type }),

    /**
     * `beforeRefund` runs with the order locked, before any money moves (it may abort the refund);
     * `inTransaction` runs at the end of the refund's transaction, so what it records commits with it.
     */
    async refund(
      orderId: string,
      input: RefundInput,
      options: {
        beforeRefund?: (tx: Tx) => Promise<void>;
        inTransaction?: (tx: Tx) => Promise<void>;
      } = {},
    ): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const order = await lockOrder(tx, orderId);
        await options.beforeRefund?.(tx);
        if (order.status !== 'paid' && order.status !== 'partially_refunded')
          throw new AppError('ORDER_NOT_REFUNDABLE', `An order that is ${order.status} cannot be refunded`);
        await refundLocked(tx, order, input, now);
        await options.inTransaction?.(tx);
      });
      announceOrder(orderId);
    },
  };
}

export type PaymentService = ReturnType<typeof createPaymentService>;

/** A cancelled order is never paid, whichever provider is asked. */
function refuseIfCancelled(order: orders.OrderRow): void {
  if (order.status === 'cancelled')
    throw new AppError('ORDER_NOT_PAYABLE', 'This order was cancelled; start a new order');
}

/** What a provider is asked to charge for an order. */
function paymentRequestOf(order: orders.OrderRow) {
  return {
    orderId: order.id,
    amountCents: order.totalCents,
    currency: order.currency,
    description: `Z-Events order ${order.id}`,
    buyerEmail: order.buyerEmail,
  };
}
