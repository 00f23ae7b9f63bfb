/**
 * What a refused reserve needs to explain itself, read in the statement's own snapshot: the event,
 * each requested ticket type with what is left (and how much of it expired holds still count), the
 * promo code. Built as SQL text so the reserve statement and the stand-alone fallback share it.
 */
function reserveFactsSql(p: { eventId: string; typeIds: string; promoCode: string; now: string }): string {
  return `jsonb_build_object(
    'event', (SELECT jsonb_build_object('status', e.status, 'endsAt', e.ends_at)
              FROM events e WHERE e.id = ${p.eventId}::uuid),
    'types', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                'id', tt.id, 'name', tt.name, 'priceCents', tt.price_cents,
                'minPerOrder', tt.min_per_order, 'maxPerOrder', tt.max_per_order,
                'salesStartAt', tt.sales_start_at, 'salesEndAt', tt.sales_end_at,
                'available', tt.capacity - tt.sold - tt.held,
                -- Driven by the live-holds index (holds past their deadline: usually none), one
                -- key lookup per such hold: never a walk over every order item of a big sale.
                'stale', (SELECT coalesce(sum((SELECT oi.quantity FROM order_items oi
                                               WHERE oi.order_id = o.id AND oi.ticket_type_id = tt.id)), 0)::int
                          FROM orders o
                          WHERE o.status = 'reserved' AND o.expires_at <= ${p.now}::timestamptz))), '[]'::jsonb)
              FROM ticket_types tt
              WHERE tt.id = ANY(${p.typeIds}::uuid[]) AND tt.event_id = ${p.eventId}::uuid),
    'promo', (SELECT jsonb_build_object('ticketTypeIds', pc.ticket_type_ids, 'isActive', pc.is_active,
                       'validFrom', pc.valid_from, 'validUntil', pc.valid_until,
                       'maxUses', pc.max_uses, 'uses', pc.uses,
                       -- Uses still counted by holds past their deadline (on any ticket type): a
                       -- release gives them back. Driven by the live-holds index, like 'stale' above.
                       'staleUses', (SELECT count(*)::int FROM orders o
                                     WHERE o.status = 'reserved' AND o.expires_at <= ${p.now}::timestamptz
                                       AND o.promo_code_id = pc.id))
              FROM promo_codes pc
              WHERE ${p.promoCode}::text IS NOT NULL AND pc.event_id = ${p.eventId}::uuid
                AND upper(pc.code) = upper(${p.promoCode}::text)
              LIMIT 1))`;
}

/**
 * The hot path as one atomic statement (one round trip, autocommit). It checks in its snapshot that
 * the key is new, that every ticket type fits and that the promo code applies; only then does it hold
 * every ticket type with a conditional UPDATE (never read-then-write: the UPDATE's own
 * `sold + held + n <= capacity` re-checks the latest row version under its lock), count the promo
 * code use, write the order with its items, claim the key and store the 201 answer with it.
 *
 * A refusal changes nothing and raises nothing: the row comes back with no answer and with the facts
 * that explain it (no ERROR in PostgreSQL's log, no second query); or with no facts when the
 * snapshot saw room that a concurrent reserve took first (the service asks again). Only when a concurrent change
 * slips between the snapshot check and the UPDATE (a partial hold), or another request with the same
 * key won the claim, does the statement call zevents_abort(), so no partial work ever survives.
 *
 * The answer is the JSON the service rendered with presentOrder() for a provisional row ($14), with
 * the fields only the database knows put in: so the first answer and every replay are the same.
 *
 * $1 event id, $2 ticket type ids, $3 quantities, $4 buyer name, $5 buyer email, $6 buyer user id,
 * $7 promo code, $8 now, $9 hold deadline, $10 new order id, $11 idempotency scope, $12 key,
 * $13 request hash, $14 the answer rendered for the provisional order.
 */
