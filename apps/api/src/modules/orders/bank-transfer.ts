import { randomBytes } from 'node:crypto';
import type { Order } from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { AuthContext, Principal } from '../../http/auth-context';
import { AppError, forbidden, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { recordAudit } from '../audit';
import { type EventRow, offersBankTransfer } from '../events';
import type { Notifier } from '../notifications';
import { can } from '../organizations';
import { recordBankTransferPayment } from '../payments';
import { findAttendeesOfOrder } from '../questions';
import { issueTickets } from '../tickets';
import { hasBeenPaid, sellOrderStock } from './order-lifecycle';
import type { OrderAccess } from './orders.policy';
import { effectiveStatus } from './orders.presenter';
import * as repo from './orders.repository';

/** Crockford base32 (no I, L, O, U), as ticket codes: a reference read off a screen and typed into a bank form. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const REFERENCE_LENGTH = 8;
const DAY_MS = 86_400_000;

/** `ZE-` and 40 random bits; the unique index catches the rare collision and the caller draws again. */
export function generateBankReference(): string {
  let reference = 'ZE-';
  // 256 is a multiple of 32: masking the low five bits keeps every character equally likely.
  for (const byte of randomBytes(REFERENCE_LENGTH)) reference += REFERENCE_ALPHABET[byte & 31];
  return reference;
}

function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause)
    if ('code' in current && current.code === '23505') return true;
  return false;
}

interface BankTransferDeps {
  db: Db;
  clock: Clock;
  notifier?: Pick<Notifier, 'orderConfirmed' | 'bankTransferRequested'>;
  announce?: (eventId: string) => void;
  requireBuyer: (
    auth: AuthContext,
    orderId: string,
    token: string | undefined,
  ) => Promise<{ order: repo.OrderRow; event: EventRow }>;
  authorize: (
    auth: AuthContext,
    orderId: string,
    token: string | undefined,
  ) => Promise<{ order: repo.OrderRow; event: EventRow; access: OrderAccess }>;
  requireDetails: (order: repo.OrderRow, event: EventRow) => Promise<void>;
  loadView: (orderId: string, options?: { withToken?: boolean }) => Promise<Order>;
}

/**
 * Bank transfer (issue 14): `reserved -> awaiting_payment` with a deadline (its tickets stay held),
 * then the organizer marks it paid, or the expiry sweep closes it at the deadline and releases them.
 */
export function createBankTransferActions(deps: BankTransferDeps) {
  const { db, clock } = deps;

  /** The answer to a repeated request: the same order, still awaiting its transfer; else why not. */
  function refuseOrRepeat(order: repo.OrderRow, now: Date): 'repeat' {
    const status = effectiveStatus(order, now);
    if (status === 'expired') throw new AppError('HOLD_EXPIRED', 'Your hold expired; start a new order');
    if (status === 'awaiting_payment' && order.paymentMethod === 'bank_transfer') return 'repeat';
    throw new AppError('ORDER_NOT_PAYABLE', `An order that is ${status} cannot be paid by bank transfer`);
  }

  return {
    /** The buyer chooses bank transfer: idempotent (a second call answers the same order). */
    async requestBankTransfer(auth: AuthContext, orderId: string, token: string | undefined): Promise<Order> {
      const { order, event } = await deps.requireBuyer(auth, orderId, token);
      const now = clock.now();
      if (order.status !== 'reserved' || effectiveStatus(order, now) !== 'reserved') {
        refuseOrRepeat(order, now);
        return deps.loadView(orderId, { withToken: true });
      }
      if (event.status === 'cancelled')
        throw new AppError('ORDER_NOT_PAYABLE', 'This event was cancelled; nothing can be paid');
      if (!offersBankTransfer(event) || !event.bankTransfer)
        throw new AppError('BANK_TRANSFER_NOT_OFFERED', 'This event does not take bank transfers');
      if (order.totalCents <= 0)
        throw new AppError('ORDER_NOT_PAYABLE', 'A free order needs no transfer: confirm it instead');
      await deps.requireDetails(order, event);
      const settings = event.bankTransfer;
      const deadline = new Date(now.getTime() + settings.deadlineDays * DAY_MS);
      for (let attempt = 0; ; attempt++) {
        const reference = generateBankReference();
        try {
          const started = await db.transaction(async (tx) => {
            const row = await repo.startBankTransfer(tx, orderId, {
              reference,
              instructions: settings.instructions,
              deadline,
              now,
            });
            if (row)
              await deps.notifier?.bankTransferRequested(tx, row, {
                reference,
                instructions: settings.instructions,
                amountCents: row.totalCents,
                currency: row.currency,
                deadline,
              });
            return row;
          });
          if (!started) {
            // Another request got there first (or the hold just ran out): answer what it is now.
            const current = await repo.findOrder(db, orderId);
            if (!current) throw notFound('Order');
            refuseOrRepeat(current, clock.now());
          }
          break;
        } catch (error) {
          if (isUniqueViolation(error) && attempt < 4) continue;
          throw error;
        }
      }
      deps.announce?.(order.eventId);
      return deps.loadView(orderId, { withToken: true });
    },

    /**
     * The organizer received the transfer: the order is paid, its tickets issued and emailed, the
     * payment recorded. A transfer that arrived after the deadline still pays when seats are left
     * (`expired -> paid`), else 409 SOLD_OUT. Marking a paid order again answers it unchanged.
     */
    async markPaid(auth: Principal, orderId: string): Promise<Order> {
      const { access, event } = await deps.authorize(auth, orderId, undefined);
      if (!access.organizerRole) throw notFound('Order');
      if (!can(access.organizerRole, 'orders.refund'))
        throw forbidden('Only owners and admins can mark an order paid');
      const now = clock.now();
      const isNewlyPaid = await db.transaction(async (tx) => {
        const order = await repo.findOrder(tx, orderId, { forUpdate: true });
        if (!order) throw notFound('Order');
        if (order.paymentMethod !== 'bank_transfer')
          throw new AppError('ORDER_NOT_PAYABLE', 'Only an order paid by bank transfer can be marked paid');
        if (hasBeenPaid(order)) return false;
        if (order.status !== 'awaiting_payment' && order.status !== 'expired')
          throw new AppError('ORDER_NOT_PAYABLE', `An order that is ${order.status} cannot be marked paid`);
        if (event.status === 'cancelled')
          throw new AppError('ORDER_NOT_PAYABLE', 'This event was cancelled; its orders cannot be paid');
        if (!(await sellOrderStock(tx, order)))
          throw new AppError('SOLD_OUT', 'The tickets of this order sold out after its transfer deadline');
        const [items, attendees] = await Promise.all([
          repo.findOrderItems(tx, order.id),
          findAttendeesOfOrder(tx, order.id),
        ]);
        await issueTickets(tx, order, items, attendees);
        await repo.markOrderPaid(tx, order.id, now);
        await recordBankTransferPayment(tx, order);
        await deps.notifier?.orderConfirmed(tx, order);
        await recordAudit(tx, {
          organizationId: event.organizationId,
          auth,
          action: 'order.mark_paid',
          targetType: 'order',
          targetId: order.id,
          details: {
            paymentMethod: 'bank_transfer',
            reference: order.bankReference,
            totalCents: order.totalCents,
            wasExpired: order.status === 'expired',
          },
        });
        return true;
      });
      if (isNewlyPaid) deps.announce?.(event.id);
      return deps.loadView(orderId);
    },
  };
}
