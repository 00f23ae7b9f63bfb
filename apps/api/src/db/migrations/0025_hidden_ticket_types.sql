ALTER TABLE "ticket_types" ADD COLUMN "visibility" text DEFAULT 'public' NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD COLUMN "access_code" text;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_visibility" CHECK ("ticket_types"."visibility" IN ('public', 'hidden'));
--> statement-breakpoint
-- Hidden ticket types (guest lists, sponsors, presales): the reserve holds one only when the request
-- carries a code that unlocks it, in the same `fit` check as the sale window, so a hidden type costs a
-- public order nothing (its test stops at `visibility = 'public'`). The request's `accessCode` or
-- `promoCode` unlocks a type whose access code it is, or which an active promo code of that text
-- names. Everything else is 0018's statement unchanged. The facts say what the service needs to
-- refuse a locked type exactly like an unknown one (TICKET_TYPE_NOT_IN_EVENT): nothing leaks.

CREATE OR REPLACE FUNCTION zevents_reserve_facts(_event_id uuid, _type_ids uuid[], _promo_code text,
                                                 _now timestamptz, _buyer_email text, _address text,
                                                 _batch_type_ids uuid[], _batch_held int[])
RETURNS jsonb LANGUAGE sql STABLE AS $fn$
  SELECT jsonb_build_object(
      'event', (SELECT jsonb_build_object('status', e.status, 'endsAt', e.ends_at,
                                          'maxTicketsPerBuyer', e.max_tickets_per_buyer)
                FROM events e WHERE e.id = _event_id),
      -- What this buyer already has (live holds + paid tickets), and their holds past the deadline: a
      -- release of those may let the order through. Those are found among the holds past their
      -- deadline (the live-holds index; usually none), never by walking the event's orders: OFFSET 0
      -- keeps the planner from turning that round.
      'buyer', jsonb_build_object(
        'tickets', coalesce((SELECT b.tickets FROM buyer_ticket_counts b
                             WHERE b.event_id = _event_id AND b.email = lower(_buyer_email)), 0),
        'staleOrderIds', (SELECT coalesce(jsonb_agg(s.id), '[]'::jsonb)
                          FROM (SELECT o.id, o.event_id, o.buyer_email FROM orders o
                                WHERE o.status = 'reserved' AND o.expires_at <= _now
                                OFFSET 0) s
                          WHERE s.event_id = _event_id
                            AND lower(s.buyer_email) = lower(_buyer_email))),
      'address', (SELECT jsonb_build_object('holds', w.holds, 'windowStart', w.window_start)
                  FROM hold_address_windows w
                  WHERE _address IS NOT NULL AND w.address = _address
                    AND w.window_start > _now - interval '1 minute'),
      'types', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                  'id', tt.id, 'name', tt.name, 'priceCents', tt.price_cents,
                  'minPerOrder', tt.min_per_order, 'maxPerOrder', tt.max_per_order,
                  'salesStartAt', tt.sales_start_at, 'salesEndAt', tt.sales_end_at,
                  -- A hidden type is refused like an unknown one unless the request's code unlocks it:
                  -- its own access code, or an active promo code naming it (listed here, hidden only).
                  'visibility', tt.visibility, 'accessCode', tt.access_code,
                  'unlockingPromoCodes', CASE WHEN tt.visibility = 'hidden' THEN
                    (SELECT coalesce(jsonb_agg(p.code), '[]'::jsonb) FROM promo_codes p
                     WHERE p.event_id = _event_id AND p.is_active AND tt.id = ANY(p.ticket_type_ids)
                       AND (p.valid_from IS NULL OR p.valid_from <= _now)
                       AND (p.valid_until IS NULL OR p.valid_until > _now)) ELSE '[]'::jsonb END,
                  'available', tt.capacity - tt.sold - tt.held
                                - coalesce(_batch_held[array_position(_batch_type_ids, tt.id)], 0),
                  -- Driven by the live-holds index (holds past their deadline: usually none), one
                  -- key lookup per such hold: never a walk over every order item of a big sale.
                  'stale', (SELECT coalesce(sum((SELECT oi.quantity FROM order_items oi
                                                 WHERE oi.order_id = o.id AND oi.ticket_type_id = tt.id)), 0)::int
                            FROM orders o
                            WHERE o.status = 'reserved' AND o.expires_at <= _now))), '[]'::jsonb)
                FROM ticket_types tt
                WHERE tt.id = ANY(_type_ids) AND tt.event_id = _event_id),
      'promo', (SELECT jsonb_build_object('ticketTypeIds', pc.ticket_type_ids, 'isActive', pc.is_active,
                         'validFrom', pc.valid_from, 'validUntil', pc.valid_until,
                         'maxUses', pc.max_uses, 'uses', pc.uses,
                         -- Uses still counted by holds past their deadline (on any ticket type): a
                         -- release gives them back. Driven by the live-holds index, like 'stale' above.
                         'staleUses', (SELECT count(*)::int FROM orders o
                                       WHERE o.status = 'reserved' AND o.expires_at <= _now
                                         AND o.promo_code_id = pc.id))
                FROM promo_codes pc
                WHERE _promo_code IS NOT NULL AND pc.event_id = _event_id
                  AND upper(pc.code) = upper(_promo_code)
                LIMIT 1))
$fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zevents_reserve_batch(requests jsonb)
RETURNS TABLE (out_index int, out_is_fresh boolean, out_answer jsonb, out_facts jsonb,
               out_error_code text, out_error_message text)
LANGUAGE plpgsql VOLATILE AS $fn$
#variable_conflict use_column
DECLARE
  _request jsonb;
  _event_id uuid; _type_ids uuid[]; _quantities int[]; _buyer_name text; _buyer_email text;
  _buyer_user_id uuid; _promo_code text; _now timestamptz; _expires_at timestamptz; _order_id uuid;
  _scope text; _key text; _request_hash text; _answer jsonb; _address text; _holds_per_address int;
  _aborted int; _access_code text;
  _batch_type_ids uuid[]; _batch_held int[]; _i int;
BEGIN
  -- Every ticket type the batch touches, locked first and in one order (by id): two batches in flight
  -- (two API processes, or one process's next batch) then take turns on their shared rows instead of
  -- each holding one and waiting for the other's, a deadlock PostgreSQL would take a second to break.
  -- The orders of the batch never UPDATE those rows themselves: each checks its quantities against the
  -- row plus what the earlier orders of the batch hold (_batch_held, by position in _batch_type_ids),
  -- and the batch writes every type's new `held` once, after the loop. Under this lock nothing else
  -- can change the rows in between, so the check is the same one the conditional UPDATE made. Why not
  -- one UPDATE per order: each order's subtransaction would update a row that an earlier one locked
  -- (the lock above, or its order_items' foreign-key check), and PostgreSQL records every such pair as
  -- a MultiXact that each later reader of the row's versions must look up: that cost most of the
  -- database's CPU in a flash sale.
  _batch_type_ids := ARRAY(SELECT DISTINCT t.id::uuid
                           FROM jsonb_array_elements(requests) r, jsonb_array_elements_text(r->'typeIds') t(id)
                           ORDER BY 1);
  _batch_held := array_fill(0, ARRAY[cardinality(_batch_type_ids)]);
  PERFORM 1 FROM ticket_types tt WHERE tt.id = ANY(_batch_type_ids) ORDER BY tt.id FOR NO KEY UPDATE;
  -- The events too, with the lock their orders' foreign keys take (KEY SHARE): taken here once, the
  -- orders' own checks find it held by this transaction and write nothing, where each order's check
  -- would otherwise add its subtransaction to a MultiXact on the event's row, one bigger per order.
  PERFORM 1 FROM events e
  WHERE e.id IN (SELECT (r->>'eventId')::uuid FROM jsonb_array_elements(requests) r)
  ORDER BY e.id
  FOR KEY SHARE;
  FOR _request, out_index IN SELECT e.value, e.ordinality::int FROM jsonb_array_elements(requests) WITH ORDINALITY e
  LOOP
    out_is_fresh := NULL; out_answer := NULL; out_facts := NULL; out_error_code := NULL; out_error_message := NULL;
    _event_id := (_request->>'eventId')::uuid;
    _type_ids := ARRAY(SELECT t::uuid FROM jsonb_array_elements_text(_request->'typeIds') t);
    _quantities := ARRAY(SELECT q::int FROM jsonb_array_elements_text(_request->'quantities') q);
    _buyer_name := _request->>'buyerName';
    _buyer_email := _request->>'buyerEmail';
    _buyer_user_id := (_request->>'buyerUserId')::uuid;
    _promo_code := _request->>'promoCode';
    _access_code := _request->>'accessCode';
    _now := (_request->>'now')::timestamptz;
    _expires_at := (_request->>'expiresAt')::timestamptz;
    _order_id := (_request->>'orderId')::uuid;
    _scope := _request->>'scope';
    _key := _request->>'key';
    _request_hash := _request->>'requestHash';
    _answer := _request->'answer';
    _address := _request->>'address';
    _holds_per_address := (_request->>'holdsPerAddress')::int;
    BEGIN
      WITH
      go AS (
        SELECT NOT EXISTS (
          SELECT 1 FROM idempotency_keys k WHERE _key IS NOT NULL AND k.scope = _scope AND k.key = _key
        ) AS ok
      ),
      ev AS (
        SELECT e.id, e.currency, e.max_tickets_per_buyer FROM events e, go
        WHERE go.ok AND e.id = _event_id AND e.status = 'published' AND e.ends_at > _now
      ),
      req AS (SELECT r.ticket_type_id, r.quantity FROM unnest(_type_ids, _quantities) AS r(ticket_type_id, quantity)),
      wanted AS (SELECT coalesce(sum(req.quantity), 0)::int AS n FROM req),
      buyer AS (
        SELECT coalesce((SELECT b.tickets FROM buyer_ticket_counts b, ev
                         WHERE b.event_id = ev.id AND b.email = lower(_buyer_email)), 0) AS tickets
      ),
      address AS (
        SELECT coalesce((SELECT w.holds FROM hold_address_windows w
                         WHERE w.address = _address AND w.window_start > _now - interval '1 minute'), 0) AS holds
      ),
      fit AS (
        SELECT tt.id, tt.price_cents * req.quantity AS cents
        FROM req JOIN ticket_types tt ON tt.id = req.ticket_type_id JOIN ev ON tt.event_id = ev.id
        WHERE req.quantity >= tt.min_per_order AND req.quantity <= tt.max_per_order
          AND (tt.sales_start_at IS NULL OR tt.sales_start_at <= _now)
          AND (tt.sales_end_at IS NULL OR tt.sales_end_at > _now)
          AND tt.sold + tt.held + coalesce(_batch_held[array_position(_batch_type_ids, tt.id)], 0) + req.quantity <= tt.capacity
          -- Hidden types only with a code that unlocks them (public ones stop at the first test).
          AND (tt.visibility = 'public'
               OR upper(tt.access_code) IN (upper(_access_code), upper(_promo_code))
               OR EXISTS (SELECT 1 FROM promo_codes p
                          WHERE p.event_id = tt.event_id AND p.is_active AND tt.id = ANY(p.ticket_type_ids)
                            AND upper(p.code) IN (upper(_access_code), upper(_promo_code))
                            AND (p.valid_from IS NULL OR p.valid_from <= _now)
                            AND (p.valid_until IS NULL OR p.valid_until > _now)))
      ),
      usable_promo AS (
        SELECT p.ticket_type_ids FROM promo_codes p, ev
        WHERE _promo_code IS NOT NULL AND p.event_id = ev.id AND upper(p.code) = upper(_promo_code) AND p.is_active
          AND (p.max_uses IS NULL OR p.uses < p.max_uses)
          AND (p.valid_from IS NULL OR p.valid_from <= _now)
          AND (p.valid_until IS NULL OR p.valid_until > _now)
      ),
      plan AS (
        SELECT (SELECT count(*) FROM fit) = cardinality(_type_ids)
          AND coalesce((SELECT b.tickets FROM buyer b) + (SELECT w.n FROM wanted w)
                       <= (SELECT ev.max_tickets_per_buyer FROM ev), false)
          AND (_address IS NULL OR (SELECT a.holds FROM address a) < _holds_per_address)
          AND (_promo_code IS NULL OR EXISTS (
            SELECT 1 FROM usable_promo up, fit f
            WHERE f.cents > 0 AND (cardinality(up.ticket_type_ids) = 0 OR f.id = ANY(up.ticket_type_ids))
          )) AS ok
      ),
      -- What the order holds once the plan is ok: the batch adds it to `held` after the loop.
      held AS (
        SELECT tt.id AS ticket_type_id, req.quantity AS quantity, tt.price_cents AS price_cents,
               tt.name AS name, tt.sort_order AS sort_order
        FROM req JOIN ticket_types tt ON tt.id = req.ticket_type_id, plan
        WHERE plan.ok AND tt.id IN (SELECT f.id FROM fit f)
      ),
      promo AS (
        UPDATE promo_codes p SET uses = p.uses + 1
        FROM ev
        WHERE _promo_code IS NOT NULL AND p.event_id = ev.id AND upper(p.code) = upper(_promo_code)
          AND (SELECT count(*) FROM held) = cardinality(_type_ids)
          -- Checked again on the row version this UPDATE locks: a deactivation committed after the
          -- snapshot still refuses the code (the statement then aborts and the service asks again).
          AND p.is_active
          AND (p.max_uses IS NULL OR p.uses < p.max_uses)
          AND (p.valid_from IS NULL OR p.valid_from <= _now)
          AND (p.valid_until IS NULL OR p.valid_until > _now)
        RETURNING p.id, p.percent_off, p.amount_off_cents, p.ticket_type_ids
      ),
      -- Only once every type is held: the buyer's tickets rise on the latest version of their row, so
      -- concurrent orders of one buyer take turns here and never pass the limit together.
      buyer_claim AS (
        INSERT INTO buyer_ticket_counts AS b (event_id, email, tickets)
        SELECT ev.id, lower(_buyer_email), w.n FROM ev, wanted w
        WHERE (SELECT count(*) FROM held) = cardinality(_type_ids)
        ON CONFLICT (event_id, email) DO UPDATE SET tickets = b.tickets + excluded.tickets
          WHERE b.tickets + excluded.tickets <= (SELECT ev.max_tickets_per_buyer FROM ev)
        RETURNING 1
      ),
      address_claim AS (
        INSERT INTO hold_address_windows AS w (address, window_start, holds)
        SELECT _address, _now, 1
        WHERE _address IS NOT NULL AND (SELECT count(*) FROM held) = cardinality(_type_ids)
        ON CONFLICT (address) DO UPDATE SET
          window_start = CASE WHEN w.window_start <= _now - interval '1 minute'
                              THEN _now ELSE w.window_start END,
          holds = CASE WHEN w.window_start <= _now - interval '1 minute' THEN 1 ELSE w.holds + 1 END
          WHERE w.window_start <= _now - interval '1 minute' OR w.holds < _holds_per_address
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
        SELECT _order_id, ev.id, 'reserved', _buyer_name, _buyer_email, _buyer_user_id, pr.promo_id,
               pr.subtotal, pr.discount, pr.subtotal - pr.discount, ev.currency, _expires_at, _now
        FROM ev, priced pr
        WHERE pr.held_types = cardinality(_type_ids)
          AND (_promo_code IS NULL OR (pr.promo_id IS NOT NULL AND pr.eligible > 0))
          AND EXISTS (SELECT 1 FROM buyer_claim)
          AND (_address IS NULL OR EXISTS (SELECT 1 FROM address_claim))
        RETURNING id, event_id, subtotal_cents, discount_cents, total_cents, currency
      ),
      items AS (
        INSERT INTO order_items (order_id, ticket_type_id, event_id, quantity, unit_price_cents)
        SELECT ord.id, h.ticket_type_id, _event_id, h.quantity, h.price_cents FROM ord, held h
        RETURNING 1
      ),
      answer AS (
        SELECT o.total_cents AS total, _answer || jsonb_build_object(
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
        SELECT _scope, _key, _request_hash, _order_id, _now, _now,
               CASE WHEN a.total > 0 THEN 201 END, CASE WHEN a.total > 0 THEN a.body END
        FROM answer a WHERE _key IS NOT NULL
        ON CONFLICT DO NOTHING
        RETURNING 1
      )
      SELECT
        (SELECT ok FROM go) AS is_fresh,
        (SELECT body FROM answer) AS answer,
        -- Facts only when the snapshot itself refused: a request that lost the last seats to a concurrent
        -- one (its snapshot still saw them) gets none, and the service asks again with a fresh snapshot.
        CASE WHEN (SELECT ok FROM go) AND NOT EXISTS (SELECT 1 FROM ord) AND NOT (SELECT ok FROM plan)
             THEN zevents_reserve_facts(_event_id, _type_ids, _promo_code, _now, _buyer_email, _address,
                                        _batch_type_ids, _batch_held) END AS facts,
        CASE
          WHEN NOT EXISTS (SELECT 1 FROM ord) AND (EXISTS (SELECT 1 FROM held) OR EXISTS (SELECT 1 FROM promo)
                                                   OR EXISTS (SELECT 1 FROM buyer_claim) OR EXISTS (SELECT 1 FROM address_claim))
            THEN zevents_abort('ZEVENTS_RESERVE_FAILED')
          WHEN EXISTS (SELECT 1 FROM ord) AND _key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM claim)
            THEN zevents_abort('ZEVENTS_KEY_TAKEN')
        END AS aborted
      INTO out_is_fresh, out_answer, out_facts, _aborted;
      -- An answer means the order stands: its quantities count against what the next orders see.
      IF out_answer IS NOT NULL THEN
        FOR _i IN 1 .. cardinality(_type_ids) LOOP
          _batch_held[array_position(_batch_type_ids, _type_ids[_i])] :=
            _batch_held[array_position(_batch_type_ids, _type_ids[_i])] + _quantities[_i];
        END LOOP;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS out_error_code = RETURNED_SQLSTATE, out_error_message = MESSAGE_TEXT;
    END;
    RETURN NEXT;
  END LOOP;
  -- Every ticket type's holds of the batch, in one new row version each (rows returned by RETURN NEXT
  -- reach the caller only when the function ends, so none is answered before this write).
  UPDATE ticket_types tt SET held = tt.held + b.held
  FROM unnest(_batch_type_ids, _batch_held) AS b(id, held)
  WHERE tt.id = b.id AND b.held > 0;
END
$fn$;
