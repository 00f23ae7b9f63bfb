import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { promoCodes } from '../../db/schema';
import type { PromoCodeRow } from './events.repository';

/**
 * Removes a ticket type in ONE statement, only while nothing ever referenced it. Race-safety comes
 * from the row lock: a reserve holds the type with `UPDATE ticket_types SET held = held + n`, so a
 * delete that meets a concurrent reserve waits for it and then re-checks `sold = 0 AND held = 0` on
 * the row the reserve left (the reserve won: nothing deleted). A reserve that meets a committed
 * delete finds no row to hold and refuses as for any unknown type. order_items has no ON DELETE
 * action, so the database also refuses an item pointing at a deleted type.
 *
 * Promo codes scoped to several types drop this one from their list; a code scoped to this type
 * alone blocks the delete, because an empty list means "every type" and would widen the discount.
 * A published event keeps at least one ticket type (publish requires one).
 *
 * `unscoped` re-checks each code on its newest version (after waiting for its row lock), while the
 * NOT EXISTS above judged the statement's snapshot: a code edited meanwhile from [this, other] to
 * [this] would come out of array_remove as [] ("every type"). So it never writes an empty list, and
 * `stale` counts the codes the snapshot meant to unscope but the re-check skipped: the caller must
 * roll the whole delete back then. Promo edits lock the event first like deletes do, so this is the
 * guard for a writer that forgets to, not the usual path.
 */
export async function deleteUnusedTicketType(
  db: DbOrTx,
  ticketTypeId: string,
): Promise<'deleted' | 'kept' | 'stale-promo-code'> {
  const result = await db.execute<{ deleted: number; stale: number }>(sql`
    WITH gone AS (
      DELETE FROM ticket_types tt
      WHERE tt.id = ${ticketTypeId} AND tt.sold = 0 AND tt.held = 0
        AND NOT EXISTS (SELECT 1 FROM order_items oi WHERE oi.ticket_type_id = tt.id)
        AND NOT EXISTS (
          SELECT 1 FROM promo_codes p
          WHERE p.event_id = tt.event_id AND cardinality(p.ticket_type_ids) > 0
            AND p.ticket_type_ids <@ ARRAY[tt.id])
        AND (
          EXISTS (SELECT 1 FROM events e WHERE e.id = tt.event_id AND e.status <> 'published')
          OR EXISTS (SELECT 1 FROM ticket_types other WHERE other.event_id = tt.event_id AND other.id <> tt.id))
      RETURNING tt.id, tt.event_id
    ),
    unscoped AS (
      UPDATE promo_codes p SET ticket_type_ids = array_remove(p.ticket_type_ids, g.id)
      FROM gone g
      WHERE p.event_id = g.event_id AND g.id = ANY(p.ticket_type_ids)
        AND cardinality(array_remove(p.ticket_type_ids, g.id)) > 0
      RETURNING p.id
    ),
    scoped AS (
      SELECT p.id FROM promo_codes p JOIN gone g ON p.event_id = g.event_id AND g.id = ANY(p.ticket_type_ids)
    )
    SELECT (SELECT count(*) FROM gone)::int AS deleted,
      ((SELECT count(*) FROM scoped) - (SELECT count(*) FROM unscoped))::int AS stale`);
  const row = result.rows[0];
  if (!row || row.deleted === 0) return 'kept';
  return row.stale > 0 ? 'stale-promo-code' : 'deleted';
}

/**
 * Locks the event row for the rest of the transaction (later statements see what the lock waited
 * for). NO KEY UPDATE, not UPDATE: inserting an order checks its event_id foreign key with FOR KEY
 * SHARE on this row, which FOR UPDATE would block, making every reserve of the event wait here.
 */
export async function lockEvent(db: DbOrTx, eventId: string): Promise<void> {
  await db.execute(sql`SELECT 1 FROM events WHERE id = ${eventId} FOR NO KEY UPDATE`);
}

export interface TicketTypeUsage {
  sold: number;
  held: number;
  /** Order items of any status (expired and cancelled orders keep theirs as history). */
  orderItems: number;
  /** Promo codes that apply to this type only. */
  exclusivePromoCodes: string[];
  otherTypes: number;
  eventStatus: string;
}

