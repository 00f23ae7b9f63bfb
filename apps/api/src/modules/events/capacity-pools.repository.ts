import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { capacityPools, capacityPoolTicketTypes, events, ticketTypes } from '../../db/schema';
import type { EventRow } from './events.repository';

export type CapacityPoolRow = typeof capacityPools.$inferSelect;

/** A pool with its ticket types and what they have sold and hold between them. */
export interface CapacityPoolUsage extends CapacityPoolRow {
  ticketTypeIds: string[];
  sold: number;
  held: number;
}

// `capacity_pools.id` spelled out: inside a select's fields drizzle writes its columns unqualified,
// and a bare "id" in these subqueries would name the ticket type's.
const usageColumns = {
  ticketTypeIds: sql<string[]>`coalesce((SELECT array_agg(m.ticket_type_id::text ORDER BY m.ticket_type_id)
    FROM ${capacityPoolTicketTypes} m WHERE m.pool_id = capacity_pools.id), '{}')`,
  sold: sql<number>`(SELECT coalesce(sum(t.sold), 0)::int FROM ${capacityPoolTicketTypes} m
    JOIN ${ticketTypes} t ON t.id = m.ticket_type_id WHERE m.pool_id = capacity_pools.id)`,
  held: sql<number>`(SELECT coalesce(sum(t.held), 0)::int FROM ${capacityPoolTicketTypes} m
    JOIN ${ticketTypes} t ON t.id = m.ticket_type_id WHERE m.pool_id = capacity_pools.id)`,
};

export async function listCapacityPools(db: DbOrTx, eventId: string): Promise<CapacityPoolUsage[]> {
  return db
    .select({ ...capacityPoolColumns(), ...usageColumns })
    .from(capacityPools)
    .where(eq(capacityPools.eventId, eventId))
    .orderBy(asc(capacityPools.createdAt), asc(capacityPools.id));
}

export async function findCapacityPool(db: DbOrTx, poolId: string): Promise<CapacityPoolUsage | undefined> {
  const rows = await db
    .select({ ...capacityPoolColumns(), ...usageColumns })
    .from(capacityPools)
    .where(eq(capacityPools.id, poolId))
    .limit(1);
  return rows[0];
}

export async function findCapacityPoolWithEvent(
  db: DbOrTx,
  poolId: string,
): Promise<{ pool: CapacityPoolRow; event: EventRow } | undefined> {
  const rows = await db
    .select({ pool: capacityPools, event: events })
    .from(capacityPools)
    .innerJoin(events, eq(events.id, capacityPools.eventId))
    .where(eq(capacityPools.id, poolId))
    .limit(1);
  return rows[0];
}

function capacityPoolColumns() {
  return {
    id: capacityPools.id,
    eventId: capacityPools.eventId,
    name: capacityPools.name,
    capacity: capacityPools.capacity,
    createdAt: capacityPools.createdAt,
    updatedAt: capacityPools.updatedAt,
  };
}

/**
 * Takes the event's pools' lock (the one the stock trigger takes, in the same order) so that what
 * the caller checks next cannot change under it until commit.
 */
export async function lockCapacityPoolsOfEvent(db: DbOrTx, eventId: string): Promise<void> {
  await db.execute(
    sql`SELECT 1 FROM ${capacityPools} WHERE ${capacityPools.eventId} = ${eventId} ORDER BY ${capacityPools.id} FOR NO KEY UPDATE`,
  );
}

/** How many of these ticket types are of this event. */
export async function countTicketTypesOfEvent(db: DbOrTx, eventId: string, ids: string[]): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(ticketTypes)
    .where(and(eq(ticketTypes.eventId, eventId), inArray(ticketTypes.id, ids), isNull(ticketTypes.parentId)));
  return rows[0]?.n ?? 0;
}

/** What these ticket types have sold and hold between them, now (read after the pools' lock). */
export async function usageOfTicketTypes(db: DbOrTx, ids: string[]): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`coalesce(sum(${ticketTypes.sold} + ${ticketTypes.held}), 0)::int` })
    .from(ticketTypes)
    .where(inArray(ticketTypes.id, ids));
  return rows[0]?.n ?? 0;
}

export async function insertCapacityPool(
  db: DbOrTx,
  pool: { eventId: string; name: string; capacity: number; now: Date },
): Promise<CapacityPoolRow> {
  const rows = await db
    .insert(capacityPools)
    .values({
      eventId: pool.eventId,
      name: pool.name,
      capacity: pool.capacity,
      createdAt: pool.now,
      updatedAt: pool.now,
    })
    .returning();
  const row = rows[0];
  if (!row) throw new Error('insert into capacity_pools returned no row');
  return row;
}

export async function updateCapacityPool(
  db: DbOrTx,
  poolId: string,
  changes: { name?: string; capacity?: number; updatedAt: Date },
): Promise<void> {
  await db.update(capacityPools).set(changes).where(eq(capacityPools.id, poolId));
}

export async function setPoolTicketTypes(
  db: DbOrTx,
  pool: CapacityPoolRow,
  ticketTypeIds: string[],
): Promise<void> {
  await db.delete(capacityPoolTicketTypes).where(eq(capacityPoolTicketTypes.poolId, pool.id));
  await db
    .insert(capacityPoolTicketTypes)
    .values(ticketTypeIds.map((ticketTypeId) => ({ poolId: pool.id, ticketTypeId, eventId: pool.eventId })));
}

export async function deleteCapacityPool(db: DbOrTx, poolId: string): Promise<void> {
  await db.delete(capacityPools).where(eq(capacityPools.id, poolId));
}

/**
 * For each ticket type of the event that is in a pool, the least room any of its pools has left
 * (capacity - sold - held of all the pool's types): its public `available` is never more.
 */
export async function poolHeadroomByTicketType(db: DbOrTx, eventIds: string[]): Promise<Map<string, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db.execute<{ ticket_type_id: string; headroom: number }>(sql`
    SELECT m.ticket_type_id, min(p.capacity - u.used)::int AS headroom
    FROM ${capacityPools} p
    JOIN ${capacityPoolTicketTypes} m ON m.pool_id = p.id
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(t.sold + t.held), 0) AS used
      FROM ${capacityPoolTicketTypes} m2 JOIN ${ticketTypes} t ON t.id = m2.ticket_type_id
      WHERE m2.pool_id = p.id) u
    WHERE p.event_id = ANY(${`{${eventIds.join(',')}}`}::uuid[])
    GROUP BY m.ticket_type_id`);
  return new Map(rows.rows.map((row) => [row.ticket_type_id, Math.max(0, Number(row.headroom))]));
}
