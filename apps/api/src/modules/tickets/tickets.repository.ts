import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { tickets, ticketTypes } from '../../db/schema';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;

/** An order's tickets with their type's name, in the order the buyer sees them. */
export async function findTicketsOfOrder(db: DbOrTx, orderId: string) {
  return db
    .select({ ticket: tickets, ticketTypeName: ticketTypes.name })
    .from(tickets)
    .innerJoin(ticketTypes, eq(ticketTypes.id, tickets.ticketTypeId))
    .where(eq(tickets.orderId, orderId))
    .orderBy(asc(ticketTypes.sortOrder), asc(tickets.createdAt), asc(tickets.code));
}

export async function findTicketById(db: DbOrTx, ticketId: string): Promise<TicketRow | undefined> {
  const rows = await db.select().from(tickets).where(eq(tickets.id, ticketId)).limit(1);
  return rows[0];
}

/** Inserts tickets, skipping any whose code the event already has; returns how many went in. */
export async function insertTickets(db: DbOrTx, rows: NewTicket[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(tickets).values(rows).onConflictDoNothing().returning({ id: tickets.id });
  return inserted.length;
}

/** Voids an order's tickets (all, or the named ones) and says how many of each type it voided. */
export async function voidTicketsOfOrder(
  db: DbOrTx,
  orderId: string,
  ticketIds: string[] | 'all',
): Promise<Array<{ ticketTypeId: string; count: number }>> {
  const result = await db.execute<{ ticket_type_id: string; n: number }>(sql`
    WITH voided AS (
      UPDATE tickets t SET status = 'void'
      WHERE t.order_id = ${orderId} AND t.status <> 'void'
        ${ticketIds === 'all' ? sql`` : sql`AND t.id = ANY(${sql.param(ticketIds)}::uuid[])`}
      RETURNING t.ticket_type_id
    )
    SELECT ticket_type_id, count(*)::int AS n FROM voided GROUP BY ticket_type_id`);
  return result.rows.map((row) => ({ ticketTypeId: row.ticket_type_id, count: row.n }));
}

/** Puts new attendee details on one ticket of an order (nothing when the ticket is not the order's). */
export async function updateTicketAttendee(
  db: DbOrTx,
  orderId: string,
  ticketId: string,
  attendee: Pick<TicketRow, 'attendeeName' | 'attendeeEmail' | 'answers'>,
): Promise<boolean> {
  const rows = await db
    .update(tickets)
    .set(attendee)
    .where(sql`${tickets.id} = ${ticketId} AND ${tickets.orderId} = ${orderId}`)
    .returning({ id: tickets.id });
  return rows.length > 0;
}
