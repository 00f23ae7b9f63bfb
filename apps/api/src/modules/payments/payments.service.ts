import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/client';
import { AppError } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import * as orders from '../orders/orders.repository';
import { generateTicketCode } from '../tickets/ticket-codes';
import type { Notifier } from '../notifications/notifier';
import type { PaymentEvent, PaymentProvider } from './payment-provider';

/** Thrown inside a savepoint to undo it; never leaves this module. */
class RollbackSavepoint extends Error {}

export type FulfilOutcome = 'paid' | 'already_paid' | 'no_stock';

export interface RefundInput {
  amountCents?: number;
  ticketIds?: string[];
  reason: string;
}

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

  async function issueTickets(tx: Tx, order: orders.OrderRow): Promise<void> {
    const items = await orders.findOrderItems(tx, order.id);
    const missing = new Map(items.map((item) => [item.ticketTypeId, item.quantity]));
    const existing = await orders.findTickets(tx, order.id);
    for (const { ticket } of existing)
      missing.set(ticket.ticketTypeId, (missing.get(ticket.ticketTypeId) ?? 0) - 1);
    // Codes are random; on the rare collision with another ticket of the event, draw again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const rows = [...missing].flatMap(([ticketTypeId, count]) =>
        Array.from({ length: Math.max(0, count) }, () => ({
          orderId: order.id,
          eventId: order.eventId,
          ticketTypeId,
          code: generateTicketCode(),
          attendeeName: order.buyerName,
        })),
      );
      if (rows.length === 0) return;
      await orders.insertTickets(tx, rows);
      const now = await orders.findTickets(tx, order.id);
      for (const [ticketTypeId, quantity] of items.map((i) => [i.ticketTypeId, i.quantity] as const))
        missing.set(
          ticketTypeId,
          quantity - now.filter((t) => t.ticket.ticketTypeId === ticketTypeId).length,
        );
    }
    throw new Error(`could not issue unique ticket codes for order ${order.id}`);
  }

  /**
   * Turns a locked order into a paid one: its hold becomes sold stock (or, when the hold was
   * already released, the stock is taken again if there is still room) and its tickets are issued.
   */
  async function fulfil(tx: Tx, order: orders.OrderRow, now: Date): Promise<FulfilOutcome> {
    if (order.status === 'paid' || order.status === 'partially_refunded' || order.status === 'refunded')
      return 'already_paid';
    if (order.status === 'reserved') {
      // Still reserved while we hold its lock: nobody released it, so its seats are still held.
      await orders.convertHoldToSold(tx, order.id);
    } else {
      const isResold = await tx
        .transaction(async (savepoint) => {
          const { isComplete } = await orders.resellReleasedHold(savepoint, order.id);
          if (!isComplete) throw new RollbackSavepoint();
          return true;
        })
        .catch((error: unknown) => {
          if (error instanceof RollbackSavepoint) return false;
          throw error;
        });
      if (!isResold) return 'no_stock';
    }
    await issueTickets(tx, order);
    await orders.markOrderPaid(tx, order.id, now);
    await notifier.orderConfirmed(tx, order);
    return 'paid';
  }

  async function lockOrder(tx: Tx, orderId: string): Promise<orders.OrderRow> {
    const order = await orders.findOrder(tx, orderId, { forUpdate: true });
    if (!order) throw new AppError('NOT_FOUND', 'Order not found');
    return order;
  }

  /** Gives money back through the provider and records it; voids tickets as asked. */
  async function refundLocked(tx: Tx, order: orders.OrderRow, input: RefundInput, now: Date): Promise<void> {
    const payment = await orders.findSucceededPayment(tx, order.id);
    const remaining = order.totalCents - order.refundedCents;
    let ticketIds: string[] | 'all' | undefined;
    let amount = input.amountCents;
    /** Whether the chosen tickets are every ticket still valid on the order. */
    let coversAllTickets = false;
    if (input.ticketIds) {
      const tickets = await orders.findTickets(tx, order.id);
      const live = tickets.filter((t) => t.ticket.status !== 'void');
      const chosen = live.filter((t) => input.ticketIds?.includes(t.ticket.id));
      if (chosen.length !== new Set(input.ticketIds).size)
        throw new AppError('VALIDATION_FAILED', 'Every ticket must be a valid ticket of this order', {
          errors: [{ path: 'ticketIds', message: 'unknown or already void ticket' }],
        });
      ticketIds = chosen.map((t) => t.ticket.id);
      coversAllTickets = chosen.length === live.length;
      if (amount === undefined) {
        const items = await orders.findOrderItems(tx, order.id);
        const gross = chosen.reduce(
          (sum, t) =>
            sum + (items.find((i) => i.ticketTypeId === t.ticket.ticketTypeId)?.unitPriceCents ?? 0),
          0,
        );
        // The discount is shared out over tickets in proportion to their price; the last tickets
        // take whatever is left, so refunding them one by one never strands a rounding cent.
        amount = coversAllTickets
          ? remaining
          : order.subtotalCents > 0
            ? Math.min(Math.round((gross * order.totalCents) / order.subtotalCents), remaining)
            : 0;
      }
    }
    amount ??= remaining;
    if (amount > remaining)
      throw new AppError('REFUND_TOO_LARGE', `At most ${remaining} can still be refunded on this order`, {
        errors: [{ path: 'amountCents', message: `at most ${remaining}` }],
        extra: { refundableCents: remaining },
      });
    const refundedCents = order.refundedCents + amount;
    // A ticket refund is full only when it takes the last valid tickets (a free order refunds 0);
    // a money refund is full when it reaches the total.
    const isFull = input.ticketIds ? coversAllTickets : refundedCents >= order.totalCents;
    const refundId = randomUUID();
    const refundKey = `${order.id}-${order.refundedCents}-${amount}`;
    if (amount > 0) {
      if (!payment) throw new AppError('ORDER_NOT_REFUNDABLE', 'This order has no payment to refund');
      const result = await provider.refund({
        providerRef: payment.providerRef ?? '',
        amountCents: amount,
        // Derived from the order's state, not drawn at random: a retry after a lost answer (this
        // transaction rolled back, nothing recorded) gets the same refund back, never a second payout.
        idempotencyKey: refundKey,
      });
      await orders.insertRefund(tx, {
        id: refundId,
        orderId: order.id,
        eventId: order.eventId,
        paymentId: payment.id,
        amountCents: amount,
        reason: input.reason,
        providerRef: result.providerRef,
      });
    }
    await orders.voidTickets(tx, order.id, isFull ? 'all' : (ticketIds ?? []));
    await orders.updateOrder(tx, order.id, {
      refundedCents,
      status: isFull ? 'refunded' : 'partially_refunded',
      closedAt: isFull ? now : null,
    });
    // A cancelled event says so (with the refund in it); otherwise the buyer gets a refund notice.
    if (input.reason === 'event_cancelled') await notifier.eventCancelled(tx, order, refundedCents);
    else if (amount > 0)
      await notifier.refundIssued(tx, order, { id: refundKey, amountCents: amount, isFull });
  }

  return {
    fulfil,
    lockOrder,

    /** Synchronous charge (test provider): charges and fulfils in one transaction, or declines. */
    async chargeNow(orderId: string, card: string | undefined): Promise<FulfilOutcome | 'declined'> {
      const now = clock.now();
      const outcome = await db.transaction(async (tx) => {
        const order = await lockOrder(tx, orderId);
        if (order.status === 'paid' || order.status === 'partially_refunded' || order.status === 'refunded')
          return 'already_paid' as const;
        if (order.status === 'cancelled')
          throw new AppError('ORDER_NOT_PAYABLE', 'This order was cancelled; start a new order');
        const charge = await provider.startPayment({
          orderId,
          amountCents: order.totalCents,
          currency: order.currency,
          description: `Z-Events order ${orderId}`,
          card,
          buyerEmail: order.buyerEmail,
        });
        if (charge.status !== 'succeeded') {
          await orders.insertPayment(tx, {
            orderId,
            eventId: order.eventId,
            provider: provider.name,
            providerRef: charge.providerRef,
            amountCents: order.totalCents,
            currency: order.currency,
            status: 'failed',
            failureReason: charge.status === 'declined' ? charge.reason : 'unexpected_pending',
          });
          return 'declined' as const;
        }
        const result = await fulfil(tx, order, now);
        if (result === 'no_stock') {
          // The synchronous provider has not really moved money yet: undo by not recording it.
          throw new AppError(
            'HOLD_EXPIRED',
            'Your hold expired and the tickets are gone; you were not charged',
          );
        }
        await orders.insertPayment(tx, {
          orderId,
          eventId: order.eventId,
          provider: provider.name,
          providerRef: charge.providerRef,
          amountCents: order.totalCents,
          currency: order.currency,
          status: 'succeeded',
        });
        return result;
      });
      if (outcome === 'paid') announceOrder(orderId);
      return outcome;
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

    /** Applies a provider event; every event is recorded once, and applying one twice changes nothing. */
    async applyEvent(event: PaymentEvent): Promise<void> {
      const now = clock.now();
      if (event.type === 'ignored') return;
      const payment = await orders.findPaymentByRef(db, provider.name, event.providerRef);
      const orderId = payment?.orderId ?? ('orderId' in event ? event.orderId : undefined);
      // Metadata from another system on the same Stripe account is not ours: acknowledge, never 404
      // (the provider would retry a failed delivery for days).
      if (!orderId || !isUuid(orderId)) {
        logger.warn({ event }, 'payment event for an unknown order; ignored');
        return;
      }
      let lateRefund: { amountCents: number } | undefined;
      await db.transaction(async (tx) => {
        const order = await orders.findOrder(tx, orderId, { forUpdate: true });
        if (!order) return;
        const current = await orders.findPaymentByRef(tx, provider.name, event.providerRef);
        if (event.type === 'payment.failed') {
          if (current?.status === 'pending')
            await orders.updatePayment(tx, current.id, {
              status: 'failed',
              failureReason: event.reason,
              updatedAt: now,
            });
          return;
        }
        if (event.type === 'payment.refunded') {
          if (!current) return;
          for (const refund of event.refunds)
            await orders.insertRefund(tx, {
              orderId: order.id,
              eventId: order.eventId,
              paymentId: current.id,
              amountCents: refund.amountCents,
              reason: 'provider',
              providerRef: refund.providerRef,
            });
          let refunded = await orders.sumRefundsOfPayment(tx, current.id);
          // Refunds the list did not name (Stripe's webhooks rarely carry it) still count: record the
          // difference to the charge's total. Totals only grow, so a replay or an older event adds nothing.
          const total = event.refundedTotal;
          if (total && total.amountCents > refunded) {
            await orders.insertRefund(tx, {
              orderId: order.id,
              eventId: order.eventId,
              paymentId: current.id,
              amountCents: total.amountCents - refunded,
              reason: 'provider',
              providerRef: `${total.chargeRef}:refunded_total:${total.amountCents}`,
            });
            refunded = total.amountCents;
          }
          if (current.status === 'succeeded' && refunded > order.refundedCents) {
            const isFull = refunded >= order.totalCents;
            await orders.voidTickets(tx, order.id, isFull ? 'all' : []);
            await orders.updateOrder(tx, order.id, {
              refundedCents: Math.min(refunded, order.totalCents),
              status: isFull ? 'refunded' : 'partially_refunded',
              closedAt: isFull ? now : null,
            });
          }
          return;
        }
        // payment.succeeded
        if (current?.status === 'succeeded' || current?.status === 'refunded') return;
        const paymentRow =
          current ??
          (await orders.insertPayment(tx, {
            orderId: order.id,
            eventId: order.eventId,
            provider: provider.name,
            providerRef: event.providerRef,
            amountCents: event.amountCents,
            currency: order.currency,
            status: 'pending',
          }));
        const alreadyPaid = await orders.findSucceededPayment(tx, order.id);
        // A cancelled order never turns paid (only `expired -> paid` re-reserves), nor does an order of
        // a cancelled event (its refunds already ran): the payment goes back.
        const refusal =
          order.status === 'cancelled'
            ? 'order_cancelled'
            : (await orders.findEventForOrder(tx, order.eventId))?.status === 'cancelled'
              ? 'event_cancelled'
              : undefined;
        const outcome = alreadyPaid ? 'already_paid' : (refusal ?? (await fulfil(tx, order, now)));
        if (outcome === 'paid') {
          await orders.updatePayment(tx, paymentRow.id, { status: 'succeeded', updatedAt: now });
          // A refund that arrived before this success (events out of order) still counts.
          const refunded = await orders.sumRefundsOfPayment(tx, paymentRow.id);
          if (refunded > 0) {
            const isFull = refunded >= order.totalCents;
            await orders.voidTickets(tx, order.id, isFull ? 'all' : []);
            await orders.updateOrder(tx, order.id, {
              refundedCents: Math.min(refunded, order.totalCents),
              status: isFull ? 'refunded' : 'partially_refunded',
              closedAt: isFull ? now : null,
            });
          }
          return;
        }
        // No stock left after a late payment, a second payment for a paid order, or a payment for a
        // cancelled order: give it back, less what was already refunded (events out of order).
        await orders.updatePayment(tx, paymentRow.id, { status: 'refunded', updatedAt: now });
        const amountCents = event.amountCents - (await orders.sumRefundsOfPayment(tx, paymentRow.id));
        if (amountCents <= 0) return;
        lateRefund = { amountCents };
        // One key per payment: when this transaction fails after Stripe refunded (a lost answer), the
        // provider's retry of this event gets that same refund back instead of asking for a second one.
        const result = await provider.refund({
          providerRef: event.providerRef,
          amountCents,
          idempotencyKey: `auto-${provider.name}-${event.providerRef}`,
        });
        await orders.insertRefund(tx, {
          orderId: order.id,
          eventId: order.eventId,
          paymentId: paymentRow.id,
          amountCents,
          reason:
            outcome === 'no_stock'
              ? 'late_payment_sold_out'
              : outcome === 'already_paid'
                ? 'duplicate_payment'
                : outcome,
          providerRef: result.providerRef,
        });
        await notifier.latePaymentRefunded(tx, order, { id: paymentRow.id, amountCents });
      });
      if (lateRefund)
        logger.info({ orderId, ...lateRefund }, 'late or duplicate payment refunded automatically');
      announceOrder(orderId);
    },

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
