/**
 * The hot path as one atomic statement (one round trip, autocommit): claim the idempotency key,
 * hold every ticket type with a conditional UPDATE (never read-then-write), count the promo code
 * use, and write the order with its items. When any type cannot be held the statement calls
 * zevents_abort(), so no partial hold survives. Rules (sale window, per-order limits, event on
 * sale) sit in the WHERE clauses; only a failure pays for a second query that explains it.
 *
 * $1 event id, $2 ticket type ids, $3 quantities, $4 buyer name, $5 buyer email, $6 buyer user id,
 * $7 promo code, $8 now, $9 hold deadline, $10 new order id, $11 idempotency scope, $12 key,
 * $13 request hash.
 */
export const RESERVE_SQL = `
WITH
idem AS (
  INSERT INTO idempotency_keys (scope, key, request_hash, resource_id, created_at)
  SELECT $11::text, $12::text, $13::text, $10::uuid, $8::timestamptz WHERE $12::text IS NOT NULL
  ON CONFLICT DO NOTHING
  RETURNING 1
),
go AS (SELECT ($12::text IS NULL OR EXISTS (SELECT 1 FROM idem)) AS ok),
ev AS (
  SELECT e.id, e.currency FROM events e, go
  WHERE go.ok AND e.id = $1::uuid AND e.status = 'published' AND e.ends_at > $8::timestamptz
),
req AS (SELECT r.ticket_type_id, r.quantity FROM unnest($2::uuid[], $3::int[]) AS r(ticket_type_id, quantity)),
held AS (
  UPDATE ticket_types tt SET held = tt.held + req.quantity
  FROM req, ev
  WHERE tt.id = req.ticket_type_id AND tt.event_id = ev.id
    AND req.quantity >= tt.min_per_order AND req.quantity <= tt.max_per_order
    AND (tt.sales_start_at IS NULL OR tt.sales_start_at <= $8::timestamptz)
    AND (tt.sales_end_at IS NULL OR tt.sales_end_at > $8::timestamptz)
    AND tt.sold + tt.held + req.quantity <= tt.capacity
  RETURNING tt.id AS ticket_type_id, req.quantity AS quantity, tt.price_cents AS price_cents
),
promo AS (
  UPDATE promo_codes p SET uses = p.uses + 1
  FROM ev
  WHERE $7::text IS NOT NULL AND p.event_id = ev.id AND upper(p.code) = upper($7::text)
    AND (p.max_uses IS NULL OR p.uses < p.max_uses)
    AND (p.valid_from IS NULL OR p.valid_from <= $8::timestamptz)
    AND (p.valid_until IS NULL OR p.valid_until > $8::timestamptz)
  RETURNING p.id, p.percent_off, p.amount_off_cents, p.ticket_type_ids
),
totals AS (
  SELECT
    count(*)::int AS held_types,
    coalesce(sum(h.price_cents * h.quantity), 0)::int AS subtotal,
    coalesce(sum(h.price_cents * h.quantity) FILTER (WHERE EXISTS (
      SELECT 1 FROM promo p WHERE cardinality(p.ticket_type_ids) = 0 OR h.ticket_type_id = ANY(p.ticket_type_ids)
    )), 0)::int AS eligible
  FROM held h
),
priced AS (
  SELECT t.held_types, t.subtotal, t.eligible, p.id AS promo_id,
    (CASE
      WHEN p.id IS NULL THEN 0
      WHEN p.percent_off IS NOT NULL THEN t.eligible * p.percent_off / 100
      ELSE LEAST(t.eligible, p.amount_off_cents)
    END)::int AS discount
  FROM totals t LEFT JOIN promo p ON true
),
ord AS (
  INSERT INTO orders (id, event_id, status, buyer_name, buyer_email, buyer_user_id, promo_code_id,
                      subtotal_cents, discount_cents, total_cents, currency, expires_at, created_at)
  SELECT $10::uuid, ev.id, 'reserved', $4::text, $5::text, $6::uuid, pr.promo_id,
         pr.subtotal, pr.discount, pr.subtotal - pr.discount, ev.currency, $9::timestamptz, $8::timestamptz
  FROM ev, priced pr
  WHERE pr.held_types = cardinality($2::uuid[])
    AND ($7::text IS NULL OR (pr.promo_id IS NOT NULL AND pr.eligible > 0))
  RETURNING id
),
items AS (
  INSERT INTO order_items (order_id, ticket_type_id, event_id, quantity, unit_price_cents)
  SELECT ord.id, h.ticket_type_id, $1::uuid, h.quantity, h.price_cents FROM ord, held h
  RETURNING 1
)
SELECT
  (SELECT ok FROM go) AS is_fresh,
  (SELECT count(*) FROM items)::int AS item_count,
  CASE WHEN (SELECT ok FROM go) AND NOT EXISTS (SELECT 1 FROM ord)
       THEN zevents_abort('ZEVENTS_RESERVE_FAILED') END AS aborted
`;

export const RESERVE_FAILED_MESSAGE = 'ZEVENTS_RESERVE_FAILED';

/**
 * Closes live holds and gives their tickets (and promo code uses) back, in one statement.
 * Orders are claimed with SKIP LOCKED so several workers (and buyers releasing inline) never
 * wait on each other or release a hold twice. $1 now, $2 batch size, $3 only these ticket types
 * (or null for all), $4 only these orders (or null), $5 the status to close with, $6 whether
 * only holds past their deadline qualify.
 */
export const RELEASE_HOLDS_SQL = `
WITH target AS (
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
closed AS (
  UPDATE orders o SET status = $5::order_status, closed_at = $1::timestamptz
  FROM target WHERE o.id = target.id AND o.status = 'reserved'
  RETURNING o.id, o.event_id, o.promo_code_id
),
released AS (
  SELECT oi.ticket_type_id, sum(oi.quantity)::int AS quantity
  FROM order_items oi JOIN closed c ON c.id = oi.order_id
  GROUP BY oi.ticket_type_id
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
