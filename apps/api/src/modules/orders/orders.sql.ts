/**
 * The reserve, coalesced: one call runs a batch of reserve requests (a JSON array, at most
 * RESERVE_BATCH_LIMIT), all in one transaction and one commit, each order all-or-nothing and answered
 * on its own. The statement itself lives in the database: migration 0016_reserve_in_batches.sql wrote
 * zevents_reserve_batch and zevents_reserve_facts, 0018 made the batch write each ticket type's holds
 * once, 0025 let codes unlock hidden types, and 0026_reserve_batch_in_memory.sql decides every order of the batch in memory and writes the accepted ones with one statement
 * per table; 0030 added capacity pools and 0033_reserve_batch_dates.sql (the version that runs) a
 * date's own stock; their comments say what it checks and how. A change to it is a new migration with
 * CREATE OR REPLACE and a rerun of npm run bench:flash-sale.
 *
 * One row per request, in order: out_is_fresh (false: the key already had a record), out_answer (the
 * 201 body, the provisional answer with what only the database knows put in), out_facts (why it was
 * refused, read in the batch's snapshot with the batch's own takings put in). When the batch's writes
 * find a row changed since its reads, the whole call fails with RESERVE_FAILED_MESSAGE or
 * KEY_TAKEN_MESSAGE (P0001) and nothing happened: the batcher runs each request again on its own,
 * and for a lone request reserveBatch() turns that into "refused without facts" (asked again with a
 * new snapshot) or "key taken".
 */
export const RESERVE_BATCH_SQL = 'SELECT * FROM zevents_reserve_batch($1::jsonb)';

/**
 * At most this many reserves share a transaction (one call's JSON and answer stay small; under load
 * batches run at about a third of it).
 */
export const RESERVE_BATCH_LIMIT = 60;

/** The facts of a refusal on their own, for the rare refusal the statement itself could not explain. */
export const RESERVE_FACTS_SQL = `
SELECT zevents_reserve_facts_on_date(
         zevents_reserve_facts($1::uuid, $2::uuid[], $3::text, $4::timestamptz, $5::text, $6::text),
         (SELECT d.id FROM event_dates d WHERE d.id = $7::uuid AND d.event_id = $1::uuid AND NOT d.uses_base_stock),
         $4::timestamptz, '{}'::uuid[], '{}'::int[]) AS facts`;

/** A concurrent change got between the statement's checks and its UPDATE; nothing was kept. */
export const RESERVE_FAILED_MESSAGE = 'ZEVENTS_RESERVE_FAILED';
/** Another request with the same Idempotency-Key claimed it first; nothing was kept. */
export const KEY_TAKEN_MESSAGE = 'ZEVENTS_KEY_TAKEN';

/**
 * Closes live holds and gives their tickets (and promo code uses) back, in one statement.
 * Orders are claimed with SKIP LOCKED so several workers (and buyers releasing inline) never
 * wait on each other or release a hold twice. $1 now, $2 batch size, $3 only these ticket types
 * (or null for all), $4 only these orders (or null), $5 the status to close with, $6 whether
 * only holds past their deadline qualify.
 *
 * A live hold is a `reserved` order or a bank transfer `awaiting_payment` (its deadline is its
 * expires_at): each is claimed by its own branch, so the reserved one keeps its ordered scan of
 * orders_live_holds_idx and the few transfers use orders_awaiting_payment_idx. Either gives its
 * tickets back exactly the same way. A call closes at most $2 of each.
 */
export const RELEASE_HOLDS_SQL = `
WITH target_reserved AS (
  SELECT o.id FROM orders o
  WHERE o.status = 'reserved'
    AND (NOT $6::boolean OR o.expires_at <= $1::timestamptz)
    AND ($4::uuid[] IS NULL OR o.id = ANY($4::uuid[]))
    AND ($3::uuid[] IS NULL OR EXISTS (
      SELECT 1 FROM order_items oi WHERE oi.order_id = o.id AND oi.ticket_type_id = ANY($3::uuid[])))
  ORDER BY o.expires_at
  LIMIT $2
  FOR UPDATE SKIP LOCKED
),
target_awaiting AS (
  SELECT o.id FROM orders o
  WHERE o.status = 'awaiting_payment'
    AND (NOT $6::boolean OR o.expires_at <= $1::timestamptz)
    AND ($4::uuid[] IS NULL OR o.id = ANY($4::uuid[]))
    AND ($3::uuid[] IS NULL OR EXISTS (
      SELECT 1 FROM order_items oi WHERE oi.order_id = o.id AND oi.ticket_type_id = ANY($3::uuid[])))
  ORDER BY o.expires_at
  LIMIT $2
  FOR UPDATE SKIP LOCKED
),
target AS (SELECT id FROM target_reserved UNION ALL SELECT id FROM target_awaiting),
closed AS (
  UPDATE orders o SET status = $5::order_status, closed_at = $1::timestamptz
  FROM target WHERE o.id = target.id AND o.status IN ('reserved', 'awaiting_payment')
  RETURNING o.id, o.event_id, o.promo_code_id, lower(o.buyer_email) AS buyer_email
),
-- The sweep (every hold past its deadline, any type) also forgets client addresses quiet for a minute.
pruned AS (
  DELETE FROM hold_address_windows w
  WHERE $6::boolean AND $3::uuid[] IS NULL AND $4::uuid[] IS NULL
    AND w.window_start <= $1::timestamptz - interval '1 minute'
  RETURNING 1
),
buyers AS (
  -- Floored at 0: a count that drifted low (a row written by older code during a rolling deploy)
  -- must never fail the sweep, which would stop every hold of every event from expiring.
  UPDATE buyer_ticket_counts b SET tickets = greatest(b.tickets - x.n, 0)
  FROM (SELECT c.event_id, c.buyer_email, sum(oi.quantity)::int AS n
        FROM closed c JOIN order_items oi ON oi.order_id = c.id
        GROUP BY c.event_id, c.buyer_email) x
  WHERE b.event_id = x.event_id AND b.email = x.buyer_email
  RETURNING 1
),
-- A date's own stock row when the item took from one (stock_type_id), else the ticket type's.
released AS (
  SELECT coalesce(oi.stock_type_id, oi.ticket_type_id) AS ticket_type_id, sum(oi.quantity)::int AS quantity
  FROM order_items oi JOIN closed c ON c.id = oi.order_id
  GROUP BY 1
),
stock AS (
  UPDATE ticket_types tt SET held = tt.held - r.quantity
  FROM released r WHERE tt.id = r.ticket_type_id
  RETURNING tt.id
),
promo AS (
  UPDATE promo_codes p SET uses = p.uses - x.n
  FROM (SELECT promo_code_id, count(*)::int AS n FROM closed WHERE promo_code_id IS NOT NULL GROUP BY promo_code_id) x
  WHERE p.id = x.promo_code_id
  RETURNING p.id
)
SELECT c.id, c.event_id AS "eventId", (SELECT count(*) FROM stock)::int AS "typesReleased" FROM closed c
`;
