import type { HeldTicket, TicketTransferResult, TransferTicketBody } from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { AuthContext } from '../../http/auth-context';
import { AppError, forbidden, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { recordAudit } from '../audit';
import { eventOnDate, type EventRow } from '../events';
import type { Notifier } from '../notifications';
import { hasBeenPaid, type OrderRow, type OrdersService } from '../orders';
import { can } from '../organizations';
import {
  findTicketById,
  generateTicketCode,
  type TicketRow,
  type TicketTokens,
  transferTicket,
} from '../tickets';

/** PostgreSQL's unique_violation, wherever a driver or ORM wrapped it. */
function isUniqueViolation(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause)
    if ('code' in current && current.code === '23505') return true;
  return false;
}

/** Who may act on a ticket, and as whom. */
interface TicketAccess {
  ticket: TicketRow;
  order: OrderRow;
  event: EventRow;
  /** An owner or admin of the event's organization: at all times, and sees the new holder's token. */
  isManager: boolean;
  /** Any member (staff included): may read the ticket. */
  isMember: boolean;
  /** Its holder: the ticket's own token, or the buyer's order token/session while never passed on. */
  isHolder: boolean;
}

/**
 * Ticket transfers and the ticket's own access: a transferred ticket gets a new code (every QR and
 * token shown before stops working), the new holder an email with their own link, the buyer a
 * notice. Buyers may transfer until the event's deadline; organizers at any time.
 */
export function createTicketTransferService(deps: {
  db: Db;
  clock: Clock;
  orders: OrdersService;
  notifier: Notifier;
  ticketTokens: TicketTokens;
}) {
  const { db, clock, orders, notifier, ticketTokens } = deps;

  async function access(
    auth: AuthContext,
    ticketId: string,
    token: string | undefined,
  ): Promise<TicketAccess> {
    const ticket = isUuid(ticketId) ? await findTicketById(db, ticketId) : undefined;
    if (!ticket) throw notFound('Ticket');
    const { order, event, access: orderAccess } = await orders.authorize(auth, ticket.orderId, token);
    const role = orderAccess.organizerRole;
    const isHolder =
      ticketTokens.isValid(ticket, token) || (orderAccess.isBuyer && ticket.transferredAt === null);
    if (!isHolder && !role) throw notFound('Ticket');
    return {
      ticket,
      order,
      event,
      isManager: !!role && can(role, 'events.manage'),
      isMember: !!role,
      isHolder,
    };
  }

  async function view(ticket: TicketRow): Promise<HeldTicket> {
    const order = await orders.loadView(ticket.orderId);
    const shown = order.tickets?.find((candidate) => candidate.id === ticket.id);
    if (!shown) throw notFound('Ticket');
    return {
      ...shown,
      eventId: ticket.eventId,
      orderId: ticket.orderId,
      attendeeEmail: ticket.attendeeEmail,
    };
  }

  /** Buyers may pass tickets on until `transferDeadlineHours` before the start (null: never). */
  function assertBuyerMayTransfer(event: EventRow, now: Date): void {
    if (event.transferDeadlineHours === null)
      throw new AppError(
        'TRANSFER_CLOSED',
        'The organizer handles ticket transfers for this event: contact them',
      );
    const deadline = event.startsAt.getTime() - event.transferDeadlineHours * 3_600_000;
    if (now.getTime() >= deadline)
      throw new AppError(
        'TRANSFER_CLOSED',
        'Tickets of this event can no longer be transferred by their holders',
      );
  }

  return {
    async getTicket(auth: AuthContext, ticketId: string, token: string | undefined): Promise<HeldTicket> {
      const found = await access(auth, ticketId, token);
      return view(found.ticket);
    },

    /** For the PDF: the ticket and its event, if the caller may see it. */
    async ticketForPdf(auth: AuthContext, ticketId: string, token: string | undefined) {
      const found = await access(auth, ticketId, token);
      if (!hasBeenPaid(found.order)) throw notFound('Ticket');
      return { ticket: await view(found.ticket), event: found.event, order: found.order };
    },

    async transfer(
      auth: AuthContext,
      ticketId: string,
      token: string | undefined,
      body: TransferTicketBody,
    ): Promise<TicketTransferResult> {
      const found = await access(auth, ticketId, token);
      const { ticket, order, event } = found;
      const now = clock.now();
      if (!found.isManager) {
        if (!found.isHolder) throw forbidden('Staff can look but not transfer tickets');
        // Until the deadline before the start of the ticket's own date, on an event with dates.
        assertBuyerMayTransfer(await eventOnDate(db, event, order.dateId), now);
      }
      if (!hasBeenPaid(order))
        throw new AppError('ORDER_NOT_PAID', 'Only tickets of a paid order can be transferred');
      const actor = {
        actorUserId: auth.kind === 'session' ? auth.userId : null,
        actorApiKeyId: auth.kind === 'apiKey' ? auth.apiKeyId : null,
      };
      for (let attempt = 0; ; attempt++) {
        try {
          const moved = await db.transaction(async (tx) => {
            const done = await transferTicket(tx, {
              ticketId: ticket.id,
              newCode: generateTicketCode(),
              toName: body.name,
              toEmail: body.email,
              ...actor,
              now,
            });
            if (!done) return undefined;
            await notifier.ticketTransferred(tx, order, {
              ticketId: ticket.id,
              code: done.ticket.code,
              previousCode: done.previous.code,
              fromName: done.previous.name,
              toName: body.name,
              toEmail: body.email,
            });
            await recordAudit(tx, {
              organizationId: event.organizationId,
              auth,
              action: 'ticket.transfer',
              targetType: 'ticket',
              targetId: ticket.id,
              details: {
                orderId: order.id,
                fromName: done.previous.name,
                toName: body.name,
                toEmail: body.email,
                byBuyer: !found.isManager,
              },
            });
            return done.ticket;
          });
          if (!moved) {
            // Checked in or void meanwhile (or before): say which.
            const current = await findTicketById(db, ticket.id);
            if (current?.status === 'checked_in')
              throw new AppError(
                'ALREADY_CHECKED_IN',
                'A ticket already used at the door cannot be transferred',
              );
            throw new AppError(
              'TICKET_VOID',
              'This ticket was refunded or cancelled and cannot be transferred',
            );
          }
          return {
            ticket: await view(moved),
            holder: { name: body.name, email: body.email },
            ...(found.isManager ? { ticketToken: ticketTokens.tokenFor(moved) } : {}),
          };
        } catch (error) {
          // The new random code collided with another ticket of the event: draw again.
          if (isUniqueViolation(error) && attempt < 3) continue;
          throw error;
        }
      }
    },
  };
}

export type TicketTransferService = ReturnType<typeof createTicketTransferService>;
