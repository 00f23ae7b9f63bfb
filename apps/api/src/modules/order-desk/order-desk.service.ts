import type {
  EmailLogEntry,
  Order,
  OrderTimeline,
  Page,
  PageQuery,
  ResendOrderBody,
  Ticket,
  UpdateOrderBody,
  UpdateTicketBody,
} from '@zevents/contracts';
import { answerProblem } from '@zevents/contracts';
import type { Db } from '../../db/client';
import type { Principal } from '../../http/auth-context';
import { AppError, type FieldProblem, forbidden, notFound } from '../../http/errors';
import type { Clock } from '../../shared/clock';
import { isUuid } from '../../shared/ids';
import { decodeCursor, toPage } from '../../shared/pagination';
import { recordAudit } from '../audit';
import { authorizeEvent, findEventById } from '../events';
import { type EmailRow, findEmail, listEmailsOfEvent, type Notifier } from '../notifications';
import {
  findOrder,
  findOrderItems,
  hasBeenPaid,
  moveBuyerEmail,
  type OrdersService,
  updateBuyerName,
} from '../orders';
import { can } from '../organizations';
import { listEventQuestions } from '../questions';
import { findTicketById, findTicketsOfOrder, updateTicketAttendee } from '../tickets';
import { buildOrderTimeline } from './order-timeline';

