import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { eventDates, events } from '../../db/schema';
import { type EventRow, findStaleHeld } from './events.repository';

export type EventDateRow = typeof eventDates.$inferSelect;

/** One ticket type's stock on one date: its own row on the first date, else the date's stock row. */
export type DateStock = {
  ticketTypeId: string;
  /** The row that counts it: the ticket type's own, or the date's stock row of it. */
  stockId: string;
  name: string;
  capacity: number;
  sold: number;
  held: number;
};

export interface EventDateWithStock extends EventDateRow {
  stock: DateStock[];
}

/**
 * Every date of the event, soonest first, with each ticket type's stock on it. One query: the
 * first date reads the ticket types' own rows, every other date its stock rows.
 */
export async function listDatesWithStock(db: DbOrTx, eventId: string): Promise<EventDateWithStock[]> {
  const result = await db.execute<{
    id: string;
    event_id: string;
    starts_at: string;
    ends_at: string;
    uses_base_stock: boolean;
    created_at: string;
    stock: DateStock[];
  }>(sql`
    SELECT d.id, d.event_id, d.starts_at, d.ends_at, d.uses_base_stock, d.created_at,
      coalesce((SELECT json_agg(json_build_object(
                  'ticketTypeId', t.id, 'stockId', s.id, 'name', t.name,
                  'capacity', s.capacity, 'sold', s.sold, 'held', s.held) ORDER BY t.sort_order, t.created_at, t.id)
                FROM ticket_types t
                JOIN ticket_types s ON CASE WHEN d.uses_base_stock THEN s.id = t.id
                                            ELSE s.parent_id = t.id AND s.date_id = d.id END
                WHERE t.event_id = d.event_id AND t.parent_id IS NULL), '[]') AS stock
    FROM event_dates d
    WHERE d.event_id = ${eventId}::uuid
    ORDER BY d.starts_at, d.id`);
  return result.rows.map((row) => ({
    id: row.id,
    eventId: row.event_id,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    usesBaseStock: row.uses_base_stock,
    createdAt: new Date(row.created_at),
    stock: row.stock,
  }));
}

export async function findDateWithEvent(
  db: DbOrTx,
  dateId: string,
): Promise<{ date: EventDateRow; event: EventRow } | undefined> {
  const rows = await db
    .select({ date: eventDates, event: events })
    .from(eventDates)
    .innerJoin(events, eq(events.id, eventDates.eventId))
    .where(eq(eventDates.id, dateId))
    .limit(1);
  return rows[0];
}

export async function listDates(db: DbOrTx, eventId: string): Promise<EventDateRow[]> {
  return db
    .select()
    .from(eventDates)
    .where(eq(eventDates.eventId, eventId))
    .orderBy(asc(eventDates.startsAt), asc(eventDates.id));
}

/** The event's row, locked: date changes of one event take turns (and see each other's rows). */
export async function lockEventForDates(db: DbOrTx, eventId: string): Promise<void> {
  await db.execute(sql`SELECT 1 FROM events WHERE id = ${eventId}::uuid FOR NO KEY UPDATE`);
}

export async function countDates(db: DbOrTx, eventId: string): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventDates)
    .where(eq(eventDates.eventId, eventId));
  return rows[0]?.n ?? 0;
}

export async function hasOrders(db: DbOrTx, eventId: string): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM orders WHERE event_id = ${eventId}::uuid) AS found`,
  );
  return result.rows[0]?.found ?? false;
}

export async function hasCapacityPools(db: DbOrTx, eventId: string): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM capacity_pools WHERE event_id = ${eventId}::uuid) AS found`,
  );
  return result.rows[0]?.found ?? false;
}