export const RESERVE_SQL = `
WITH
go AS (
  SELECT NOT EXISTS (
    SELECT 1 FROM idempotency_keys k WHERE $12::text IS NOT NULL AND k.scope = $11::text AND k.key = $12::text
  ) AS ok
),
ev AS (
  SELECT e.id, e.currency FROM events e, go
  WHERE go.ok AND e.id = $1::uuid AND e.status = 'published' AND e.ends_at > $8::timestamptz
),
req AS (SELECT r.ticket_type_id, r.quantity FROM unnest($2::uuid[], $3::int[]) AS r(ticket_type_id, quantity)),
fit AS (
  SELECT tt.id, tt.price_cents * req.quantity AS cents
  FROM req JOIN ticket_types tt ON tt.id = req.ticket_type_id JOIN ev ON tt.event_id = ev.id
  WHERE req.quantity >= tt.min_per_order AND req.quantity <= tt.max_per_order
    AND (tt.sales_start_at IS NULL OR tt.sales_start_at <= $8::timestamptz)
    AND (tt.sales_end_at IS NULL OR tt.sales_end_at > $8::timestamptz)
    AND tt.sold + tt.held + req.quantity <= tt.capacity
),
usable_promo AS (
  SELECT p.ticket_type_ids FROM promo_codes p, ev
  WHERE $7::text IS NOT NULL AND p.event_id = ev.id AND upper(p.code) = upper($7::text) AND p.is_active
    AND (p.max_uses IS NULL OR p.uses < p.max_uses)
    AND (p.valid_from IS NULL OR p.valid_from <= $8::timestamptz)
    AND (p.valid_until IS NULL OR p.valid_until > $8::timestamptz)
),
plan AS (
  SELECT (SELECT count(*) FROM fit) = cardinality($2::uuid[])
    AND ($7::text IS NULL OR EXISTS (
      SELECT 1 FROM usable_promo up, fit f
      WHERE f.cents > 0 AND (cardinality(up.ticket_type_ids) = 0 OR f.id = ANY(up.ticket_type_ids))
    )) AS ok
),
held AS (
  UPDATE ticket_types tt SET held = tt.held + req.quantity
  FROM req, ev, plan
  WHERE plan.ok AND tt.id = req.ticket_type_id AND tt.event_id = ev.id
    AND req.quantity >= tt.min_per_order AND req.quantity <= tt.max_per_order
    AND (tt.sales_start_at IS NULL OR tt.sales_start_at <= $8::timestamptz)
    AND (tt.sales_end_at IS NULL OR tt.sales_end_at > $8::timestamptz)
    AND tt.sold + tt.held + req.quantity <= tt.capacity
  RETURNING tt.id AS ticket_type_id, req.quantity AS quantity, tt.price_cents AS price_cents,
            tt.name AS name, tt.sort_order AS sort_order
),
promo AS (
  UPDATE promo_codes p SET uses = p.uses + 1
  FROM ev
  WHERE $7::text IS NOT NULL AND p.event_id = ev.id AND upper(p.code) = upper($7::text)
    AND (SELECT count(*) FROM held) = cardinality($2::uuid[])
    -- Checked again on the row version this UPDATE locks: a deactivation committed after the
    -- snapshot still refuses the code (the statement then aborts and the service asks again).
    AND p.is_active
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
  RETURNING id, event_id, subtotal_cents, discount_cents, total_cents, currency
),
items AS (
  INSERT INTO order_items (order_id, ticket_type_id, event_id, quantity, unit_price_cents)
  SELECT ord.id, h.ticket_type_id, $1::uuid, h.quantity, h.price_cents FROM ord, held h
  RETURNING 1
),
answer AS (
  SELECT o.total_cents AS total, $14::jsonb || jsonb_build_object(
    'eventId', o.event_id,
    'items', (SELECT jsonb_agg(jsonb_build_object(
                'ticketTypeId', h.ticket_type_id, 'ticketTypeName', h.name,
                'quantity', h.quantity, 'unitPriceCents', h.price_cents) ORDER BY h.sort_order, h.ticket_type_id)
              FROM held h),
    'subtotalCents', o.subtotal_cents, 'discountCents', o.discount_cents, 'totalCents', o.total_cents,
    'currency', o.currency) AS body
  FROM ord o
),
-- A free order is paid before it is answered: its service stores that answer instead.
claim AS (
  INSERT INTO idempotency_keys (scope, key, request_hash, resource_id, created_at, response_status, response_body)
  SELECT $11::text, $12::text, $13::text, $10::uuid, $8::timestamptz,
         CASE WHEN a.total > 0 THEN 201 END, CASE WHEN a.total > 0 THEN a.body END
  FROM answer a WHERE $12::text IS NOT NULL
  ON CONFLICT DO NOTHING
  RETURNING 1
)
SELECT
  (SELECT ok FROM go) AS is_fresh,
  (SELECT body FROM answer) AS answer,
  -- Facts only when the snapshot itself refused: a request that lost the last seats to a concurrent
  -- one (its snapshot still saw them) gets none, and the service asks again with a fresh snapshot.
  CASE WHEN (SELECT ok FROM go) AND NOT EXISTS (SELECT 1 FROM ord) AND NOT (SELECT ok FROM plan)
       THEN ${reserveFactsSql({ eventId: '$1', typeIds: '$2', promoCode: '$7', now: '$8' })} END AS facts,
  CASE
    WHEN NOT EXISTS (SELECT 1 FROM ord) AND (EXISTS (SELECT 1 FROM held) OR EXISTS (SELECT 1 FROM promo))
      THEN zevents_abort('ZEVENTS_RESERVE_FAILED')
    WHEN EXISTS (SELECT 1 FROM ord) AND $12::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claim)
      THEN zevents_abort('ZEVENTS_KEY_TAKEN')
  END AS aborted
`;

/** The same facts on their own, for the rare refusal the statement itself could not explain. */
export const RESERVE_FACTS_SQL = `SELECT ${reserveFactsSql({ eventId: '$1', typeIds: '$2', promoCode: '$3', now: '$4' })} AS facts`;

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