/** Why a delete was refused, read after the fact (undefined: the type is gone). */
export async function findTicketTypeUsage(
  db: DbOrTx,
  ticketTypeId: string,
): Promise<TicketTypeUsage | undefined> {
  const result = await db.execute<{
    sold: number;
    held: number;
    order_items: number;
    exclusive_codes: string[];
    other_types: number;
    event_status: string;
  }>(sql`
    SELECT tt.sold, tt.held,
      (SELECT count(*) FROM order_items oi WHERE oi.ticket_type_id = tt.id)::int AS order_items,
      (SELECT coalesce(array_agg(p.code ORDER BY p.code), '{}') FROM promo_codes p
        WHERE p.event_id = tt.event_id AND cardinality(p.ticket_type_ids) > 0
          AND p.ticket_type_ids <@ ARRAY[tt.id]) AS exclusive_codes,
      (SELECT count(*) FROM ticket_types other WHERE other.event_id = tt.event_id AND other.id <> tt.id)::int
        AS other_types,
      e.status::text AS event_status
    FROM ticket_types tt JOIN events e ON e.id = tt.event_id
    WHERE tt.id = ${ticketTypeId}`);
  const row = result.rows[0];
  return row
    ? {
        sold: row.sold,
        held: row.held,
        orderItems: row.order_items,
        exclusivePromoCodes: row.exclusive_codes,
        otherTypes: row.other_types,
        eventStatus: row.event_status,
      }
    : undefined;
}

/**
 * Applies a promo-code edit. A new maxUses only lands when it still covers the uses counted at the
 * moment of the write: the reserve counts a use with a conditional UPDATE of this same row, so the
 * guard is re-checked on the latest version under the row lock (no read-then-write race). The same
 * goes for the validity window: a bound that was not sent is the stored one at the moment of the
 * write, so one editor moving validFrom and another moving validUntil cannot invert the window.
 */
export async function updatePromoCode(
  db: DbOrTx,
  promoCodeId: string,
  changes: Partial<typeof promoCodes.$inferInsert>,
): Promise<PromoCodeRow | undefined> {
  const maxUsesGuard =
    changes.maxUses !== undefined && changes.maxUses !== null
      ? sql`${promoCodes.uses} <= ${changes.maxUses}`
      : undefined;
  const boundOf = (value: Date | null | undefined, column: SQL) =>
    value === undefined ? column : sql`${value?.toISOString() ?? null}::timestamptz`;
  const from = boundOf(changes.validFrom, sql`${promoCodes.validFrom}`);
  const until = boundOf(changes.validUntil, sql`${promoCodes.validUntil}`);
  const windowGuard =
    changes.validFrom !== undefined || changes.validUntil !== undefined
      ? sql`(${from} IS NULL OR ${until} IS NULL OR ${until} > ${from})`
      : undefined;
  const rows = await db
    .update(promoCodes)
    .set(changes)
    .where(and(eq(promoCodes.id, promoCodeId), maxUsesGuard, windowGuard))
    .returning();
  return rows[0];
}

/**
 * Deletes a promo code that no order ever used, in one statement. `uses = 0` is a column of the
 * locked row, so a reserve counting a use at the same moment makes the delete find nothing; the
 * orders check keeps codes that only expired or cancelled orders used (orders would lose the link).
 */
export async function deleteUnusedPromoCode(db: DbOrTx, promoCodeId: string): Promise<boolean> {
  const result = await db.execute<{ id: string }>(sql`
    DELETE FROM promo_codes p
    WHERE p.id = ${promoCodeId} AND p.uses = 0
      AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.event_id = p.event_id AND o.promo_code_id = p.id)
    RETURNING p.id`);
  return result.rows.length > 0;
}

/** Orders (any status) that used the promo code: why it cannot be deleted. */
export async function countOrdersWithPromoCode(db: DbOrTx, eventId: string, promoCodeId: string) {
  const result = await db.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM orders o WHERE o.event_id = ${eventId} AND o.promo_code_id = ${promoCodeId}`);
  return result.rows[0]?.n ?? 0;
}
