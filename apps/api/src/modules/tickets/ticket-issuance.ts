import type { AnswerValue } from '@zevents/contracts';
import type { DbOrTx } from '../../db/client';
import { generateTicketCode } from './ticket-codes';
import { findTicketsOfOrder, insertTickets } from './tickets.repository';

/** Who a ticket is for, as the buyer gave it in the details step. */
export interface AttendeeForTicket {
  ticketTypeId: string;
  name: string | null;
  email: string | null;
  answers: Record<string, AnswerValue>;
}

/**
 * Issues the tickets an order's items call for that it does not have yet, so running it again
 * after a partial run issues only what is missing. The n-th ticket of a type carries the n-th
 * attendee of that type (the buyer's name when none was asked).
 */
export async function issueTickets(
  tx: DbOrTx,
  order: { id: string; eventId: string; buyerName: string; dateId?: string | null },
  items: ReadonlyArray<{ ticketTypeId: string; quantity: number }>,
  attendees: readonly AttendeeForTicket[] = [],
): Promise<void> {
  // Codes are random; on the rare collision with another ticket of the event, draw again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const issued = await findTicketsOfOrder(tx, order.id);
    const rows = items.flatMap(({ ticketTypeId, quantity }) => {
      const ofType = issued.filter((t) => t.ticket.ticketTypeId === ticketTypeId).length;
      // The attendees of this type not on a ticket yet, in the order the buyer listed them.
      const waiting = attendees.filter((attendee) => attendee.ticketTypeId === ticketTypeId).slice(ofType);
      return Array.from({ length: Math.max(0, quantity - ofType) }, (_, index) => {
        const attendee = waiting[index];
        return {
          orderId: order.id,
          eventId: order.eventId,
          dateId: order.dateId ?? null,
          ticketTypeId,
          code: generateTicketCode(),
          attendeeName: attendee?.name?.trim() || order.buyerName,
          attendeeEmail: attendee?.email?.trim() || null,
          answers: attendee?.answers ?? {},
        };
      });
    });
    if (rows.length === 0) return;
    await insertTickets(tx, rows);
  }
  if ((await findTicketsOfOrder(tx, order.id)).length < items.reduce((sum, item) => sum + item.quantity, 0))
    throw new Error(`could not issue unique ticket codes for order ${order.id}`);
}
