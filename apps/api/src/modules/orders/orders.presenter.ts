import type { Order, OrderStatus, Ticket } from '@zevents/contracts';
import type { EventRow } from '../events';
import type { PaymentRow } from '../payments';
import type { TicketRow, TicketSigner } from '../tickets';
import type { OrderRow } from './orders.repository';

export interface OrderView {
  order: OrderRow;
  items: OrderItemRow[];
  tickets: Array<{ ticket: TicketRow; ticketTypeName: string }>;
  payment?: { row: PaymentRow; clientSecret?: string };
  accessToken?: string;
  /**
   * The buyer's view: a ticket passed on to someone else shows who has it, never its code or QR
   * (the order's token must not open it any more).
   */
  hideTransferred?: boolean;
  /** The event's kind and join link: the answer carries the link once the order holds valid tickets. */
  event?: Pick<EventRow, 'kind' | 'onlineUrl'>;
}

/**
 * The join link of an online or hybrid event is for ticket holders only: a paid order, or one
 * partly refunded (its other tickets still count). A hold, an expired, cancelled or fully refunded
 * order never sees it.
 */
export function joinLinkOf(
  event: Pick<EventRow, 'kind' | 'onlineUrl'> | undefined,
  status: OrderStatus,
): Pick<Order, 'eventKind' | 'onlineUrl'> {
  if (!event?.onlineUrl || (status !== 'paid' && status !== 'partially_refunded')) return {};
  if (event.kind !== 'online' && event.kind !== 'hybrid') return {};
  return { eventKind: event.kind, onlineUrl: event.onlineUrl };
}

/** A line as the orders repository reads it. */
export interface OrderItemRow {
  ticketTypeId: string;
  ticketTypeName: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  feeCents: number;
  taxCents: number;
  totalCents: number;
  taxRateId: string | null;
  taxName: string | null;
  taxRateBasisPoints: number | null;
  taxInclusive: boolean | null;
}

/** A line as the buyer sees it: an absorbed fee is the organizer's business, not a line of theirs. */
export function presentItem(
  item: OrderItemRow,
  order: Pick<OrderRow, 'feePassedOn'>,
): Order['items'][number] {
  return {
    ticketTypeId: item.ticketTypeId,
    ticketTypeName: item.ticketTypeName,
    quantity: item.quantity,
    unitPriceCents: item.unitPriceCents,
    discountCents: item.discountCents,
    feeCents: order.feePassedOn ? item.feeCents : 0,
    taxCents: item.taxCents,
    totalCents: item.totalCents,
    ...(item.taxRateId &&
    item.taxName !== null &&
    item.taxRateBasisPoints !== null &&
    item.taxInclusive !== null
      ? {
          taxRate: {
            id: item.taxRateId,
            name: item.taxName,
            rateBasisPoints: item.taxRateBasisPoints,
            inclusive: item.taxInclusive,
          },
        }
      : {}),
  };
}

/** Whether the order's tickets are held for it: a reservation, or a bank transfer on its way. */
export function isLiveHold(status: OrderStatus): boolean {
  return status === 'reserved' || status === 'awaiting_payment';
}

/**
 * A live hold past its deadline (a reservation's, or a bank transfer's) is already expired for
 * everyone, before any job closes it.
 */
export function effectiveStatus(order: Pick<OrderRow, 'status' | 'expiresAt'>, now: Date): OrderStatus {
  return isLiveHold(order.status) && order.expiresAt <= now ? 'expired' : order.status;
}

/** The transfer details of an order the buyer chose to pay by bank transfer. */
export function presentBankTransfer(order: OrderRow): Order['bankTransfer'] {
  if (order.paymentMethod !== 'bank_transfer' || !order.bankReference) return undefined;
  return {
    reference: order.bankReference,
    instructions: order.bankInstructions ?? '',
    amountCents: order.totalCents,
    currency: order.currency,
    deadline: order.expiresAt.toISOString(),
  };
}

export function presentTicket(
  view: { ticket: TicketRow; ticketTypeName: string },
  signer: TicketSigner,
  hideTransferred = false,
): Ticket {
  const { ticket } = view;
  const isHidden = hideTransferred && ticket.transferredAt !== null;
  return {
    id: ticket.id,
    ticketTypeId: ticket.ticketTypeId,
    ticketTypeName: view.ticketTypeName,
    attendeeName: ticket.attendeeName,
    attendeeEmail: isHidden ? null : ticket.attendeeEmail,
    answers: isHidden ? {} : ticket.answers,
    code: isHidden ? '' : ticket.code,
    qr: isHidden ? '' : signer.sign({ ticketId: ticket.id, eventId: ticket.eventId, code: ticket.code }),
    status: ticket.status,
    checkedInAt: ticket.checkedInAt?.toISOString() ?? null,
    transferredAt: ticket.transferredAt?.toISOString() ?? null,
    // Only on an event with dates: every other ticket reads exactly as before dates existed.
    ...(ticket.dateId ? { dateId: ticket.dateId } : {}),
  };
}

export function presentOrder(view: OrderView, signer: TicketSigner, now: Date): Order {
  const { order } = view;
  const status = effectiveStatus(order, now);
  return {
    id: order.id,
    eventId: order.eventId,
    status,
    buyer: { name: order.buyerName, email: order.buyerEmail },
    items: view.items.map((item) => presentItem(item, order)),
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    feeCents: order.feePassedOn ? order.feeCents : 0,
    taxCents: order.taxCents,
    totalCents: order.totalCents,
    refundedCents: order.refundedCents,
    currency: order.currency,
    expiresAt: order.expiresAt.toISOString(),
    ...(view.accessToken ? { accessToken: view.accessToken } : {}),
    tickets: view.tickets.map((ticket) => presentTicket(ticket, signer, view.hideTransferred)),
    ...(view.payment
      ? {
          payment: {
            provider: view.payment.row.provider,
            status: view.payment.row.status,
            ...(view.payment.clientSecret ? { clientSecret: view.payment.clientSecret } : {}),
          },
        }
      : {}),
    createdAt: order.createdAt.toISOString(),
    paidAt: order.paidAt?.toISOString() ?? null,
    paymentMethod: order.paymentMethod ?? null,
    ...(order.paymentMethod === 'bank_transfer' && order.bankReference
      ? { bankTransfer: presentBankTransfer(order) }
      : {}),
    // Only on an event with dates: every other order reads exactly as before dates existed.
    ...(order.dateId ? { dateId: order.dateId } : {}),
    ...joinLinkOf(view.event, status),
  };
}
