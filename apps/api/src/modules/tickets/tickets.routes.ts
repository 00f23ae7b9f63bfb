import { OrderAccessQuery, UuidParam } from '@zevents/contracts';
import { isLanguage } from '@zevents/i18n';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import type { ApiRouter } from '../../http/route';
import type { Db } from '../../db/client';
import { eventOnDate, findEventById } from '../events';
import type { OrdersService } from '../orders';
import { findOrganization } from '../organizations';
import type { Response } from 'express';
import type { Ticket } from '@zevents/contracts';
import type { EventRow } from '../events';
import { renderTicketPdf } from './ticket-pdf';
import type { TicketTokens } from './ticket-tokens';
import { findTicketById } from './tickets.repository';

/** An event's cover as the ticket prints it (the media module reads it); undefined: none. */
export type TicketCoverReader = (eventId: string) => Promise<{ content: Uint8Array } | undefined>;

/** Answers a ticket as a PDF with its current QR (never cached: it changes with a transfer). */
export async function sendTicketPdf(
  res: Response,
  db: Db,
  input: { event: EventRow; ticket: Ticket; buyerName: string; orderId: string },
  coverOf?: TicketCoverReader,
): Promise<void> {
  const { ticket } = input;
  // A ticket for one date of the event shows that date's start and end.
  const [organization, event, cover] = await Promise.all([
    findOrganization(db, input.event.organizationId),
    eventOnDate(db, input.event, ticket.dateId),
    coverOf?.(input.event.id),
  ]);
  const pdf = await renderTicketPdf({
    event,
    organizationName: organization?.name ?? '',
    ticket: {
      code: ticket.code,
      qr: ticket.qr,
      attendeeName: ticket.attendeeName,
      ticketTypeName: ticket.ticketTypeName,
      status: ticket.status,
    },
    order: { id: input.orderId, buyerName: input.buyerName },
    ...(cover ? { cover: cover.content } : {}),
    ...(isLanguage(event.language) ? { language: event.language } : {}),
  });
  res
    .status(200)
    .type('application/pdf')
    .setHeader('Content-Disposition', `inline; filename="ticket-${ticket.code}.pdf"`)
    .setHeader('Cache-Control', 'private, no-store')
    .send(pdf);
}

export function registerTicketsRoutes(
  api: ApiRouter,
  deps: { orders: OrdersService; db: Db; ticketTokens: TicketTokens; coverOf?: TicketCoverReader },
): void {
  api.add(
    {
      method: 'get',
      path: '/api/orders/{orderId}/tickets/{ticketId}.pdf',
      summary:
        "A ticket as a PDF with its QR code (its buyer: session or the order's ?token=; its holder: the ticket's)",
      tags: ['Checkout'],
      access: 'public',
      params: z.object({ orderId: UuidParam, ticketId: UuidParam }),
      query: OrderAccessQuery,
      status: 200,
      responseContentType: 'application/pdf',
    },
    async ({ auth, params, query, res }) => {
      // The holder of a transferred ticket may use this path with the ticket's own token too.
      const row = await findTicketById(deps.db, params.ticketId);
      const isHolder = row?.orderId === params.orderId && deps.ticketTokens.isValid(row, query.token);
      if (!isHolder) await deps.orders.requireBuyer(auth, params.orderId, query.token);
      const view = await deps.orders.loadView(params.orderId);
      // A ticket passed on to someone else opens with its new holder's token only.
      const ticket = view.tickets?.find((t) => t.id === params.ticketId && (isHolder || !t.transferredAt));
      const event = await findEventById(deps.db, view.eventId);
      if (!ticket || !event) throw notFound('Ticket');
      await sendTicketPdf(
        res,
        deps.db,
        { event, ticket, buyerName: view.buyer.name, orderId: view.id },
        deps.coverOf,
      );
    },
  );
}
