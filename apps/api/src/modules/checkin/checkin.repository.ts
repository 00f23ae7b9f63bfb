import type { TicketStatus } from '@zevents/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
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

/**
 * The check-in itself: one conditional UPDATE (only a ticket still `valid` changes), logged in the
 * same statement. Two scanners racing on one ticket both reach the row; the second waits for the
 * first's lock, re-reads the row, no longer matches `status = 'valid'` and changes nothing.
 * $1 event, $2 ticket id or code, $3 now, $4 user, $5 API key, $6 device, $7 location, $8 the
 * code a version 2 QR carries.
 */
const checkInSql = (where: string): string => `
WITH changed AS (
  UPDATE tickets t SET status = 'checked_in', checked_in_at = $3::timestamptz
  WHERE t.event_id = $1::uuid AND ${where} AND t.status = 'valid'
  RETURNING t.id, t.order_id, t.event_id, t.ticket_type_id, t.code, t.attendee_name, t.status, t.checked_in_at
),
logged AS (
  INSERT INTO check_ins (event_id, ticket_id, action, user_id, api_key_id, device, location, created_at)
  SELECT changed.event_id, changed.id, 'check_in', $4::uuid, $5::uuid, $6::text, $7::text, $3::timestamptz
  FROM changed
)
SELECT changed.*, tt.name AS ticket_type_name
FROM changed JOIN ticket_types tt ON tt.id = changed.ticket_type_id`;

// Prepared by name: the door's hot statement is parsed and planned once per connection, not per scan.
const CHECK_IN_BY_ID = {
  name: 'zevents_check_in_by_id_v2',
  text: checkInSql('t.id = $2::uuid AND t.transferred_at IS NULL'),
};
const CHECK_IN_BY_ID_AND_CODE = {
  name: 'zevents_check_in_by_id_and_code_v1',
  text: checkInSql('t.id = $2::uuid AND t.code = $8::text'),
};
const CHECK_IN_BY_CODE = { name: 'zevents_check_in_by_code_v1', text: checkInSql('t.code = $2::text') };

export async function markCheckedIn(
  db: Db,
  eventId: string,
  locator: TicketLocator,
  actor: DoorActor,
  now: Date,
): Promise<DoorTicketRow | undefined> {
  const values: unknown[] = [
    eventId,
    'ticketId' in locator ? locator.ticketId : locator.code,
    now,
    actor.userId,
    actor.apiKeyId,
    actor.device,
    actor.location,
  ];
  const statement = !('ticketId' in locator)
    ? CHECK_IN_BY_CODE
    : locator.code === undefined
      ? CHECK_IN_BY_ID
      : CHECK_IN_BY_ID_AND_CODE;
  if (statement === CHECK_IN_BY_ID_AND_CODE && 'ticketId' in locator) values.push(locator.code);
  const result = await db.$client.query<RawDoorTicket>({ ...statement, values });
  const raw = result.rows[0];
  return raw ? toRow(raw) : undefined;
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
           t.attendee_name, t.status, t.checked_in_at
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
