import { poolHeadroomByTicketType } from './capacity-pools.repository';
import type { EventStatus, MemberRole } from '@zevents/contracts';
import { and, asc, count, desc, eq, getTableColumns, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { eventReminders, events, memberships, promoCodes, ticketTypes } from '../../db/schema';
import type { Cursor } from '../../shared/pagination';

export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;
/**
 * `poolHeadroom`: when read for buyers (listLiveTicketTypes) and the type is in capacity pools, the
 * least room its pools have left; its `available` is never more.
 */
export type TicketTypeRow = typeof ticketTypes.$inferSelect & { poolHeadroom?: number };
export type PromoCodeRow = typeof promoCodes.$inferSelect;

export async function insertEvent(db: DbOrTx, event: NewEventRow): Promise<EventRow | undefined> {
  const rows = await db.insert(events).values(event).onConflictDoNothing({ target: events.slug }).returning();
  return rows[0];
}

/** The event and the caller's role in its organization, in one query (role undefined: not a member). */
export async function findEventWithRole(
  db: DbOrTx,
  eventId: string,
  userId: string,
): Promise<{ event: EventRow; role: MemberRole | undefined } | undefined> {
  const rows = await db
    .select({ event: events, role: memberships.role })
    .from(events)
    .leftJoin(
      memberships,
      and(eq(memberships.organizationId, events.organizationId), eq(memberships.userId, userId)),
    )
    .where(eq(events.id, eventId))
    .limit(1);
  const row = rows[0];
  return row ? { event: row.event, role: row.role ?? undefined } : undefined;
}

/** The organization an event belongs to, which never changes once the event exists. */
export async function findEventOrganizationId(db: DbOrTx, eventId: string): Promise<string | undefined> {
  const rows = await db
    .select({ organizationId: events.organizationId })
    .from(events)
    .where(eq(events.id, eventId))
    .limit(1);
  return rows[0]?.organizationId;
}

const selectEvent = preparedQuery('zevents_find_event', (db) =>
  db
    .select()
    .from(events)
    .where(eq(events.id, sql.placeholder('eventId')))
    .limit(1),
);

export async function findEventById(db: DbOrTx, eventId: string): Promise<EventRow | undefined> {
  return (await selectEvent(db, { eventId }))[0];
}

/**
 * Newest first. The cursor key is the exact (microsecond) created_at as text: a JS Date keeps only
 * milliseconds, and a truncated key would skip rows created within the same millisecond.
 */
export async function listEventsOfOrganization(
  db: DbOrTx,
  organizationId: string,
  limit: number,
  after?: Cursor,
  sortBy: 'created' | 'startsAt' = 'created',
) {
  // Keyset on (key, id) descending, where the key is the creation time or the event's start.
  const key = sortBy === 'startsAt' ? events.startsAt : events.createdAt;
  const afterCondition = after
    ? or(
        lt(key, sql`${after.k}::timestamptz`),
        and(eq(key, sql`${after.k}::timestamptz`), lt(events.id, after.id)),
      )
    : undefined;
  return db
    .select({
      ...getTableColumns(events),
      cursorKey: sql<string>`to_char(${key} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(events)
    .where(and(eq(events.organizationId, organizationId), afterCondition))
    .orderBy(desc(key), desc(events.id))
    .limit(limit + 1);
}

export async function updateEvent(db: DbOrTx, eventId: string, changes: Partial<NewEventRow>, now: Date) {
  const rows = await db
    .update(events)
    .set({ ...changes, updatedAt: now })
    .where(eq(events.id, eventId))
    .returning();
  return rows[0];
}

/**
 * Publishes in one statement, only when the event is not cancelled, has a ticket type and (online
 * or hybrid) its join link, so a concurrent cancel or edit cannot slip between a check and the write.
 */
export async function publishEvent(db: DbOrTx, eventId: string, now: Date): Promise<EventRow | undefined> {
  const rows = await db
    .update(events)
    .set({ status: 'published', updatedAt: now })
    .where(
      and(
        eq(events.id, eventId),
        inArray(events.status, ['draft', 'published'] satisfies EventStatus[]),
        sql`EXISTS (SELECT 1 FROM ${ticketTypes} WHERE ${ticketTypes.eventId} = ${events.id})`,
        // An online or hybrid event goes on sale with its join link, also when an edit just removed it.
        sql`(${events.kind} = 'in_person' OR ${events.onlineUrl} IS NOT NULL)`,
      ),
    )
    .returning();
  return rows[0];
}

export async function cancelEvent(db: DbOrTx, eventId: string, now: Date): Promise<EventRow | undefined> {
  const rows = await db
    .update(events)
    .set({ status: 'cancelled', updatedAt: now })
    .where(eq(events.id, eventId))
    .returning();
  return rows[0];
}

export async function listTicketTypes(db: DbOrTx, eventId: string): Promise<TicketTypeRow[]> {
  return (
    db
      .select()
      .from(ticketTypes)
      // The ticket types themselves, never a date's stock rows (see eventDates).
      .where(and(eq(ticketTypes.eventId, eventId), isNull(ticketTypes.parentId)))
      .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.createdAt), asc(ticketTypes.id))
  );
}

export async function listTicketTypesOfEvents(db: DbOrTx, eventIds: string[]): Promise<TicketTypeRow[]> {
  if (eventIds.length === 0) return [];
  return db
    .select()
    .from(ticketTypes)
    .where(and(inArray(ticketTypes.eventId, eventIds), isNull(ticketTypes.parentId)))
    .orderBy(asc(ticketTypes.sortOrder), asc(ticketTypes.createdAt), asc(ticketTypes.id));
}

export async function insertTicketType(db: DbOrTx, ticketType: typeof ticketTypes.$inferInsert) {
  const rows = await db
    .insert(ticketTypes)
    .values({
      ...ticketType,
      // Appended after the existing types of the event.
      sortOrder: sql`(SELECT count(*) FROM ${ticketTypes} WHERE ${ticketTypes.eventId} = ${ticketType.eventId} AND ${ticketTypes.parentId} IS NULL)`,
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('insert returned no row');
  return row;
}

/** A row of one of an event's parts (a ticket type, a promo code) with its event, in one query. */
async function findPartWithEvent<Part extends typeof ticketTypes | typeof promoCodes>(
  db: DbOrTx,
  part: Part,
  id: string,
) {
  const rows = await db
    .select({ part, event: events })
    .from(part as typeof ticketTypes | typeof promoCodes)
    .innerJoin(events, eq(events.id, part.eventId))
    .where(eq(part.id, id))
    .limit(1);
  return rows[0];
}

export async function findTicketTypeWithEvent(
  db: DbOrTx,
  ticketTypeId: string,
): Promise<{ ticketType: TicketTypeRow; event: EventRow } | undefined> {
  const found = await findPartWithEvent(db, ticketTypes, ticketTypeId);
  // A date's stock row is no ticket type of its own: not found, like any unknown id.
  return found && found.part.parentId === null ? { ticketType: found.part, event: found.event } : undefined;
}

export async function findPromoCodeWithEvent(
  db: DbOrTx,
  promoCodeId: string,
): Promise<{ promoCode: PromoCodeRow; event: EventRow } | undefined> {
  const found = await findPartWithEvent(db, promoCodes, promoCodeId);
  return found && { promoCode: found.part, event: found.event };
}

/**
 * Applies a ticket-type edit; a new capacity only lands when it still covers sold + held at the
 * moment of the write (no read-then-write race with buyers).
 */
export async function updateTicketType(
  db: DbOrTx,
  ticketTypeId: string,
  changes: Partial<typeof ticketTypes.$inferInsert>,
): Promise<TicketTypeRow | undefined> {
  const capacityGuard =
    changes.capacity !== undefined
      ? sql`${ticketTypes.sold} + ${ticketTypes.held} <= ${changes.capacity}`
      : undefined;
  const rows = await db
    .update(ticketTypes)
    .set(changes)
    .where(and(eq(ticketTypes.id, ticketTypeId), capacityGuard))
    .returning();
  return rows[0];
}

export async function countStockInUse(db: DbOrTx, eventId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(sum(${ticketTypes.sold} + ${ticketTypes.held}), 0)::int` })
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId));
  return rows[0]?.n ?? 0;
}

