import type { TicketStatus } from '@zevents/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { DbOrTx } from '../../db/client';
import { parsePgTimestamp } from './pg-timestamp';

/**
 * A ticket named by its id (from a verified QR: with the code a version 2 QR carries, which must
 * still be the ticket's own) or by its short code, always within one event.
 */
export type TicketLocator = { ticketId: string; code?: string } | { code: string };

/** Who acted at the door and from where; stored with every check-in and undo. */
export interface DoorActor {
  userId: string | null;
  apiKeyId: string | null;
  device: string | null;
  location: string | null;
}

export interface DoorTicketRow {
  id: string;
  orderId: string;
  eventId: string;
  ticketTypeId: string;
  ticketTypeName: string;
  code: string;
  attendeeName: string;
  status: TicketStatus;
  checkedInAt: Date | null;
  /** The event date it admits to (null: the event's only date). */
  dateId: string | null;
}

type RawDoorTicket = {
  id: string;
  order_id: string;
  event_id: string;
  ticket_type_id: string;
  ticket_type_name: string;
  code: string;
  attendee_name: string;
  status: TicketStatus;
  // Text from db.execute (Drizzle turns pg's date parsing off), a Date from the pool's own query.
  checked_in_at: string | Date | null;
  date_id: string | null;
};

const toRow = (raw: RawDoorTicket): DoorTicketRow => ({
  id: raw.id,
  orderId: raw.order_id,
  eventId: raw.event_id,
  ticketTypeId: raw.ticket_type_id,
  ticketTypeName: raw.ticket_type_name,
  code: raw.code,
  attendeeName: raw.attendee_name,
  status: raw.status,
  checkedInAt: parsePgTimestamp(raw.checked_in_at),
  dateId: raw.date_id,
});

// The primary key or the (event_id, code) unique index: either way one index probe. A QR from
// before a transfer no longer matches: version 2 carries the old code, version 1 no code at all
// (accepted only for tickets never transferred).
const locate = (locator: TicketLocator): SQL => {
  if (!('ticketId' in locator)) return sql`t.code = ${locator.code}`;
  return locator.code === undefined
    ? sql`t.id = ${locator.ticketId}::uuid AND t.transferred_at IS NULL`
    : sql`t.id = ${locator.ticketId}::uuid AND t.code = ${locator.code}`;
};

const logEntry = (action: 'check_in' | 'undo', actor: DoorActor, now: Date): SQL => sql`
  INSERT INTO check_ins (event_id, ticket_id, action, user_id, api_key_id, device, location, created_at)
  SELECT changed.event_id, changed.id, ${action}::check_in_action, ${actor.userId}::uuid,
         ${actor.apiKeyId}::uuid, ${actor.device}::text, ${actor.location}::text, ${now}::timestamptz
  FROM changed`;

/** One scan for the batch statement: which ticket, when, and who scanned it. */
export interface DoorScan {
  eventId: string;
  locator: TicketLocator;
  actor: DoorActor;
  now: Date;
  /** The door admits this date only (an event with dates); undefined: every date. */
  dateId?: string;
}

/** At most this many scans share a statement (and a commit). */
export const CHECK_IN_BATCH_LIMIT = 64;

/**
 * The check-in of many scans in one statement and one commit (the door's throughput is the commit
 * rate, not the work): each scan is one conditional UPDATE of its ticket (only a ticket still
 * `valid` changes), logged in the same statement. A typed code is looked up by the (event_id, code)
 * unique index, a QR's ticket by its id; either way the UPDATE re-checks the code (or, for a QR from
 * before codes were signed, that the ticket never changed hands) on the row it locks, so a transfer
 * committed meanwhile still refuses the old code. Two scans of one ticket, in one batch or in two
 * racing statements, change it once: in one batch only its first scan is tried, in two statements
 * the second finds it no longer `valid`; the other scans get no row back. Rows are answered by the scan's position (`idx`).
 */
const CHECK_IN_BATCH = {
  name: 'zevents_check_in_batch_v2',
  text: `
WITH req AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::uuid[], $6::uuid[],
                       $7::text[], $8::text[], $9::uuid[])
    WITH ORDINALITY AS r(event_id, ticket_id, code, at, user_id, api_key_id, device, location, date_id, idx)
),
target AS MATERIALIZED (
  -- One row per ticket, the batch's first scan of it (the others find it checked in), in ticket
  -- order, so two batches touching the same tickets lock them in the same order.
  SELECT DISTINCT ON (x.tid) x.*
  FROM (SELECT r.*, coalesce(r.ticket_id, (SELECT t.id FROM tickets t
                                           WHERE t.event_id = r.event_id AND t.code = r.code)) AS tid
        FROM req r) x
  ORDER BY x.tid, x.idx
),
changed AS (
  UPDATE tickets t SET status = 'checked_in', checked_in_at = g.at
  FROM target g
  WHERE t.id = g.tid AND t.event_id = g.event_id AND t.status = 'valid'
    AND CASE WHEN g.code IS NOT NULL THEN t.code = g.code ELSE t.transferred_at IS NULL END
    -- A door that admits one date of the event refuses a ticket of another.
    AND (g.date_id IS NULL OR t.date_id = g.date_id)
  RETURNING t.id, t.order_id, t.event_id, t.ticket_type_id, t.code, t.attendee_name, t.status,
            t.checked_in_at, t.date_id, g.idx, g.user_id, g.api_key_id, g.device, g.location, g.at
),
logged AS (
  INSERT INTO check_ins (event_id, ticket_id, action, user_id, api_key_id, device, location, created_at)
  SELECT c.event_id, c.id, 'check_in', c.user_id, c.api_key_id, c.device, c.location, c.at FROM changed c
)
SELECT c.idx, c.id, c.order_id, c.event_id, c.ticket_type_id, c.code, c.attendee_name, c.status,
       c.checked_in_at, c.date_id, tt.name AS ticket_type_name
FROM changed c JOIN ticket_types tt ON tt.id = c.ticket_type_id`,
};

