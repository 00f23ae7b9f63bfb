import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { waitingRoomQueues, waitingRoomVisitors } from '../../db/schema';
import type { QueueRowFacts } from './admission';

export type VisitorRow = typeof waitingRoomVisitors.$inferSelect;
const queueFacts = {
  earlyCount: waitingRoomQueues.earlyCount,
  visitorCount: waitingRoomQueues.visitorCount,
  nextPlace: waitingRoomQueues.nextPlace,
  openedAt: waitingRoomQueues.openedAt,
};

export async function findQueue(db: DbOrTx, eventId: string): Promise<QueueRowFacts | undefined> {
  const rows = await db
    .select(queueFacts)
    .from(waitingRoomQueues)
    .where(eq(waitingRoomQueues.eventId, eventId));
  return rows[0];
}

export async function ensureQueue(db: DbOrTx, eventId: string): Promise<void> {
  await db.insert(waitingRoomQueues).values({ eventId }).onConflictDoNothing();
}

// Prepared by name: the two statements every visitor runs are parsed and planned once per connection.
const INSERT_VISITOR = {
  name: 'zevents_waiting_room_join_v1',
  text: `
    WITH q AS (
      UPDATE waiting_room_queues SET
        visitor_count = visitor_count + 1,
        early_count = early_count + (opened_at IS NULL)::int,
        next_place = CASE WHEN opened_at IS NULL THEN next_place
          ELSE GREATEST(next_place, CASE WHEN $6::timestamptz >= opened_at
            THEN floor($5::float8 * extract(epoch FROM $6::timestamptz - opened_at) / 60)::int + 1
            ELSE 0 END) + 1 END
      WHERE event_id = $1::uuid
      RETURNING opened_at, early_count, next_place
    ), ins AS (
      INSERT INTO waiting_room_visitors (event_id, token, browser_hash, draw_key, place, joined_at)
      SELECT $1::uuid, $2::text, $3::text, $4::bigint,
        CASE WHEN q.opened_at IS NULL THEN NULL ELSE q.next_place - 1 END, $6::timestamptz
      FROM q
      RETURNING place
    )
    SELECT ins.place, q.early_count, q.opened_at FROM ins, q`,
};

const FIND_VISITOR = {
  name: 'zevents_waiting_room_visitor_v1',
  text: `
    SELECT v.token, v.browser_hash, v.draw_key, v.place, v.joined_at, v.pass_expires_at,
      q.early_count, q.visitor_count, q.next_place, q.opened_at
    FROM waiting_room_visitors v JOIN waiting_room_queues q ON q.event_id = v.event_id
    WHERE v.event_id = $1::uuid AND v.token = $2::text`,
};

const dateOrNull = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/**
 * Joins the queue in one statement: the queue row's counters move under its row lock (so a join and
 * the draw take turns), and the visitor is inserted with the place that lock decided. Before the
 * draw a visitor has no place yet (their draw key orders them later); after it, the next place, but
 * never below the current admission line, computed from `now` and the rate exactly as the service
 * does: a burst after a quiet spell queues instead of walking in together.
 */
export async function insertVisitor(
  db: Db,
  visitor: { eventId: string; token: string; browserHash: string; drawKey: number; now: Date },
  admitPerMinute: number,
): Promise<{ place: number | null; earlyCount: number; openedAt: Date | null } | undefined> {
  const result = await db.$client.query<{
    place: number | null;
    early_count: number;
    opened_at: Date | string | null;
  }>({
    ...INSERT_VISITOR,
    values: [
      visitor.eventId,
      visitor.token,
      visitor.browserHash,
      visitor.drawKey,
      admitPerMinute,
      visitor.now,
    ],
  });
  const row = result.rows[0];
  return row
    ? {
        place: row.place === null ? null : Number(row.place),
        earlyCount: Number(row.early_count),
        openedAt: dateOrNull(row.opened_at),
      }
    : undefined;
}

