import type { DbOrTx } from '../../db/client';
import { generateTicketCode } from './ticket-codes';
import { findTicketsOfOrder, insertTickets } from './tickets.repository';

/**
 * Issues the tickets an order's items call for that it does not have yet, so running it again
 * after a partial run issues only what is missing.
 */
export async function issueTickets(
  tx: DbOrTx,
  order: { id: string; eventId: string; buyerName: string },
  items: ReadonlyArray<{ ticketTypeId: string; quantity: number }>,
): Promise<void> {
  const missing = new Map(items.map((item) => [item.ticketTypeId, item.quantity]));
  const existing = await findTicketsOfOrder(tx, order.id);
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
    await insertTickets(tx, rows);
    const now = await findTicketsOfOrder(tx, order.id);
    for (const { ticketTypeId, quantity } of items)
      missing.set(ticketTypeId, quantity - now.filter((t) => t.ticket.ticketTypeId === ticketTypeId).length);
  }
  throw new Error(`could not issue unique ticket codes for order ${order.id}`);
}
