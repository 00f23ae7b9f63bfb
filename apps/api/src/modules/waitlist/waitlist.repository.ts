import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { waitlistEntries } from '../../db/schema';

export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect;
export type WaitlistStatusValue = WaitlistEntryRow['status'];

/** One waiting line: a ticket type, on one date of an event with dates (null: the event's only one). */
export interface Line {
  ticketTypeId: string;
  dateId: string | null;
}

const ofLine = (line: Line): SQL | undefined =>
  and(
    eq(waitlistEntries.ticketTypeId, line.ticketTypeId),
    line.dateId === null ? isNull(waitlistEntries.dateId) : eq(waitlistEntries.dateId, line.dateId),
  );

/** Serializes the offers and moves of one line (several workers, organizer moves). */
export async function lockLine(db: DbOrTx, line: Line): Promise<void> {
  const key = `waitlist:${line.ticketTypeId}${line.dateId ? `:${line.dateId}` : ''}`;
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

/** Joins the line; undefined when the address already waits or holds an offer in this line. */
export async function insertEntry(
  db: DbOrTx,
  row: {
    eventId: string;
    ticketTypeId: string;
    dateId: string | null;
    quantity: number;
    name: string;
    email: string;
    now: Date;
  },
): Promise<WaitlistEntryRow | undefined> {
  const rows = await db
    .insert(waitlistEntries)
    .values({
      eventId: row.eventId,
      ticketTypeId: row.ticketTypeId,
      dateId: row.dateId,
      quantity: row.quantity,
      name: row.name,
      email: row.email.toLowerCase(),
      createdAt: row.now,
      updatedAt: row.now,
    })
    // The only other key is a random id: a conflict is a live entry of this address in this line.
    .onConflictDoNothing()
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

/** 1-based place of a waiting entry among its line's waiting entries. */
export async function placeOf(db: DbOrTx, entry: Line & { position: number }): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(waitlistEntries)
    .where(
      and(
        ofLine(entry),
        eq(waitlistEntries.status, 'waiting'),
        sql`${waitlistEntries.position} <= ${entry.position}`,
      ),
    );
  return Number(rows[0]?.n ?? 0);
}

export async function listEntriesOfEvent(db: DbOrTx, eventId: string): Promise<WaitlistEntryRow[]> {
  return db
    .select()
    .from(waitlistEntries)
    .where(eq(waitlistEntries.eventId, eventId))
    .orderBy(asc(waitlistEntries.ticketTypeId), asc(waitlistEntries.position))
    .limit(5_000);
}

export async function listWaiting(db: DbOrTx, line: Line): Promise<WaitlistEntryRow[]> {
  return db
    .select()
    .from(waitlistEntries)
    .where(and(ofLine(line), eq(waitlistEntries.status, 'waiting')))
    .orderBy(asc(waitlistEntries.position));
}

export async function firstWaiting(db: DbOrTx, line: Line): Promise<WaitlistEntryRow | undefined> {
  const rows = await db
    .select()
    .from(waitlistEntries)
    .where(and(ofLine(line), eq(waitlistEntries.status, 'waiting')))
    .orderBy(asc(waitlistEntries.position))
    .limit(1);
  return rows[0];
}

/** The lines (with their events) that have someone waiting. */
export async function listLinesWithWaiting(db: DbOrTx): Promise<Array<Line & { eventId: string }>> {
  return db
    .selectDistinct({
      eventId: waitlistEntries.eventId,
      ticketTypeId: waitlistEntries.ticketTypeId,
      dateId: waitlistEntries.dateId,
    })
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