/**
 * The draw at the opening, once: everyone who came before gets a place by the rank of their random
 * draw key. The queue row is locked first, and the places are written by statements started after
 * the lock, so they see every join that took the lock before (their counters and their rows).
 * False when the event has no queue yet (nothing to draw).
 */
export async function drawPlaces(db: Db, eventId: string, openedAt: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ opened_at: Date | string | null }>(
      sql`SELECT opened_at FROM waiting_room_queues WHERE event_id = ${eventId} FOR UPDATE`,
    );
    const queue = locked.rows[0];
    if (!queue) return false;
    if (queue.opened_at !== null) return true;
    const drawn = await tx.execute<{ drawn: number }>(sql`
      WITH ranked AS (
        SELECT token, row_number() OVER (ORDER BY draw_key, token) AS place
        FROM waiting_room_visitors WHERE event_id = ${eventId} AND place IS NULL
      ), upd AS (
        UPDATE waiting_room_visitors v SET place = ranked.place
        FROM ranked WHERE v.event_id = ${eventId} AND v.token = ranked.token
        RETURNING 1
      )
      SELECT count(*)::int AS drawn FROM upd`);
    const count = Number(drawn.rows[0]?.drawn ?? 0);
    await tx
      .update(waitingRoomQueues)
      .set({ openedAt, nextPlace: count + 1 })
      .where(and(eq(waitingRoomQueues.eventId, eventId), isNull(waitingRoomQueues.openedAt)));
    return true;
  });
}

/** A visitor with their queue's counters, by event and token (a token of another event is not found). */
export async function findVisitor(
  db: Db,
  eventId: string,
  token: string,
): Promise<{ visitor: VisitorRow; queue: QueueRowFacts } | undefined> {
  const result = await db.$client.query<{
    token: string;
    browser_hash: string;
    draw_key: string | number;
    place: number | null;
    joined_at: Date | string;
    pass_expires_at: Date | string | null;
    early_count: number;
    visitor_count: number;
    next_place: number;
    opened_at: Date | string | null;
  }>({ ...FIND_VISITOR, values: [eventId, token] });
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    visitor: {
      eventId,
      token: row.token,
      browserHash: row.browser_hash,
      drawKey: Number(row.draw_key),
      place: row.place,
      joinedAt: new Date(row.joined_at),
      passExpiresAt: dateOrNull(row.pass_expires_at),
    },
    queue: {
      earlyCount: row.early_count,
      visitorCount: row.visitor_count,
      nextPlace: row.next_place,
      openedAt: dateOrNull(row.opened_at),
    },
  };
}

/** The browser's latest spot in the event's queue. */
export async function findLatestTokenOfBrowser(
  db: DbOrTx,
  eventId: string,
  browserHash: string,
): Promise<{ token: string; passExpiresAt: Date | null } | undefined> {
  const rows = await db
    .select({ token: waitingRoomVisitors.token, passExpiresAt: waitingRoomVisitors.passExpiresAt })
    .from(waitingRoomVisitors)
    .where(and(eq(waitingRoomVisitors.eventId, eventId), eq(waitingRoomVisitors.browserHash, browserHash)))
    .orderBy(desc(waitingRoomVisitors.joinedAt))
    .limit(1);
  return rows[0];
}

/** The pass's expiry is fixed the first time an admitted visitor asks (a second ask keeps the first). */
export async function fixPassExpiry(
  db: DbOrTx,
  eventId: string,
  token: string,
  expiresAt: Date,
): Promise<Date> {
  const result = await db.execute<{ pass_expires_at: Date | string }>(sql`
    UPDATE waiting_room_visitors SET pass_expires_at = coalesce(pass_expires_at, ${expiresAt.toISOString()}::timestamptz)
    WHERE event_id = ${eventId} AND token = ${token}
    RETURNING pass_expires_at`);
  const value = result.rows[0]?.pass_expires_at;
  return value ? new Date(value) : expiresAt;
}