export async function countTicketTypesOf(db: DbOrTx, eventId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .select({ n: count() })
    .from(ticketTypes)
    .where(and(eq(ticketTypes.eventId, eventId), inArray(ticketTypes.id, ids), isNull(ticketTypes.parentId)));
  return rows[0]?.n ?? 0;
}

export async function insertPromoCode(db: DbOrTx, promo: typeof promoCodes.$inferInsert) {
  const rows = await db.insert(promoCodes).values(promo).onConflictDoNothing().returning();
  return rows[0];
}

export async function listPromoCodes(db: DbOrTx, eventId: string): Promise<PromoCodeRow[]> {
  return db
    .select()
    .from(promoCodes)
    .where(eq(promoCodes.eventId, eventId))
    .orderBy(asc(promoCodes.createdAt), asc(promoCodes.id));
}

export async function insertReminders(
  db: DbOrTx,
  eventId: string,
  offsets: readonly number[],
): Promise<number> {
  const rows = await db
    .insert(eventReminders)
    .values(offsets.map((offsetMinutes) => ({ eventId, offsetMinutes })))
    .onConflictDoNothing()
    .returning({ offsetMinutes: eventReminders.offsetMinutes });
  return rows.length;
}

const selectReminders = preparedQuery('zevents_list_reminders', (db) =>
  db
    .select({ eventId: eventReminders.eventId, offsetMinutes: eventReminders.offsetMinutes })
    .from(eventReminders)
    .where(eq(eventReminders.eventId, sql.placeholder('eventId')))
    .orderBy(desc(eventReminders.offsetMinutes)),
);

