import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { ticketTransfers, tickets, ticketTypes } from '../../db/schema';

export type TicketRow = typeof tickets.$inferSelect;
export type NewTicket = typeof tickets.$inferInsert;

/** An order's tickets with their type's name, in the order the buyer sees them. */
const selectTicketsOfOrder = preparedQuery('zevents_tickets_of_order', (db) =>
  db
    .select({ ticket: tickets, ticketTypeName: ticketTypes.name })
    .from(tickets)
    .innerJoin(ticketTypes, eq(ticketTypes.id, tickets.ticketTypeId))
    .where(eq(tickets.orderId, sql.placeholder('orderId')))
    .orderBy(asc(ticketTypes.sortOrder), asc(tickets.createdAt), asc(tickets.code)),
);

export async function findTicketsOfOrder(db: DbOrTx, orderId: string) {
  return selectTicketsOfOrder(db, { orderId });
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

/**
 * Hands a ticket to another person in one statement: a new code (so every QR and token shown
 * before stops working), the new holder's name and email, and the transfer logged beside it. Only
 * a `valid` ticket moves (not one checked in or void); undefined when it did not.
 */
export async function transferTicket(
  db: DbOrTx,
  transfer: {
    ticketId: string;
    newCode: string;
    toName: string;
    toEmail: string;
    actorUserId: string | null;
    actorApiKeyId: string | null;
    now: Date;
  },
): Promise<
  { ticket: TicketRow; previous: { name: string; email: string | null; code: string } } | undefined
> {
  const result = await db.execute<{
    id: string;
    from_name: string;
    from_email: string | null;
    previous_code: string;
  }>(sql`
    WITH before AS (
      SELECT t.id, t.attendee_name, t.attendee_email, t.code FROM tickets t
      WHERE t.id = ${transfer.ticketId}::uuid AND t.status = 'valid' FOR UPDATE
    ),
    moved AS (
      UPDATE tickets t SET code = ${transfer.newCode}, attendee_name = ${transfer.toName},
        attendee_email = ${transfer.toEmail}, transferred_at = ${transfer.now}::timestamptz
      FROM before b WHERE t.id = b.id
      RETURNING t.id, t.order_id, t.event_id
    ),
    logged AS (
      INSERT INTO ticket_transfers (ticket_id, order_id, event_id, from_name, from_email, to_name, to_email,
                                    previous_code, actor_user_id, actor_api_key_id, created_at)
      SELECT m.id, m.order_id, m.event_id, b.attendee_name, b.attendee_email, ${transfer.toName},
             ${transfer.toEmail}, b.code, ${transfer.actorUserId}::uuid, ${transfer.actorApiKeyId}::uuid,
             ${transfer.now}::timestamptz
      FROM moved m JOIN before b ON b.id = m.id
    )
    SELECT b.id, b.attendee_name AS from_name, b.attendee_email AS from_email, b.code AS previous_code
    FROM before b JOIN moved m ON m.id = b.id`);
  const row = result.rows[0];
  if (!row) return undefined;
  const ticket = await findTicketById(db, row.id);
  if (!ticket) return undefined;
  return { ticket, previous: { name: row.from_name, email: row.from_email, code: row.previous_code } };
}

/** The transfers of an order's tickets, oldest first (the order desk's timeline). */
export async function listTransfersOfOrder(db: DbOrTx, orderId: string) {
  return db
    .select()
    .from(ticketTransfers)
    .where(eq(ticketTransfers.orderId, orderId))
    .orderBy(asc(ticketTransfers.createdAt));
}
