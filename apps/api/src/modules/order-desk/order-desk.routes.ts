import {
  HeldTicket,
  TicketAccessQuery,
  TicketTransferResult,
  TransferTicketBody,
  EmailLog,
  EmailLogEntry,
  Order,
  OrderTimeline,
  PageQuery,
  ResendOrderBody,
  Ticket,
  UpdateOrderBody,
  UpdateTicketBody,
  UuidParam,
} from '@zevents/contracts';
import { z } from 'zod';
import type { ApiRouter } from '../../http/route';
import type { Permission } from '../organizations';
import type { Db } from '../../db/client';
import { sendTicketPdf, type TicketCoverReader } from '../tickets';
import type { OrderDeskService } from './order-desk.service';
import type { TicketTransferService } from './ticket-transfer.service';

const OrderParams = z.object({ orderId: UuidParam });

/** The organizer's order desk and an event's email log. */
export function registerOrderDeskRoutes(
  api: ApiRouter<Permission>,
  deps: { desk: OrderDeskService; transfers: TicketTransferService; db: Db; coverOf?: TicketCoverReader },
): void {
  const { desk, transfers } = deps;
  const tags = ['Order desk'];
  const TicketParams = z.object({ ticketId: UuidParam });

  api.add(
    {
      method: 'post',
      path: '/api/tickets/{ticketId}/transfer',
      summary:
        'Transfer a ticket to another person: new code and QR, an email to them, a notice to the buyer',
      description:
        'The old code and QR stop working at once; the order token no longer opens the ticket, the new ' +
        "holder's own ?token= does (emailed to them; in the answer for organizers). Buyers (order token or " +
        'session) and holders (ticket token) until the event’s `transferDeadlineHours` before the start ' +
        '(409 TRANSFER_CLOSED), owners and admins at any time; staff 403. A checked-in ticket answers 409 ' +
        'ALREADY_CHECKED_IN, a void one 410 TICKET_VOID.',
      tags,
      access: 'public',
      params: TicketParams,
      query: TicketAccessQuery,
      body: TransferTicketBody,
      status: 200,
      response: TicketTransferResult,
      errors: [403, 409, 410],
    },
    async ({ auth, params, query, body }) => transfers.transfer(auth, params.ticketId, query.token, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/tickets/{ticketId}.pdf',
      summary: 'A ticket as a PDF, for its holder (?token= of the ticket) or the event organizers',
      tags,
      access: 'public',
      params: TicketParams,
      query: TicketAccessQuery,
      status: 200,
      responseContentType: 'application/pdf',
    },
    async ({ auth, params, query, res }) => {
      const { ticket, event, order } = await transfers.ticketForPdf(auth, params.ticketId, query.token);
      await sendTicketPdf(
        res,
        deps.db,
        { event, ticket, buyerName: order.buyerName, orderId: order.id },
        deps.coverOf,
      );
    },
  );

  api.add(
    {
      method: 'get',
      path: '/api/tickets/{ticketId}',
      summary:
        'A ticket for its holder (?token= of the ticket, or the order’s until a transfer) or organizers',
      tags,
      access: 'public',
      params: TicketParams,
      query: TicketAccessQuery,
      status: 200,
      response: HeldTicket,
    },
    async ({ auth, params, query }) => transfers.getTicket(auth, params.ticketId, query.token),
  );

  api.add(
    {
      method: 'get',
      path: '/api/orders/{orderId}/timeline',
      summary:
        'What happened to an order: created, paid, emails with their status, refunds, edits, check-ins',
      description:
        'Oldest first, each with who acted (null: the buyer or the platform). Organizers, staff included.',
      tags,
      access: 'member',
      params: OrderParams,
      status: 200,
      response: OrderTimeline,
    },
    async ({ auth, params }) => desk.timeline(auth, params.orderId),
  );

  api.add(
    {
      method: 'post',
      path: '/api/orders/{orderId}/resend',
      summary: 'Send the confirmation with the tickets again, optionally to another address',
      description:
        'Rendered from current data. `email` sends to that address only (the order keeps its own; ' +
        'PATCH /api/orders/{orderId} corrects it). 409 ORDER_NOT_PAID for an order without tickets. Audited.',
      tags,
      access: 'member',
      params: OrderParams,
      body: ResendOrderBody,
      status: 200,
      response: Order,
      errors: [403, 409],
    },
    async ({ auth, params, body }) => desk.resend(auth, params.orderId, body),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/orders/{orderId}',
      summary: "Correct the buyer's name or email (owners and admins; audited)",
      description: "A new email moves the order's tickets to that buyer's per-event count.",
      tags,
      access: 'member',
      params: OrderParams,
      body: UpdateOrderBody,
      status: 200,
      response: Order,
      errors: [403],
    },
    async ({ auth, params, body }) => desk.updateOrder(auth, params.orderId, body),
  );

  api.add(
    {
      method: 'patch',
      path: '/api/tickets/{ticketId}',
      summary: "Correct a ticket's attendee: name, email, answers (owners and admins; audited)",
      tags,
      access: 'member',
      params: z.object({ ticketId: UuidParam }),
      body: UpdateTicketBody,
      status: 200,
      response: Ticket,
      errors: [403],
    },
    async ({ auth, params, body }) => desk.updateTicket(auth, params.ticketId, body),
  );

  api.add(
    {
      method: 'get',
      path: '/api/events/{eventId}/emails',
      summary: "The event's email log: kind, recipient, status, time, error (newest first)",
      tags,
      access: 'member',
      permission: 'events.view',
      params: z.object({ eventId: UuidParam }),
      query: PageQuery,
      status: 200,
      response: EmailLog,
    },
    async ({ auth, params, query }) => desk.emailLog(auth, params.eventId, query),
  );

  api.add(
    {
      method: 'post',
      path: '/api/emails/{emailId}/resend',
      summary: 'Send one logged email again, rendered from current data (a new log entry)',
      tags,
      access: 'member',
      params: z.object({ emailId: UuidParam }),
      status: 200,
      response: EmailLogEntry,
      errors: [403],
    },
    async ({ auth, params }) => desk.resendEmail(auth, params.emailId),
  );
}