/**
 * Checks in a batch of scans on the caller's connection: for each scan, in order, its ticket as
 * checked in, or undefined when nothing changed (unknown, not valid, or the other scan of it won).
 */
export async function markCheckedInBatch(
  client: pg.ClientBase,
  scans: readonly DoorScan[],
): Promise<Array<DoorTicketRow | undefined>> {
  const column = <T>(pick: (scan: DoorScan) => T): T[] => scans.map(pick);
  const result = await client.query<RawDoorTicket & { idx: string }>({
    ...CHECK_IN_BATCH,
    values: [
      column((s) => s.eventId),
      column((s) => ('ticketId' in s.locator ? s.locator.ticketId : null)),
      column((s) => s.locator.code ?? null),
      column((s) => s.now),
      column((s) => s.actor.userId),
      column((s) => s.actor.apiKeyId),
      column((s) => s.actor.device),
      column((s) => s.actor.location),
      column((s) => s.dateId ?? null),
    ],
  });
  const byIndex = new Map(result.rows.map((raw) => [Number(raw.idx), toRow(raw)]));
  return scans.map((_, i) => byIndex.get(i + 1));
}

/**
 * Limits an undo to the caller's own scan, made at or after `since`: the scan that checked the
 * ticket in is the log row written with it (same ticket, same instant: a scan, an undo and another
 * scan of one ticket never share a millisecond), and its actor must be this one. Checked in the
 * UPDATE itself, so a scan by someone else in between is never undone.
 */
export interface OwnScanOnly {
  actor: Pick<DoorActor, 'userId' | 'apiKeyId'>;
  since: Date;
}

const ownScanCondition = (only: OwnScanOnly | undefined): SQL =>
  only
    ? sql`AND t.checked_in_at >= ${only.since}::timestamptz
      AND EXISTS (
        SELECT 1 FROM check_ins c
        WHERE c.ticket_id = t.id AND c.action = 'check_in' AND c.created_at = t.checked_in_at
          AND c.user_id IS NOT DISTINCT FROM ${only.actor.userId}::uuid
          AND c.api_key_id IS NOT DISTINCT FROM ${only.actor.apiKeyId}::uuid)`
    : sql``;

/**
 * Puts a checked-in ticket back to `valid` (a mistaken scan), logged in the same statement; the
 * check-in's own log row stays, the undo is a row after it. False when nothing changed.
 */
export async function undoCheckIn(
  db: DbOrTx,
  eventId: string,
  ticketId: string,
  actor: DoorActor,
  now: Date,
  ownScanOnly?: OwnScanOnly,
): Promise<boolean> {
  const result = await db.execute<{ id: string }>(sql`
    WITH changed AS (
      UPDATE tickets t SET status = 'valid', checked_in_at = NULL
      WHERE t.event_id = ${eventId}::uuid AND t.id = ${ticketId}::uuid AND t.status = 'checked_in'
        ${ownScanCondition(ownScanOnly)}
      RETURNING t.id, t.event_id
    ),
    logged AS (${logEntry('undo', actor, now)})
    SELECT changed.id FROM changed`);
  return result.rows.length > 0;
}

/** The ticket as it is now; read only to explain why a conditional update changed nothing. */
export async function findDoorTicket(
  db: DbOrTx,
  eventId: string,
  locator: TicketLocator,
): Promise<DoorTicketRow | undefined> {
  const result = await db.execute<RawDoorTicket>(sql`
    SELECT t.id, t.order_id, t.event_id, t.ticket_type_id, tt.name AS ticket_type_name, t.code,
           t.attendee_name, t.status, t.checked_in_at, t.date_id
    FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id
    WHERE t.event_id = ${eventId}::uuid AND ${locate(locator)}
    LIMIT 1`);
  const raw = result.rows[0];
  return raw ? toRow(raw) : undefined;
}

/** Every scan and undo of these tickets, oldest first (the order desk's timeline). */
export async function listDoorActionsOfTickets(db: DbOrTx, ticketIds: readonly string[]) {
  if (ticketIds.length === 0) return [];
  const result = await db.execute<{
    ticket_id: string;
    action: 'check_in' | 'undo';
    user_id: string | null;
    api_key_id: string | null;
    device: string | null;
    location: string | null;
    created_at: string;
  }>(sql`
    SELECT ticket_id, action, user_id, api_key_id, device, location, created_at
    FROM check_ins WHERE ticket_id = ANY(${sql.param([...ticketIds])}::uuid[])
    ORDER BY created_at, id`);
  return result.rows.map((row) => ({
    ticketId: row.ticket_id,
    action: row.action,
    userId: row.user_id,
    apiKeyId: row.api_key_id,
    device: row.device,
    location: row.location,
    createdAt: parsePgTimestamp(row.created_at) ?? new Date(0),
  }));
}
