/**
 * What a refused reserve needs to explain itself, read in the statement's own snapshot: the event,
 * each requested ticket type with what is left (and how much of it expired holds still count), the
 * promo code. Built as SQL text so the reserve statement and the stand-alone fallback share it.
 */
function reserveFactsSql(p: {
  eventId: string;
  typeIds: string;
  promoCode: string;
  now: string;
  buyerEmail: string;
  address: string;
}): string {
  return `jsonb_build_object(
    'event', (SELECT jsonb_build_object('status', e.status, 'endsAt', e.ends_at,
                                        'maxTicketsPerBuyer', e.max_tickets_per_buyer)
              FROM events e WHERE e.id = ${p.eventId}::uuid),
    -- What this buyer already has (live holds + paid tickets), and their holds past the deadline: a
    -- release of those may let the order through. Those are found among the holds past their
    -- deadline (the live-holds index; usually none), never by walking the event's orders: OFFSET 0
    -- keeps the planner from turning that round.
    'buyer', jsonb_build_object(
      'tickets', coalesce((SELECT b.tickets FROM buyer_ticket_counts b
                           WHERE b.event_id = ${p.eventId}::uuid AND b.email = lower(${p.buyerEmail}::text)), 0),
      'staleOrderIds', (SELECT coalesce(jsonb_agg(s.id), '[]'::jsonb)
                        FROM (SELECT o.id, o.event_id, o.buyer_email FROM orders o
                              WHERE o.status = 'reserved' AND o.expires_at <= ${p.now}::timestamptz
                              OFFSET 0) s
                        WHERE s.event_id = ${p.eventId}::uuid
                          AND lower(s.buyer_email) = lower(${p.buyerEmail}::text))),
    'address', (SELECT jsonb_build_object('holds', w.holds, 'windowStart', w.window_start)
                FROM hold_address_windows w
                WHERE ${p.address}::text IS NOT NULL AND w.address = ${p.address}::text
                  AND w.window_start > ${p.now}::timestamptz - interval '1 minute'),
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
 * Two limits against hoarding ride in the same statement, each a conditional upsert on its own row
 * (re-checked on the latest row version under its lock, like the stock UPDATE): the tickets one
 * buyer email holds or bought for the event (`max_tickets_per_buyer`), and the new holds one client
 * address made in the last minute ($15/$16; a null address turns that limit off).
 *
 * $1 event id, $2 ticket type ids, $3 quantities, $4 buyer name, $5 buyer email, $6 buyer user id,
 * $7 promo code, $8 now, $9 hold deadline, $10 new order id, $11 idempotency scope, $12 key,
 * $13 request hash, $14 the answer rendered for the provisional order (without its access token),
 * $15 client address (null: no address limit), $16 new holds allowed per address per minute.
 */
export const RESERVE_SQL = `
WITH
go AS (
  SELECT NOT EXISTS (
    SELECT 1 FROM idempotency_keys k WHERE $12::text IS NOT NULL AND k.scope = $11::text AND k.key = $12::text
  ) AS ok
),
ev AS (
  SELECT e.id, e.currency, e.max_tickets_per_buyer FROM events e, go
  WHERE go.ok AND e.id = $1::uuid AND e.status = 'published' AND e.ends_at > $8::timestamptz
),
req AS (SELECT r.ticket_type_id, r.quantity FROM unnest($2::uuid[], $3::int[]) AS r(ticket_type_id, quantity)),
wanted AS (SELECT coalesce(sum(req.quantity), 0)::int AS n FROM req),
buyer AS (
  SELECT coalesce((SELECT b.tickets FROM buyer_ticket_counts b, ev
                   WHERE b.event_id = ev.id AND b.email = lower($5::text)), 0) AS tickets
),
address AS (
  SELECT coalesce((SELECT w.holds FROM hold_address_windows w
                   WHERE w.address = $15::text AND w.window_start > $8::timestamptz - interval '1 minute'), 0) AS holds
),
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
    AND coalesce((SELECT b.tickets FROM buyer b) + (SELECT w.n FROM wanted w)
                 <= (SELECT ev.max_tickets_per_buyer FROM ev), false)
    AND ($15::text IS NULL OR (SELECT a.holds FROM address a) < $16::int)
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
-- Only once every type is held: the buyer's tickets rise on the latest version of their row, so
-- concurrent orders of one buyer take turns here and never pass the limit together.
buyer_claim AS (
  INSERT INTO buyer_ticket_counts AS b (event_id, email, tickets)
  SELECT ev.id, lower($5::text), w.n FROM ev, wanted w
  WHERE (SELECT count(*) FROM held) = cardinality($2::uuid[])
  ON CONFLICT (event_id, email) DO UPDATE SET tickets = b.tickets + excluded.tickets
    WHERE b.tickets + excluded.tickets <= (SELECT ev.max_tickets_per_buyer FROM ev)
  RETURNING 1
),
address_claim AS (
  INSERT INTO hold_address_windows AS w (address, window_start, holds)
  SELECT $15::text, $8::timestamptz, 1
  WHERE $15::text IS NOT NULL AND (SELECT count(*) FROM held) = cardinality($2::uuid[])
  ON CONFLICT (address) DO UPDATE SET
    window_start = CASE WHEN w.window_start <= $8::timestamptz - interval '1 minute'
                        THEN $8::timestamptz ELSE w.window_start END,
    holds = CASE WHEN w.window_start <= $8::timestamptz - interval '1 minute' THEN 1 ELSE w.holds + 1 END
    WHERE w.window_start <= $8::timestamptz - interval '1 minute' OR w.holds < $16::int
  RETURNING 1
),
totals AS (
  SELECT
    count(*)::int AS held_types,
    coalesce(sum(h.price_cents * h.quantity), 0)::bigint AS subtotal,
    coalesce(sum(h.price_cents * h.quantity) FILTER (WHERE EXISTS (
      SELECT 1 FROM promo p WHERE cardinality(p.ticket_type_ids) = 0 OR h.ticket_type_id = ANY(p.ticket_type_ids)
    )), 0)::bigint AS eligible
  FROM held h
),
priced AS (
  SELECT t.held_types, t.subtotal, t.eligible, p.id AS promo_id,
    (CASE
      WHEN p.id IS NULL THEN 0
      WHEN p.percent_off IS NOT NULL THEN t.eligible * p.percent_off / 100
      ELSE LEAST(t.eligible, p.amount_off_cents)
    END)::bigint AS discount
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
    AND EXISTS (SELECT 1 FROM buyer_claim)
    AND ($15::text IS NULL OR EXISTS (SELECT 1 FROM address_claim))
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
  INSERT INTO idempotency_keys (scope, key, request_hash, resource_id, created_at, heartbeat_at,
                                response_status, response_body)
  SELECT $11::text, $12::text, $13::text, $10::uuid, $8::timestamptz, $8::timestamptz,
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
       THEN ${reserveFactsSql({ eventId: '$1', typeIds: '$2', promoCode: '$7', now: '$8', buyerEmail: '$5', address: '$15' })} END AS facts,
  CASE
    WHEN NOT EXISTS (SELECT 1 FROM ord) AND (EXISTS (SELECT 1 FROM held) OR EXISTS (SELECT 1 FROM promo)
                                             OR EXISTS (SELECT 1 FROM buyer_claim) OR EXISTS (SELECT 1 FROM address_claim))
      THEN zevents_abort('ZEVENTS_RESERVE_FAILED')
    WHEN EXISTS (SELECT 1 FROM ord) AND $12::text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claim)
      THEN zevents_abort('ZEVENTS_KEY_TAKEN')
  END AS aborted
`;

/** The same facts on their own, for the rare refusal the statement itself could not explain. */
export const RESERVE_FACTS_SQL = `SELECT ${reserveFactsSql({ eventId: '$1', typeIds: '$2', promoCode: '$3', now: '$4', buyerEmail: '$5', address: '$6' })} AS facts`;

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
