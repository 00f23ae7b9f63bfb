import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { eventMessages } from '../../db/schema';

export type EventMessageRow = typeof eventMessages.$inferSelect;
export type NewEventMessageRow = typeof eventMessages.$inferInsert;

/** Serializes an event's sends, so two identical submissions cannot both pass the duplicate check. */
export async function lockEventMessages(db: DbOrTx, eventId: string): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`event-messages:${eventId}`}, 0))`);
}

/** The message this request repeats: same Idempotency-Key, or same content since `since`. */
export async function findRepeatedMessage(
  db: DbOrTx,
  eventId: string,
  repeat: { idempotencyKey: string | null; contentHash: string; since: Date },
): Promise<EventMessageRow | undefined> {
  if (repeat.idempotencyKey) {
    const byKey = await db
      .select()
      .from(eventMessages)
      .where(and(eq(eventMessages.eventId, eventId), eq(eventMessages.idempotencyKey, repeat.idempotencyKey)))
      .limit(1);
    if (byKey[0]) return byKey[0];
  }
  const byContent = await db
    .select()
    .from(eventMessages)
    .where(
      and(
        eq(eventMessages.eventId, eventId),
        eq(eventMessages.contentHash, repeat.contentHash),
        gt(eventMessages.createdAt, repeat.since),
      ),
    )
    .orderBy(desc(eventMessages.createdAt))
    .limit(1);
  return byContent[0];
}

export async function insertMessage(db: DbOrTx, row: NewEventMessageRow): Promise<EventMessageRow> {
  const rows = await db.insert(eventMessages).values(row).returning();
  const inserted = rows[0];
  if (!inserted) throw new Error('insert into event_messages returned no row');
  return inserted;
}

export async function setRecipients(db: DbOrTx, messageId: string, recipients: number): Promise<void> {
  await db.update(eventMessages).set({ recipients }).where(eq(eventMessages.id, messageId));
}

export async function listMessages(db: DbOrTx, eventId: string): Promise<EventMessageRow[]> {
  return db
    .select()
    .from(eventMessages)
    .where(eq(eventMessages.eventId, eventId))
    .orderBy(desc(eventMessages.createdAt))
    .limit(200);
}

export async function findMessage(db: DbOrTx, messageId: string): Promise<EventMessageRow | undefined> {
  const rows = await db.select().from(eventMessages).where(eq(eventMessages.id, messageId)).limit(1);
  return rows[0];
}