function presentEmail(row: EmailRow): EmailLogEntry {
  return {
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    error: row.lastError,
    orderId: row.orderId,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/**
 * The organizer's order desk: an order's timeline, resending its confirmation, correcting buyer and
 * attendee details (each audited), and an event's email log with resend of any message.
 */
export function createOrderDeskService(deps: {
  db: Db;
  clock: Clock;
  orders: OrdersService;
  notifier: Notifier;
}) {
  const { db, clock, orders, notifier } = deps;

  /** The order for an organizer: 404 unknown or foreign, 403 when the role may not `manage`. */
  async function organizerOrder(auth: Principal, orderId: string, manage: boolean) {
    const found = await orders.authorize(auth, orderId, undefined);
    const role = found.access.organizerRole;
    if (!role) throw notFound('Order');
    if (manage && !can(role, 'events.manage')) throw forbidden('Staff can look but not change orders');
    return found;
  }

  return {
    async timeline(auth: Principal, orderId: string): Promise<OrderTimeline> {
      const { order, event } = await organizerOrder(auth, orderId, false);
      return {
        orderId: order.id,
        items: await buildOrderTimeline(db, order, event.organizationId, clock.now()),
      };
    },

    async resend(auth: Principal, orderId: string, body: ResendOrderBody): Promise<Order> {
      const { order, event } = await organizerOrder(auth, orderId, true);
      if (!hasBeenPaid(order) || order.status === 'refunded')
        throw new AppError('ORDER_NOT_PAID', `An order that is ${order.status} has no tickets to send`);
      const recipient = body.email ?? order.buyerEmail;
      await db.transaction(async (tx) => {
        await notifier.sendAgain(
          tx,
          {
            kind: 'order_confirmation',
            recipient: order.buyerEmail,
            params: {},
            eventId: order.eventId,
            orderId: order.id,
          },
          recipient,
        );
        await recordAudit(tx, {
          organizationId: event.organizationId,
          auth,
          action: 'order.resend',
          targetType: 'order',
          targetId: order.id,
          details: { recipient },
        });
      });
      return orders.loadView(order.id);
    },

    async updateOrder(auth: Principal, orderId: string, body: UpdateOrderBody): Promise<Order> {
      const { event } = await organizerOrder(auth, orderId, true);
      await db.transaction(async (tx) => {
        // Locked as a payment locks it: the tickets counted for the buyer cannot change meanwhile.
        const order = await findOrder(tx, orderId, { forUpdate: true });
        if (!order) throw notFound('Order');
        const before = { name: order.buyerName, email: order.buyerEmail };
        if (body.buyer.name !== undefined && body.buyer.name !== order.buyerName)
          await updateBuyerName(tx, order.id, body.buyer.name);
        if (body.buyer.email !== undefined && body.buyer.email !== order.buyerEmail) {
          // What the order counts against the per-buyer limit moves with it: live tickets once paid,
          // the held ones before.
          const counted = hasBeenPaid(order)
            ? (await findTicketsOfOrder(tx, order.id)).filter(({ ticket }) => ticket.status !== 'void').length
            : order.status === 'reserved' || order.status === 'awaiting_payment'
              ? (await findOrderItems(tx, order.id)).reduce((sum, item) => sum + item.quantity, 0)
              : 0;
          await moveBuyerEmail(tx, order.id, body.buyer.email, counted);
        }
        await recordAudit(tx, {
          organizationId: event.organizationId,
          auth,
          action: 'order.edit',
          targetType: 'order',
          targetId: order.id,
          details: {
            fields: Object.keys(body.buyer).map((field) => `buyer.${field}`),
            before,
            after: body.buyer,
          },
        });
      });
      return orders.loadView(orderId);
    },

    async updateTicket(auth: Principal, ticketId: string, body: UpdateTicketBody): Promise<Ticket> {
      const ticket = isUuid(ticketId) ? await findTicketById(db, ticketId) : undefined;
      if (!ticket) throw notFound('Ticket');
      let found;
      try {
        found = await organizerOrder(auth, ticket.orderId, true);
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Ticket');
        throw error;
      }
      const { event } = found;
      if (body.answers) {
        const asked = new Map(
          (await listEventQuestions(db, event.id))
            .filter((question) => question.appliesTo === 'attendee')
            .map((question) => [question.id, question]),
        );
        const problems: FieldProblem[] = [];
        for (const [questionId, value] of Object.entries(body.answers)) {
          const question = asked.get(questionId.toLowerCase());
          const problem = question
            ? answerProblem(question, value)
            : 'not a per-ticket question of this event';
          if (problem) problems.push({ path: `answers.${questionId}`, message: problem });
        }
        if (problems.length > 0)
          throw new AppError('VALIDATION_FAILED', 'Some answers do not fit their questions', {
            errors: problems,
          });
      }
      await db.transaction(async (tx) => {
        await updateTicketAttendee(tx, ticket.orderId, ticket.id, {
          attendeeName: body.attendeeName ?? ticket.attendeeName,
          attendeeEmail: body.attendeeEmail === undefined ? ticket.attendeeEmail : body.attendeeEmail,
          answers: body.answers ?? ticket.answers,
        });
        await recordAudit(tx, {
          organizationId: event.organizationId,
          auth,
          action: 'ticket.edit',
          targetType: 'ticket',
          targetId: ticket.id,
          details: {
            orderId: ticket.orderId,
            fields: Object.keys(body),
            before: { attendeeName: ticket.attendeeName, attendeeEmail: ticket.attendeeEmail },
          },
        });
      });
      const view = await orders.loadView(ticket.orderId);
      const updated = view.tickets?.find((candidate) => candidate.id === ticket.id);
      if (!updated) throw notFound('Ticket');
      return updated;
    },

    async emailLog(auth: Principal, eventId: string, query: PageQuery): Promise<Page<EmailLogEntry>> {
      const { event } = await authorizeEvent(db, auth, eventId, 'events.view');
      const rows = await listEmailsOfEvent(
        db,
        event.id,
        query.limit,
        decodeCursor(query.cursor, 'timestamp'),
      );
      return toPage(rows, query.limit, presentEmail, (row) => ({
        k: row.createdAt.toISOString(),
        id: row.id,
      }));
    },

    /** Sends one logged email again, rendered from current data (a new entry in the log). */
    async resendEmail(auth: Principal, emailId: string): Promise<EmailLogEntry> {
      const email = isUuid(emailId) ? await findEmail(db, emailId) : undefined;
      const event = email?.eventId ? await findEventById(db, email.eventId) : undefined;
      if (!email || !event) throw notFound('Email');
      try {
        await authorizeEvent(db, auth, event.id, 'events.manage');
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Email');
        throw error;
      }
      const newId = await db.transaction(async (tx) => {
        const id = await notifier.sendAgain(tx, email);
        await recordAudit(tx, {
          organizationId: event.organizationId,
          auth,
          action: 'email.resend',
          targetType: 'email',
          targetId: email.id,
          details: { resentAs: id, kind: email.kind, recipient: email.recipient },
        });
        return id;
      });
      const created = await findEmail(db, newId);
      if (!created) throw notFound('Email');
      return presentEmail(created);
    },
  };
}

export type OrderDeskService = ReturnType<typeof createOrderDeskService>;