export async function listReminders(db: DbOrTx, eventId: string) {
  return selectReminders(db, { eventId });
}

export async function deleteReminder(db: DbOrTx, eventId: string, offsetMinutes: number): Promise<boolean> {
  const rows = await db
    .delete(eventReminders)
    .where(and(eq(eventReminders.eventId, eventId), eq(eventReminders.offsetMinutes, offsetMinutes)))
    .returning({ offsetMinutes: eventReminders.offsetMinutes });
  return rows.length > 0;
}

/**
 * Seats still counted in `held` by holds past their deadline that no sweep has closed yet, by the
 * stock row they hold (a ticket type, or a date's stock row of one). Read
 * through the partial index of live holds, so it costs almost nothing: the sweep keeps this set tiny.
 * Availability subtracts them, so an expired hold never shows a ticket type as sold out.
 */
export async function findStaleHeld(db: DbOrTx, eventId: string, now: Date): Promise<Map<string, number>> {
  const result = await db.execute<{ ticket_type_id: string; quantity: number }>(sql`
    SELECT coalesce(oi.stock_type_id, oi.ticket_type_id) AS ticket_type_id, sum(oi.quantity)::int AS quantity
    FROM orders o JOIN order_items oi ON oi.order_id = o.id
    WHERE (o.status = 'reserved' OR o.status = 'awaiting_payment') AND o.expires_at <= ${now} AND o.event_id = ${eventId}
    GROUP BY 1`);
  return new Map(result.rows.map((row) => [row.ticket_type_id, row.quantity]));
}

/** Ticket types with holds past their deadline taken out of `held` (see findStaleHeld). */
export async function listLiveTicketTypes(db: DbOrTx, eventId: string, now: Date): Promise<TicketTypeRow[]> {
  const [types, stale, pools] = await Promise.all([
    listTicketTypes(db, eventId),
    findStaleHeld(db, eventId, now),
    poolHeadroomByTicketType(db, [eventId]),
  ]);
  return types.map((type) => {
    const headroom = pools.get(type.id);
    return {
      ...type,
      held: Math.max(0, type.held - (stale.get(type.id) ?? 0)),
      ...(headroom === undefined ? {} : { poolHeadroom: headroom }),
    };
  });
}

/** What the waiting room needs of an event: whether it is on sale, its room, and its ticket types' starts. */
export async function findWaitingRoomSchedule(db: DbOrTx, eventId: string) {
  const rows = await db
    .select({ status: events.status, waitingRoom: events.waitingRoom })
    .from(events)
    .where(eq(events.id, eventId))
    .limit(1);
  const event = rows[0];
  if (!event) return undefined;
  const types = await db
    .select({ salesStartAt: ticketTypes.salesStartAt })
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId));
  return { ...event, types };
}