export async function insertDate(
  db: DbOrTx,
  date: { eventId: string; startsAt: Date; endsAt: Date; usesBaseStock: boolean; now: Date },
): Promise<EventDateRow> {
  const rows = await db
    .insert(eventDates)
    .values({
      eventId: date.eventId,
      startsAt: date.startsAt,
      endsAt: date.endsAt,
      usesBaseStock: date.usesBaseStock,
      createdAt: date.now,
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('insert into event_dates returned no row');
  return row;
}

/** Orders taken before the event had dates are for its first date (the one that took over its stock). */
export async function assignUndatedOrders(db: DbOrTx, eventId: string, dateId: string): Promise<void> {
  await db.execute(
    sql`UPDATE orders SET date_id = ${dateId}::uuid WHERE event_id = ${eventId}::uuid AND date_id IS NULL`,
  );
  await db.execute(
    sql`UPDATE tickets SET date_id = ${dateId}::uuid WHERE event_id = ${eventId}::uuid AND date_id IS NULL`,
  );
}

/**
 * A stock row of every ticket type of the event on a date that does not sell from the ticket types'
 * own rows, with the type's own capacity unless `capacities` names another. Only capacity, sold and
 * held of a stock row count; the rest is copied for whoever reads the table by hand.
 */
export async function insertStockRows(
  db: DbOrTx,
  dateId: string,
  eventId: string,
  only?: { ticketTypeId: string },
): Promise<void> {
  await db.execute(sql`
    INSERT INTO ticket_types (event_id, name, description, price_cents, capacity, sales_start_at, sales_end_at,
                              min_per_order, max_per_order, sort_order, visibility, access_code,
                              waitlist_enabled, parent_id, date_id)
    SELECT t.event_id, t.name, NULL, t.price_cents, t.capacity, t.sales_start_at, t.sales_end_at,
           t.min_per_order, t.max_per_order, t.sort_order, t.visibility, t.access_code,
           t.waitlist_enabled, t.id, ${dateId}::uuid
    FROM ticket_types t
    WHERE t.event_id = ${eventId}::uuid AND t.parent_id IS NULL
      ${only ? sql`AND t.id = ${only.ticketTypeId}::uuid` : sql``}
    ON CONFLICT DO NOTHING`);
}

/** A new ticket type of an event with dates gets a stock row on every date that needs one. */
export async function insertStockRowsOfNewType(
  db: DbOrTx,
  eventId: string,
  ticketTypeId: string,
): Promise<void> {
  const dates = await db
    .select({ id: eventDates.id })
    .from(eventDates)
    .where(and(eq(eventDates.eventId, eventId), eq(eventDates.usesBaseStock, false)));
  for (const date of dates) await insertStockRows(db, date.id, eventId, { ticketTypeId });
}

/**
 * Sets one ticket type's capacity on a date, only when it still covers what is sold and held there
 * (no read-then-write race with buyers). False: the type is not of this event, or the capacity is
 * below sold + held.
 */
export async function setDateCapacity(
  db: DbOrTx,
  date: EventDateRow,
  ticketTypeId: string,
  capacity: number,
): Promise<boolean> {
  const result = await db.execute<{ id: string }>(sql`
    UPDATE ticket_types s SET capacity = ${capacity}::int
    WHERE s.event_id = ${date.eventId}::uuid
      AND ${
        date.usesBaseStock
          ? sql`s.id = ${ticketTypeId}::uuid AND s.parent_id IS NULL`
          : sql`s.parent_id = ${ticketTypeId}::uuid AND s.date_id = ${date.id}::uuid`
      }
      AND s.sold + s.held <= ${capacity}::int
    RETURNING s.id`);
  return result.rows.length > 0;
}

export async function updateDateTimes(
  db: DbOrTx,
  dateId: string,
  times: { startsAt: Date; endsAt: Date },
): Promise<void> {
  await db.update(eventDates).set(times).where(eq(eventDates.id, dateId));
}

/** The event's own start and end follow its dates: from the first start to the last end. */
export async function spanEventOverDates(db: DbOrTx, eventId: string, now: Date): Promise<void> {
  await db.execute(sql`
    UPDATE events e SET starts_at = x.starts_at, ends_at = x.ends_at, updated_at = ${now}
    FROM (SELECT min(starts_at) AS starts_at, max(ends_at) AS ends_at FROM event_dates WHERE event_id = ${eventId}::uuid) x
    WHERE e.id = ${eventId}::uuid AND x.starts_at IS NOT NULL
      AND (e.starts_at, e.ends_at) IS DISTINCT FROM (x.starts_at, x.ends_at)`);
}

/** Whether any order (of any status) is for this date. */
export async function dateHasOrders(db: DbOrTx, dateId: string): Promise<boolean> {
  const result = await db.execute<{ found: boolean }>(
    sql`SELECT EXISTS (SELECT 1 FROM orders WHERE date_id = ${dateId}::uuid) AS found`,
  );
  return result.rows[0]?.found ?? false;
}

export async function deleteDate(db: DbOrTx, dateId: string): Promise<void> {
  await db.delete(eventDates).where(eq(eventDates.id, dateId));
}

/**
 * The stock rows an order for this date takes from, by ticket type: the ticket type itself on the
 * first date (or an event without dates), else the date's stock row. Types of another event or
 * unknown are left out.
 */
export async function stockRowsOn(
  db: DbOrTx,
  eventId: string,
  dateId: string | null,
  ticketTypeIds: string[],
): Promise<Map<string, string>> {
  if (ticketTypeIds.length === 0) return new Map();
  const result = await db.execute<{ ticket_type_id: string; stock_id: string }>(sql`
    SELECT t.id AS ticket_type_id,
           CASE WHEN d.id IS NULL OR d.uses_base_stock THEN t.id ELSE s.id END AS stock_id
    FROM ticket_types t
    LEFT JOIN event_dates d ON d.id = ${dateId}::uuid AND d.event_id = t.event_id
    LEFT JOIN ticket_types s ON s.parent_id = t.id AND s.date_id = d.id
    WHERE t.event_id = ${eventId}::uuid AND t.parent_id IS NULL
      AND t.id = ANY(${sql.param(ticketTypeIds)}::uuid[])`);
  return new Map(
    result.rows.filter((row) => row.stock_id !== null).map((row) => [row.ticket_type_id, row.stock_id]),
  );
}

/**
 * Before the first date goes (it has no orders): the next date takes over the ticket types' own
 * rows. Its stock rows' counts move onto them, its orders' items point at them, its stock rows go.
 * The ticket types are locked first, so no reserve takes from either in between.
 */
export async function promoteNextDate(db: DbOrTx, eventId: string, firstDateId: string): Promise<void> {
  await db.execute(
    sql`SELECT 1 FROM ticket_types WHERE event_id = ${eventId}::uuid ORDER BY id FOR NO KEY UPDATE`,
  );
  const next = await db.execute<{ id: string }>(sql`
    SELECT id FROM event_dates WHERE event_id = ${eventId}::uuid AND id <> ${firstDateId}::uuid
    ORDER BY starts_at, id LIMIT 1`);
  const nextId = next.rows[0]?.id;
  if (!nextId) return;
  await db.execute(sql`
    UPDATE ticket_types t SET capacity = s.capacity, sold = s.sold, held = s.held
    FROM ticket_types s WHERE s.parent_id = t.id AND s.date_id = ${nextId}::uuid`);
  await db.execute(sql`
    UPDATE order_items oi SET stock_type_id = NULL
    FROM ticket_types s WHERE oi.stock_type_id = s.id AND s.date_id = ${nextId}::uuid`);
  await db.execute(sql`DELETE FROM ticket_types WHERE date_id = ${nextId}::uuid`);
  await db.execute(sql`UPDATE event_dates SET uses_base_stock = false WHERE id = ${firstDateId}::uuid`);
  await db.execute(sql`UPDATE event_dates SET uses_base_stock = true WHERE id = ${nextId}::uuid`);
}

/** Each ticket type's stock on a date (null: the event without dates, or its first date's). */
export async function listStockRows(
  db: DbOrTx,
  eventId: string,
  dateId: string | null,
): Promise<DateStock[]> {
  if (dateId) {
    const date = (await listDatesWithStock(db, eventId)).find((candidate) => candidate.id === dateId);
    if (date) return date.stock;
  }
  const result = await db.execute<DateStock>(sql`
    SELECT t.id AS "ticketTypeId", t.id AS "stockId", t.name, t.capacity, t.sold, t.held
    FROM ticket_types t WHERE t.event_id = ${eventId}::uuid AND t.parent_id IS NULL
    ORDER BY t.sort_order, t.created_at, t.id`);
  return result.rows;
}

/** The dates with holds past their deadline taken out of `held` (see findStaleHeld), as buyers see them. */
export async function listLiveDatesWithStock(
  db: DbOrTx,
  eventId: string,
  now: Date,
): Promise<EventDateWithStock[]> {
  const [dates, stale] = await Promise.all([
    listDatesWithStock(db, eventId),
    findStaleHeld(db, eventId, now),
  ]);
  return dates.map((date) => ({
    ...date,
    stock: date.stock.map((stock) => ({
      ...stock,
      held: Math.max(0, stock.held - (stale.get(stock.stockId) ?? 0)),
    })),
  }));
}
