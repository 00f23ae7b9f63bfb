import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { waitlistEntries } from '../../db/schema';

export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect;
export type WaitlistStatusValue = WaitlistEntryRow['status'];

/** Serializes the offers and moves of one ticket type's line (several workers, organizer moves). */
export async function lockTicketTypeLine(db: DbOrTx, ticketTypeId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`waitlist:${ticketTypeId}`}, 0))`);
}

/** Joins the line; undefined when the address already waits or holds an offer for this type. */
export async function insertEntry(
  db: DbOrTx,
  row: { eventId: string; ticketTypeId: string; quantity: number; name: string; email: string; now: Date },
): Promise<WaitlistEntryRow | undefined> {
  const rows = await db
    .insert(waitlistEntries)
    .values({
      eventId: row.eventId,
      ticketTypeId: row.ticketTypeId,
      quantity: row.quantity,
      name: row.name,
      email: row.email.toLowerCase(),
      createdAt: row.now,
      updatedAt: row.now,
    })
    .onConflictDoNothing({
      target: [waitlistEntries.ticketTypeId, waitlistEntries.email],
      where: sql`status IN ('waiting', 'offered')`,
    })
    .returning();
  return rows[0];
}

export async function findEntry(
  db: DbOrTx,
  entryId: string,
  options: { forUpdate?: boolean } = {},
): Promise<WaitlistEntryRow | undefined> {
  const query = db.select().from(waitlistEntries).where(eq(waitlistEntries.id, entryId)).limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/** 1-based place of a waiting entry among its type's waiting entries. */
export async function placeOf(
  db: DbOrTx,
  entry: { ticketTypeId: string; position: number },
): Promise<number> {
  const result = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM waitlist_entries
    WHERE ticket_type_id = ${entry.ticketTypeId}::uuid AND status = 'waiting' AND position <= ${entry.position}`);
  return Number(result.rows[0]?.n ?? 0);
}

export async function listEntriesOfEvent(db: DbOrTx, eventId: string): Promise<WaitlistEntryRow[]> {
  return db
    .select()
    .from(waitlistEntries)
    .where(eq(waitlistEntries.eventId, eventId))
    .orderBy(asc(waitlistEntries.ticketTypeId), asc(waitlistEntries.position))
    .limit(5_000);
}

export async function listWaiting(db: DbOrTx, ticketTypeId: string): Promise<WaitlistEntryRow[]> {
  return db
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.ticketTypeId, ticketTypeId), eq(waitlistEntries.status, 'waiting')))
    .orderBy(asc(waitlistEntries.position));
}

export async function firstWaiting(db: DbOrTx, ticketTypeId: string): Promise<WaitlistEntryRow | undefined> {
  const rows = await db
    .select()
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.ticketTypeId, ticketTypeId), eq(waitlistEntries.status, 'waiting')))
    .orderBy(asc(waitlistEntries.position))
    .limit(1);
  return rows[0];
}

/** The ticket types (with their events) that have someone waiting. */
export async function listLinesWithWaiting(
  db: DbOrTx,
): Promise<Array<{ eventId: string; ticketTypeId: string }>> {
  return db
    .selectDistinct({ eventId: waitlistEntries.eventId, ticketTypeId: waitlistEntries.ticketTypeId })
    .from(waitlistEntries)
    .where(eq(waitlistEntries.status, 'waiting'));
}

export async function listOffered(db: DbOrTx, limit: number): Promise<WaitlistEntryRow[]> {
  return db.select().from(waitlistEntries).where(eq(waitlistEntries.status, 'offered')).limit(limit);
}

/** waiting -> offered, only if still waiting: the one step that makes an offer happen once. */
export async function markOffered(
  db: DbOrTx,
  entryId: string,
  offer: { orderId: string; expiresAt: Date; now: Date },
): Promise<WaitlistEntryRow | undefined> {
  const rows = await db
    .update(waitlistEntries)
    .set({
      status: 'offered',
      offerOrderId: offer.orderId,
      offerExpiresAt: offer.expiresAt,
      updatedAt: offer.now,
    })
    .where(and(eq(waitlistEntries.id, entryId), eq(waitlistEntries.status, 'waiting')))
    .returning();
  return rows[0];
}

/** Moves an entry from one of `from` to `to`; undefined when it was in none of them. */
export async function changeStatus(
  db: DbOrTx,
  entryId: string,
  from: readonly WaitlistStatusValue[],
  to: WaitlistStatusValue,
  now: Date,
): Promise<WaitlistEntryRow | undefined> {
  const rows = await db
    .update(waitlistEntries)
    .set({ status: to, updatedAt: now })
    .where(and(eq(waitlistEntries.id, entryId), inArray(waitlistEntries.status, [...from])))
    .returning();
  return rows[0];
}

/** Gives the waiting entries these positions (one statement; the caller holds the line's lock). */
export async function setPositions(
  db: DbOrTx,
  changes: ReadonlyArray<{ id: string; position: number }>,
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await db.execute(sql`
    UPDATE waitlist_entries w SET position = c.position, updated_at = ${now}
    FROM unnest(${sql.param(changes.map((change) => change.id))}::uuid[],
                ${sql.param(changes.map((change) => change.position))}::bigint[]) AS c(id, position)
    WHERE w.id = c.id AND w.status = 'waiting'`);
}

export async function countByStatus(db: DbOrTx, eventId: string): Promise<Map<string, number>> {
  const result = await db.execute<{ status: string; n: number }>(sql`
    SELECT status, count(*)::int AS n FROM waitlist_entries WHERE event_id = ${eventId}::uuid GROUP BY status`);
  return new Map(result.rows.map((row) => [row.status, Number(row.n)]));
}
