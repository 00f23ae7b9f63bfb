import { OrderAccessQuery, UuidParam } from '@zevents/contracts';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import type { ApiRouter } from '../../http/route';
import type { Db } from '../../db/client';
import { findEventById } from '../events';
import type { OrdersService } from '../orders';
import { findOrganization } from '../organizations';
import { renderTicketPdf } from './ticket-pdf';

export function registerTicketsRoutes(api: ApiRouter, deps: { orders: OrdersService; db: Db }): void {
  api.add(
    {
      method: 'get',
      path: '/api/orders/{orderId}/tickets/{ticketId}.pdf',
      summary: 'A ticket as a PDF with its QR code (buyer only: session or ?token=)',
      tags: ['Checkout'],
      access: 'public',
      params: z.object({ orderId: UuidParam, ticketId: UuidParam }),
      query: OrderAccessQuery,
      status: 200,
      responseContentType: 'application/pdf',
    },
    async ({ auth, params, query, res }) => {
      const { order } = await deps.orders.requireBuyer(auth, params.orderId, query.token);
      const view = await deps.orders.loadView(order.id);
      const ticket = view.tickets?.find((t) => t.id === params.ticketId);
      const event = await findEventById(deps.db, order.eventId);
      if (!ticket || !event) throw notFound('Ticket');
      const organization = await findOrganization(deps.db, event.organizationId);
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
        order: { id: order.id, buyerName: order.buyerName },
      });
      res
        .status(200)
        .type('application/pdf')
        .setHeader('Content-Disposition', `inline; filename="ticket-${ticket.code}.pdf"`)
        .setHeader('Cache-Control', 'private, no-store')
        .send(pdf);
    },
  );
}
