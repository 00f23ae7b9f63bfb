-- Money in the reserve (issue 14): every order is priced by the rounding rule (0042,
-- billing/pricing.ts) in the statement that writes it. Each ticket type's tax rate is read with the
-- locked ticket types (one probe of tax_rates, only when a type of the batch has one) and the
-- event's service fee with the event; an order with a rate or a fee calls zevents_price_lines, one
-- without (the flash sale's) only shares its discount. Lines store their discount, fee, tax, line
-- total and a snapshot of the rate; orders their fee (and whether it is passed on), tax, the part of
-- it added on top of prices, and the total: subtotal - discount + passed-on fee + added tax.
-- Answers carry the order's feeCents and taxCents and each line's money (what the buyer pays: an
-- absorbed fee shows as 0). Everything else is 0033's, unchanged.

CREATE OR REPLACE FUNCTION zevents_reserve_batch(requests jsonb)
RETURNS TABLE (out_index int, out_is_fresh boolean, out_answer jsonb, out_facts jsonb,
               out_error_code text, out_error_message text)
LANGUAGE plpgsql VOLATILE AS $fn$
#variable_conflict use_column
DECLARE
  _r jsonb; _idx int; _j int; _pos int; _ok boolean;
  _event_id uuid; _type_ids uuid[]; _quantities int[]; _buyer_name text; _buyer_email text;
  _buyer_user_id uuid; _promo_code text; _access_code text; _now timestamptz; _expires_at timestamptz;
  _order_id uuid; _scope text; _key text; _request_hash text; _answer jsonb; _address text;
  _holds_per_address int;
  -- The batch's ticket types, by position (locked), and what the accepted orders hold of each.
  _t_id uuid[]; _t_event uuid[]; _t_name text[]; _t_price bigint[]; _t_capacity int[]; _t_taken int[];
  _t_min int[]; _t_max int[]; _t_start timestamptz[]; _t_end timestamptz[]; _t_public boolean[];
  _t_code text[]; _t_sort int[]; _t_add int[];
  -- Small maps, read once: events, buyers' counts, address windows, promo codes (by event and code).
  _events jsonb; _ev jsonb; _buyers jsonb; _buyer_add jsonb := '{}'; _addrs jsonb; _addrs_base jsonb;
  _promos jsonb; _promo jsonb; _promo_uses jsonb := '{}'; _keys jsonb; _key_id text;
  _b_key text; _b_tickets int; _a jsonb; _a_holds int; _wanted int; _subtotal bigint; _eligible bigint;
  _discount bigint; _promo_id uuid; _unlocked boolean; _items jsonb; _facts jsonb; _n int; _expected int;
  -- The accepted orders' rows, written after the loop.
  _o_id uuid[] := '{}'; _o_event uuid[] := '{}'; _o_name text[] := '{}'; _o_email text[] := '{}';
  _o_user uuid[] := '{}'; _o_promo uuid[] := '{}'; _o_sub bigint[] := '{}'; _o_disc bigint[] := '{}';
  _o_cur text[] := '{}'; _o_exp timestamptz[] := '{}'; _o_now timestamptz[] := '{}';
  _i_order uuid[] := '{}'; _i_type uuid[] := '{}'; _i_event uuid[] := '{}'; _i_qty int[] := '{}';
  _i_price bigint[] := '{}';
  _k_scope text[] := '{}'; _k_key text[] := '{}'; _k_hash text[] := '{}'; _k_order uuid[] := '{}';
  _k_now timestamptz[] := '{}'; _k_status int[] := '{}'; _k_body jsonb[] := '{}';
  _min_now timestamptz; _max_now timestamptz;
  -- What the requests name, as arrays: every read below is an index probe per value (`= ANY`), never
  -- a join whose plan, cached in this connection while a table was small, would scan it whole.
  _req_types uuid[]; _req_events uuid[]; _req_emails text[]; _req_addresses text[]; _req_codes text[];
  _req_scopes text[]; _req_keys text[];
  -- Capacity pools of the batch's events: id, room left (capacity - sold - held of all its types),
  -- what the accepted orders take of each, and which of the batch's types are in which pool.
  _p_id uuid[]; _p_room int[]; _p_add int[]; _p_want int[]; _m_pair text[]; _k int;
  -- Dates (0033): each event's dates (how many, the only one, which use the ticket types' own
  -- stock), the dates the requests name, each row's parent and date (stock rows), each item's stock
  -- position, and the accepted orders' dates and items' stock rows.
  _dates jsonb; _d jsonb; _date_id uuid; _stock_date uuid; _req_dates uuid[]; _t_parent uuid[];
  _t_date uuid[]; _sp int[]; _spos int; _o_date uuid[] := '{}'; _i_stock uuid[] := '{}';
  -- Money (0046): each type's tax rate, the rates the batch's types carry (one probe, only when one
  -- does), which lines the promo code applies to, each line's shares, and the rows' money columns.
  _t_tax uuid[]; _rates jsonb := '{}'; _rate jsonb; _flags boolean[]; _taxed boolean; _fee_fixed bigint;
  _fee_bp int; _fee_passed boolean; _l_price bigint[]; _l_disc bigint[]; _l_fee bigint[]; _l_tax bigint[];
  _l_bp int[]; _l_incl boolean[]; _line_total bigint; _fee bigint; _tax bigint; _tax_added bigint;
  _total bigint; _shown_fee bigint;
  _o_fee bigint[] := '{}'; _o_fee_passed boolean[] := '{}'; _o_tax bigint[] := '{}';
  _o_tax_added bigint[] := '{}'; _o_total bigint[] := '{}';
  _i_disc bigint[] := '{}'; _i_fee bigint[] := '{}'; _i_tax bigint[] := '{}'; _i_total bigint[] := '{}';
  _i_rate uuid[] := '{}'; _i_rate_name text[] := '{}'; _i_rate_bp int[] := '{}'; _i_rate_incl boolean[] := '{}';
BEGIN
  SELECT array_agg(DISTINCT t.id::uuid) INTO _req_types
  FROM jsonb_array_elements(requests) r, jsonb_array_elements_text(r->'typeIds') t(id);
  SELECT array_agg(DISTINCT (r->>'eventId')::uuid), array_agg(DISTINCT lower(r->>'buyerEmail')),
         array_agg(DISTINCT r->>'address') FILTER (WHERE r->>'address' IS NOT NULL),
         array_agg(DISTINCT r->>'scope') FILTER (WHERE r->>'key' IS NOT NULL),
         array_agg(DISTINCT r->>'key') FILTER (WHERE r->>'key' IS NOT NULL)
  INTO _req_events, _req_emails, _req_addresses, _req_scopes, _req_keys
  FROM jsonb_array_elements(requests) r;
  SELECT array_agg(DISTINCT (r->>'dateId')::uuid) FILTER (WHERE r->>'dateId' IS NOT NULL) INTO _req_dates
  FROM jsonb_array_elements(requests) r;
  -- One index probe for a batch of events without dates (the common case).
  SELECT jsonb_object_agg(x.event_id, x.v) INTO _dates
  FROM (SELECT d.event_id::text AS event_id,
               jsonb_build_object('n', count(*), 'only', (array_agg(d.id))[1],
                                  'ids', jsonb_object_agg(d.id, jsonb_build_object(
                                           'base', d.uses_base_stock, 'ends', d.ends_at))) AS v
        FROM event_dates d WHERE d.event_id = ANY(_req_events) GROUP BY d.event_id) x;
  _dates := coalesce(_dates, '{}');
  SELECT array_agg(DISTINCT upper(c.code)) INTO _req_codes
  FROM jsonb_array_elements(requests) r, unnest(ARRAY[r->>'promoCode', r->>'accessCode']) c(code)
  WHERE c.code IS NOT NULL;
  -- Every ticket type the batch names, locked in id order (two batches in flight take turns on shared
  -- rows instead of deadlocking), and the events with the lock their orders' foreign keys take.
  SELECT array_agg(t.id ORDER BY t.id), array_agg(t.event_id ORDER BY t.id), array_agg(t.name ORDER BY t.id),
         array_agg(t.price_cents ORDER BY t.id), array_agg(t.capacity ORDER BY t.id),
         array_agg(t.sold + t.held ORDER BY t.id), array_agg(t.min_per_order ORDER BY t.id),
         array_agg(t.max_per_order ORDER BY t.id), array_agg(t.sales_start_at ORDER BY t.id),
         array_agg(t.sales_end_at ORDER BY t.id), array_agg(t.visibility = 'public' ORDER BY t.id),
         array_agg(upper(t.access_code) ORDER BY t.id), array_agg(t.sort_order ORDER BY t.id),
         array_agg(t.parent_id ORDER BY t.id), array_agg(t.date_id ORDER BY t.id),
         array_agg(t.tax_rate_id ORDER BY t.id)
  INTO _t_id, _t_event, _t_name, _t_price, _t_capacity, _t_taken, _t_min, _t_max, _t_start, _t_end,
       _t_public, _t_code, _t_sort, _t_parent, _t_date, _t_tax
  -- With the stock rows of the dates the requests name (locked in the same id order).
  FROM (SELECT tt.* FROM ticket_types tt
        WHERE tt.id = ANY(_req_types)
           OR (_req_dates IS NOT NULL AND tt.date_id = ANY(_req_dates) AND tt.parent_id = ANY(_req_types))
        ORDER BY tt.id FOR NO KEY UPDATE) t;
  _t_id := coalesce(_t_id, '{}');
  _t_add := array_fill(0, ARRAY[cardinality(_t_id)]);
  IF cardinality(array_remove(coalesce(_t_tax, '{}'), NULL)) > 0 THEN
    SELECT jsonb_object_agg(r.id, jsonb_build_object('bp', r.rate_basis_points, 'incl', r.inclusive,
                                                     'name', r.name))
    INTO _rates FROM tax_rates r WHERE r.id = ANY(_t_tax);
    _rates := coalesce(_rates, '{}');
  END IF;
  PERFORM 1 FROM capacity_pools p WHERE p.event_id = ANY(_req_events) ORDER BY p.id FOR NO KEY UPDATE;
  SELECT array_agg(p.id ORDER BY p.id), array_agg(p.capacity - u.used ORDER BY p.id) INTO _p_id, _p_room
  FROM capacity_pools p
  CROSS JOIN LATERAL (SELECT coalesce(sum(t.sold + t.held), 0)::int AS used
                      FROM capacity_pool_ticket_types m JOIN ticket_types t ON t.id = m.ticket_type_id
                      WHERE m.pool_id = p.id) u
  WHERE p.event_id = ANY(_req_events);
  _p_id := coalesce(_p_id, '{}');
  _p_add := array_fill(0, ARRAY[cardinality(_p_id)]);
  SELECT array_agg(m.ticket_type_id || ':' || m.pool_id) INTO _m_pair
  FROM capacity_pool_ticket_types m WHERE m.ticket_type_id = ANY(_req_types);
  _m_pair := coalesce(_m_pair, '{}');
  SELECT jsonb_object_agg(e.id, jsonb_build_object('ok', e.status = 'published', 'ends', e.ends_at,
                                                   'currency', e.currency, 'max', e.max_tickets_per_buyer,
                                                   'feeFixed', e.fee_fixed_cents, 'feeBp', e.fee_percent_basis_points,
                                                   'feePassed', e.fee_passed_on))
  INTO _events
  FROM (SELECT ev.* FROM events ev
        WHERE ev.id = ANY(_req_events)
        ORDER BY ev.id FOR KEY SHARE) e;
  SELECT jsonb_object_agg(b.event_id || ':' || b.email, b.tickets) INTO _buyers
  FROM buyer_ticket_counts b
  -- Every pair of the batch's events and emails (a few more rows than asked: never looked up).
  WHERE b.event_id = ANY(_req_events) AND b.email = ANY(_req_emails);
  SELECT jsonb_object_agg(w.address, jsonb_build_object('start', w.window_start, 'holds', w.holds)) INTO _addrs
  FROM hold_address_windows w
  WHERE w.address = ANY(_req_addresses);
  -- Codes a request names (promo or access code): either may be a promo code of its event.
  SELECT jsonb_object_agg(p.event_id || ':' || upper(p.code), jsonb_build_object(
           'id', p.id, 'percentOff', p.percent_off, 'amountOff', p.amount_off_cents,
           'types', to_jsonb(p.ticket_type_ids), 'active', p.is_active, 'maxUses', p.max_uses,
           'uses', p.uses, 'from', p.valid_from, 'until', p.valid_until)) INTO _promos
  FROM promo_codes p
  WHERE _req_codes IS NOT NULL AND p.event_id = ANY(_req_events) AND upper(p.code) = ANY(_req_codes);
  SELECT jsonb_object_agg(k.scope || E'\x1f' || k.key, true) INTO _keys
  FROM idempotency_keys k
  WHERE _req_keys IS NOT NULL AND k.scope = ANY(_req_scopes) AND k.key = ANY(_req_keys);
  _events := coalesce(_events, '{}'); _buyers := coalesce(_buyers, '{}'); _addrs := coalesce(_addrs, '{}');
  _addrs_base := _addrs; _promos := coalesce(_promos, '{}'); _keys := coalesce(_keys, '{}');

  FOR _r, _idx IN SELECT e.value, e.ordinality::int FROM jsonb_array_elements(requests) WITH ORDINALITY e
  LOOP
    out_index := _idx; out_is_fresh := true; out_answer := NULL; out_facts := NULL;
    out_error_code := NULL; out_error_message := NULL;
    _event_id := (_r->>'eventId')::uuid;
    -- As array literals when the caller sends them: a cast is an expression PL/pgSQL evaluates
    -- itself, where ARRAY(SELECT ...) starts a query for every order.
    IF _r ? 'typeIdList' THEN
      _type_ids := (_r->>'typeIdList')::uuid[];
      _quantities := (_r->>'quantityList')::int[];
    ELSE
      _type_ids := ARRAY(SELECT t::uuid FROM jsonb_array_elements_text(_r->'typeIds') t);
      _quantities := ARRAY(SELECT q::int FROM jsonb_array_elements_text(_r->'quantities') q);
    END IF;
    _buyer_name := _r->>'buyerName';
    _buyer_email := _r->>'buyerEmail';
    _buyer_user_id := (_r->>'buyerUserId')::uuid;
    _promo_code := upper(_r->>'promoCode');
    _access_code := upper(_r->>'accessCode');
    _now := (_r->>'now')::timestamptz;
    _expires_at := (_r->>'expiresAt')::timestamptz;
    _order_id := (_r->>'orderId')::uuid;
    _scope := _r->>'scope';
    _key := _r->>'key';
    _request_hash := _r->>'requestHash';
    _answer := _r->'answer';
    _address := _r->>'address';
    _holds_per_address := (_r->>'holdsPerAddress')::int;

    -- A key with a record already (or claimed by an earlier order of this batch): replayed, not run.
    IF _key IS NOT NULL THEN
      _key_id := _scope || E'\x1f' || _key;
      IF _keys ? _key_id THEN
        out_is_fresh := false;
        RETURN NEXT;
        CONTINUE;
      END IF;
    END IF;

    -- The date: the one named (of this event), else the event's only one; an event of several needs
    -- one named. A date with stock rows of its own sells from them (_stock_date); the first date
    -- from the ticket types' own rows.
    _date_id := (_r->>'dateId')::uuid; _stock_date := NULL;
    _d := _dates -> (_event_id::text);
    IF _date_id IS NOT NULL AND (_d IS NULL OR NOT (_d->'ids' ? _date_id::text)) THEN
      out_facts := jsonb_build_object('date', 'unknown');
      RETURN NEXT;
      CONTINUE;
    ELSIF _date_id IS NULL AND _d IS NOT NULL AND (_d->>'n')::int > 1 THEN
      out_facts := jsonb_build_object('date', 'required');
      RETURN NEXT;
      CONTINUE;
    ELSIF _date_id IS NULL AND _d IS NOT NULL THEN
      _date_id := (_d->>'only')::uuid;
    END IF;
    IF _date_id IS NOT NULL AND (_d->'ids'->(_date_id::text)->>'ends')::timestamptz <= _now THEN
      out_facts := jsonb_build_object('date', 'over');
      RETURN NEXT;
      CONTINUE;
    END IF;
    IF _date_id IS NOT NULL AND NOT (_d->'ids'->(_date_id::text)->>'base')::boolean THEN
      _stock_date := _date_id;
    END IF;

    _ev := _events -> (_event_id::text);
    _ok := _ev IS NOT NULL AND (_ev->>'ok')::boolean AND (_ev->>'ends')::timestamptz > _now;
    _promo := CASE WHEN _promo_code IS NULL THEN NULL ELSE _promos -> (_event_id || ':' || _promo_code) END;
    IF _promo IS NOT NULL AND NOT (
         (_promo->>'active')::boolean
         AND (_promo->'maxUses' = 'null'::jsonb
              OR (_promo->>'uses')::int + coalesce((_promo_uses->>(_promo->>'id'))::int, 0)
                 < (_promo->>'maxUses')::int)
         AND (_promo->'from' = 'null'::jsonb OR (_promo->>'from')::timestamptz <= _now)
         AND (_promo->'until' = 'null'::jsonb OR (_promo->>'until')::timestamptz > _now)) THEN
      _promo := NULL;
    END IF;
    _ok := _ok AND (_promo_code IS NULL OR _promo IS NOT NULL);
    _wanted := 0; _subtotal := 0; _eligible := 0; _sp := '{}'; _flags := '{}';
    FOR _j IN 1 .. cardinality(_type_ids) LOOP
      EXIT WHEN NOT _ok;
      _pos := array_position(_t_id, _type_ids[_j]);
      -- What the buyer sees and pays is the ticket type's (_pos); the room is its stock's (_spos).
      _spos := _pos;
      IF _stock_date IS NOT NULL THEN
        _spos := NULL;
        FOR _k IN 1 .. cardinality(_t_id) LOOP
          IF _t_parent[_k] = _type_ids[_j] AND _t_date[_k] = _stock_date THEN _spos := _k; EXIT; END IF;
        END LOOP;
      END IF;
      _sp := _sp || _spos;
      _ok := _pos IS NOT NULL AND _spos IS NOT NULL AND _t_event[_pos] = _event_id AND _t_parent[_pos] IS NULL
        AND _quantities[_j] >= _t_min[_pos] AND _quantities[_j] <= _t_max[_pos]
        AND (_t_start[_pos] IS NULL OR _t_start[_pos] <= _now)
        AND (_t_end[_pos] IS NULL OR _t_end[_pos] > _now)
        AND _t_taken[_spos] + _t_add[_spos] + _quantities[_j] <= _t_capacity[_spos];
      IF _ok AND NOT _t_public[_pos] THEN
        -- A hidden type: its own access code, or an active promo code naming it, unlocks it.
        _unlocked := _t_code[_pos] IS NOT NULL AND _t_code[_pos] IN (_access_code, _promo_code);
        IF NOT _unlocked THEN
          SELECT bool_or(p.value->'types' ? (_type_ids[_j]::text)) INTO _unlocked
          FROM jsonb_each(_promos) p
          WHERE p.key IN (_event_id || ':' || _access_code, _event_id || ':' || _promo_code)
            AND (p.value->>'active')::boolean
            AND (p.value->'from' = 'null'::jsonb OR (p.value->>'from')::timestamptz <= _now)
            AND (p.value->'until' = 'null'::jsonb OR (p.value->>'until')::timestamptz > _now);
        END IF;
        _ok := coalesce(_unlocked, false);
      END IF;
      IF _ok THEN
        _wanted := _wanted + _quantities[_j];
        _subtotal := _subtotal + _t_price[_pos] * _quantities[_j];
        IF _promo IS NOT NULL AND (jsonb_array_length(_promo->'types') = 0
                                   OR _promo->'types' ? (_type_ids[_j]::text)) THEN
          _eligible := _eligible + _t_price[_pos] * _quantities[_j];
          _flags := _flags || true;
        ELSE
          _flags := _flags || false;
        END IF;
      END IF;
    END LOOP;
    _ok := _ok AND (_promo IS NULL OR _eligible > 0);
    -- Every capacity pool the order's types are in: what the order takes of it must fit in its room.
    IF _ok AND cardinality(_m_pair) > 0 THEN
      _p_want := array_fill(0, ARRAY[cardinality(_p_id)]);
      FOR _k IN 1 .. cardinality(_p_id) LOOP
        FOR _j IN 1 .. cardinality(_type_ids) LOOP
          IF (_type_ids[_j] || ':' || _p_id[_k]) = ANY(_m_pair) THEN
            _p_want[_k] := _p_want[_k] + _quantities[_j];
          END IF;
        END LOOP;
        _ok := _ok AND _p_add[_k] + _p_want[_k] <= _p_room[_k];
      END LOOP;
    END IF;
    -- The buyer's tickets for the event (paid and held), with the earlier orders of this batch.
    _b_key := _event_id || ':' || lower(_buyer_email);
    _b_tickets := coalesce((_buyers->>_b_key)::int, 0) + coalesce((_buyer_add->>_b_key)::int, 0);
    _ok := _ok AND _b_tickets + _wanted <= (_ev->>'max')::int;
    -- The address's holds in its current one-minute window.
    _a_holds := 0;
    IF _address IS NOT NULL THEN
      _a := _addrs -> _address;
      IF _a IS NOT NULL AND (_a->>'start')::timestamptz > _now - interval '1 minute' THEN
        _a_holds := (_a->>'holds')::int;
      END IF;
      _ok := _ok AND _a_holds < _holds_per_address;
    END IF;

    IF NOT _ok THEN
      -- Why, read as the CTE read it, with what the earlier orders of this batch took put in.
      _facts := zevents_reserve_facts_on_date(
        zevents_reserve_facts(_event_id, _type_ids, _r->>'promoCode', _now, _buyer_email, _address,
                              _t_id, _t_add),
        _stock_date, _now, _t_id, _t_add);
      _facts := jsonb_set(_facts, '{buyer,tickets}', to_jsonb(_b_tickets));
      IF _address IS NOT NULL AND _addrs -> _address IS NOT NULL
         AND (_addrs->_address->>'start')::timestamptz > _now - interval '1 minute' THEN
        _facts := jsonb_set(_facts, '{address}', jsonb_build_object(
          'holds', _a_holds, 'windowStart', _addrs->_address->'start'));
      END IF;
      IF _facts->'promo' <> 'null'::jsonb AND _promo_code IS NOT NULL
         AND _promos -> (_event_id || ':' || _promo_code) IS NOT NULL THEN
        _facts := jsonb_set(_facts, '{promo,uses}', to_jsonb(
          (_facts->'promo'->>'uses')::int
          + coalesce((_promo_uses->>(_promos->(_event_id || ':' || _promo_code)->>'id'))::int, 0)));
      END IF;
      out_facts := _facts;
      RETURN NEXT;
      CONTINUE;
    END IF;

    -- Accepted: what it takes counts against the next orders, its rows are written after the loop.
    _discount := CASE
      WHEN _promo IS NULL THEN 0
      WHEN _promo->'percentOff' <> 'null'::jsonb THEN _eligible * (_promo->>'percentOff')::int / 100
      ELSE least(_eligible, (_promo->>'amountOff')::bigint) END;
    _promo_id := (_promo->>'id')::uuid;
    IF _promo_id IS NOT NULL THEN
      _promo_uses := jsonb_set(_promo_uses, ARRAY[_promo_id::text],
                               to_jsonb(coalesce((_promo_uses->>(_promo_id::text))::int, 0) + 1));
    END IF;
    _buyer_add := jsonb_set(_buyer_add, ARRAY[_b_key],
                            to_jsonb(coalesce((_buyer_add->>_b_key)::int, 0) + _wanted));
    IF _address IS NOT NULL THEN
      _addrs := jsonb_set(_addrs, ARRAY[_address], CASE
        WHEN _a_holds = 0 AND (_a IS NULL OR (_a->>'start')::timestamptz <= _now - interval '1 minute')
          THEN jsonb_build_object('start', _now, 'holds', 1)
        ELSE jsonb_build_object('start', _a->'start', 'holds', _a_holds + 1) END);
    END IF;
    IF cardinality(_m_pair) > 0 THEN
      FOR _k IN 1 .. cardinality(_p_id) LOOP
        _p_add[_k] := _p_add[_k] + _p_want[_k];
      END LOOP;
    END IF;
    -- Each line's discount, fee and tax by the rounding rule (0042): the function only when the
    -- order has a tax rate or a fee; an untaxed order without a fee (every flash sale so far) shares
    -- its discount, when it has one, and nothing else.
    _n := cardinality(_type_ids);
    _taxed := false; _l_price := '{}'; _l_bp := '{}'; _l_incl := '{}';
    FOR _j IN 1 .. _n LOOP
      _pos := array_position(_t_id, _type_ids[_j]);
      _l_price := _l_price || _t_price[_pos];
      _rate := CASE WHEN _t_tax[_pos] IS NULL THEN NULL ELSE _rates -> (_t_tax[_pos]::text) END;
      _l_bp := _l_bp || (_rate->>'bp')::int; _l_incl := _l_incl || (_rate->>'incl')::boolean;
      _taxed := _taxed OR _rate IS NOT NULL;
    END LOOP;
    _fee_fixed := (_ev->>'feeFixed')::bigint; _fee_bp := (_ev->>'feeBp')::int;
    _fee_passed := coalesce((_ev->>'feePassed')::boolean, true);
    IF _fee_fixed = 0 AND _fee_bp = 0 THEN _fee_fixed := NULL; END IF;
    IF _taxed OR _fee_fixed IS NOT NULL THEN
      SELECT p.discounts, p.fees, p.taxes INTO _l_disc, _l_fee, _l_tax
      FROM zevents_price_lines(_l_price, _quantities, _flags, _l_bp, _l_incl,
                               CASE WHEN _promo->'percentOff' <> 'null'::jsonb THEN (_promo->>'percentOff')::int END,
                               CASE WHEN _promo IS NOT NULL AND _promo->'percentOff' = 'null'::jsonb
                                    THEN (_promo->>'amountOff')::bigint END,
                               _fee_fixed, _fee_bp) p;
    ELSE
      _l_fee := array_fill(0::bigint, ARRAY[_n]); _l_tax := _l_fee;
      IF _discount = 0 THEN _l_disc := _l_fee;
      ELSIF _n = 1 THEN _l_disc := ARRAY[_discount];
      ELSE
        _l_disc := _l_fee;
        FOR _j IN 1 .. _n LOOP
          IF _flags[_j] THEN _l_disc[_j] := _l_price[_j] * _quantities[_j]; END IF;
        END LOOP;
        _l_disc := zevents_allocate(_discount, _l_disc);
      END IF;
    END IF;
    _fee := 0; _tax := 0; _tax_added := 0; _total := 0;
    _items := '[]';
    FOR _j IN 1 .. cardinality(_type_ids) LOOP
      _line_total := _l_price[_j] * _quantities[_j] - _l_disc[_j]
                     + CASE WHEN _l_incl[_j] IS FALSE THEN _l_tax[_j] ELSE 0 END
                     + CASE WHEN _fee_passed THEN _l_fee[_j] ELSE 0 END;
      _fee := _fee + _l_fee[_j]; _tax := _tax + _l_tax[_j]; _total := _total + _line_total;
      IF _l_incl[_j] IS FALSE THEN _tax_added := _tax_added + _l_tax[_j]; END IF;
      _shown_fee := CASE WHEN _fee_passed THEN _l_fee[_j] ELSE 0 END;
      _pos := array_position(_t_id, _type_ids[_j]);
      _rate := CASE WHEN _t_tax[_pos] IS NULL THEN NULL ELSE _rates -> (_t_tax[_pos]::text) END;
      _i_disc := _i_disc || _l_disc[_j]; _i_fee := _i_fee || _l_fee[_j]; _i_tax := _i_tax || _l_tax[_j];
      _i_total := _i_total || _line_total;
      _i_rate := _i_rate || CASE WHEN _rate IS NULL THEN NULL ELSE _t_tax[_pos] END;
      _i_rate_name := _i_rate_name || (_rate->>'name'); _i_rate_bp := _i_rate_bp || (_rate->>'bp')::int;
      _i_rate_incl := _i_rate_incl || (_rate->>'incl')::boolean;
      _t_add[_sp[_j]] := _t_add[_sp[_j]] + _quantities[_j];
      _i_stock := _i_stock || CASE WHEN _stock_date IS NULL THEN NULL ELSE _t_id[_sp[_j]] END;
      _i_order := _i_order || _order_id; _i_type := _i_type || _type_ids[_j];
      _i_event := _i_event || _event_id; _i_qty := _i_qty || _quantities[_j];
      _i_price := _i_price || _t_price[_pos];
      _items := _items || jsonb_build_array(jsonb_build_object(
        'ticketTypeId', _type_ids[_j], 'ticketTypeName', _t_name[_pos], 'quantity', _quantities[_j],
        'unitPriceCents', _t_price[_pos], 'discountCents', _l_disc[_j], 'feeCents', _shown_fee,
        'taxCents', _l_tax[_j], 'totalCents', _line_total, 'sort', _t_sort[_pos])
        || CASE WHEN _rate IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('taxRate', jsonb_build_object(
             'id', _t_tax[_pos], 'name', _rate->'name', 'rateBasisPoints', _rate->'bp',
             'inclusive', _rate->'incl')) END);
    END LOOP;
    -- In the event's order of ticket types (a query only for the orders of several types).
    IF cardinality(_type_ids) > 1 THEN
      SELECT jsonb_agg(i.value - 'sort' ORDER BY (i.value->>'sort')::int, i.value->>'ticketTypeId')
      INTO _items FROM jsonb_array_elements(_items) i;
    ELSE
      _items := jsonb_build_array((_items->0) - 'sort');
    END IF;
    _o_id := _o_id || _order_id; _o_event := _o_event || _event_id; _o_name := _o_name || _buyer_name;
    _o_email := _o_email || _buyer_email; _o_user := _o_user || _buyer_user_id;
    _o_promo := _o_promo || _promo_id; _o_sub := _o_sub || _subtotal; _o_disc := _o_disc || _discount;
    _o_cur := _o_cur || (_ev->>'currency'); _o_exp := _o_exp || _expires_at; _o_now := _o_now || _now;
    _o_date := _o_date || _date_id;
    _o_fee := _o_fee || _fee; _o_fee_passed := _o_fee_passed || _fee_passed; _o_tax := _o_tax || _tax;
    _o_tax_added := _o_tax_added || _tax_added; _o_total := _o_total || _total;
    -- The date only on an event with dates, as the API presents an order.
    out_answer := (_answer - 'dateId') || CASE WHEN _date_id IS NULL THEN '{}'::jsonb
                                               ELSE jsonb_build_object('dateId', _date_id) END
      || jsonb_build_object('eventId', _event_id, 'items', _items, 'subtotalCents', _subtotal, 'discountCents', _discount,
      'feeCents', CASE WHEN _fee_passed THEN _fee ELSE 0 END, 'taxCents', _tax,
      'totalCents', _total, 'currency', _ev->>'currency');
    IF _key IS NOT NULL THEN
      _keys := jsonb_set(_keys, ARRAY[_key_id], 'true');
      _k_scope := _k_scope || _scope; _k_key := _k_key || _key; _k_hash := _k_hash || _request_hash;
      _k_order := _k_order || _order_id; _k_now := _k_now || _now;
      -- A free order is paid before it is answered: its service stores that answer instead.
      _k_status := _k_status || CASE WHEN _total > 0 THEN 201 END;
      _k_body := _k_body || CASE WHEN _total > 0 THEN out_answer END;
    END IF;
    RETURN NEXT;
  END LOOP;

  IF cardinality(_o_id) = 0 THEN RETURN; END IF;
  -- The writes. Rows returned by RETURN NEXT reach the caller only when the function ends, and any
  -- failure below undoes the whole call: no order is answered that is not written.
  SELECT min(n), max(n) INTO _min_now, _max_now FROM unnest(_o_now) n;
  IF cardinality(_k_key) > 0 THEN
    INSERT INTO idempotency_keys (scope, key, request_hash, resource_id, created_at, heartbeat_at,
                                  response_status, response_body)
    SELECT k.scope, k.key, k.hash, k.order_id, k.at, k.at, k.status, k.body
    FROM unnest(_k_scope, _k_key, _k_hash, _k_order, _k_now, _k_status, _k_body)
      AS k(scope, key, hash, order_id, at, status, body)
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS _n = ROW_COUNT;
    -- Another request with one of these keys got there since the read above.
    IF _n <> cardinality(_k_key) THEN RAISE EXCEPTION 'ZEVENTS_KEY_TAKEN'; END IF;
  END IF;
  INSERT INTO orders (id, event_id, status, buyer_name, buyer_email, buyer_user_id, promo_code_id,
                      subtotal_cents, discount_cents, fee_cents, fee_passed_on, tax_cents, tax_added_cents,
                      total_cents, currency, expires_at, created_at, date_id)
  SELECT o.id, o.event_id, 'reserved', o.name, o.email, o.user_id, o.promo_id, o.sub, o.disc, o.fee,
         o.fee_passed, o.tax, o.tax_added, o.total, o.cur, o.exp, o.at, o.date_id
  FROM unnest(_o_id, _o_event, _o_name, _o_email, _o_user, _o_promo, _o_sub, _o_disc, _o_cur, _o_exp, _o_now,
              _o_date, _o_fee, _o_fee_passed, _o_tax, _o_tax_added, _o_total)
    AS o(id, event_id, name, email, user_id, promo_id, sub, disc, cur, exp, at, date_id, fee, fee_passed, tax,
         tax_added, total);
  INSERT INTO order_items (order_id, ticket_type_id, event_id, quantity, unit_price_cents, stock_type_id,
                           discount_cents, fee_cents, tax_cents, total_cents, tax_rate_id, tax_name,
                           tax_rate_basis_points, tax_inclusive)
  SELECT i.order_id, i.type_id, i.event_id, i.qty, i.price, i.stock_id, i.disc, i.fee, i.tax, i.total,
         i.rate, i.rate_name, i.rate_bp, i.rate_incl
  FROM unnest(_i_order, _i_type, _i_event, _i_qty, _i_price, _i_stock, _i_disc, _i_fee, _i_tax, _i_total,
              _i_rate, _i_rate_name, _i_rate_bp, _i_rate_incl)
    AS i(order_id, type_id, event_id, qty, price, stock_id, disc, fee, tax, total, rate, rate_name, rate_bp,
         rate_incl);
  -- Each buyer's count rises on the latest version of its row: concurrent orders of one buyer in
  -- another batch take turns here and never pass the limit together.
  INSERT INTO buyer_ticket_counts AS b (event_id, email, tickets)
  SELECT split_part(x.key, ':', 1)::uuid, substr(x.key, 38), x.value::int FROM jsonb_each_text(_buyer_add) x
  ON CONFLICT (event_id, email) DO UPDATE SET tickets = b.tickets + excluded.tickets
    WHERE b.tickets + excluded.tickets
          <= (SELECT e.max_tickets_per_buyer FROM events e WHERE e.id = b.event_id);
  GET DIAGNOSTICS _n = ROW_COUNT;
  IF _n <> (SELECT count(*) FROM jsonb_object_keys(_buyer_add)) THEN
    RAISE EXCEPTION 'ZEVENTS_RESERVE_FAILED';
  END IF;
  -- Each address's window as the batch leaves it, written only over the version the batch read.
  IF _addrs <> _addrs_base THEN
    INSERT INTO hold_address_windows AS w (address, window_start, holds)
    SELECT x.key, (x.value->>'start')::timestamptz, (x.value->>'holds')::int
    FROM jsonb_each(_addrs) x WHERE _addrs_base -> x.key IS DISTINCT FROM x.value
    ON CONFLICT (address) DO UPDATE SET window_start = excluded.window_start, holds = excluded.holds
      WHERE _addrs_base -> w.address IS NOT NULL
        AND w.window_start = (_addrs_base -> w.address ->> 'start')::timestamptz
        AND w.holds = (_addrs_base -> w.address ->> 'holds')::int;
    GET DIAGNOSTICS _n = ROW_COUNT;
    SELECT count(*) INTO _expected FROM jsonb_each(_addrs) x WHERE _addrs_base -> x.key IS DISTINCT FROM x.value;
    IF _n <> _expected THEN RAISE EXCEPTION 'ZEVENTS_RESERVE_FAILED'; END IF;
  END IF;
  -- Promo code uses, checked again on the row version this UPDATE locks: a deactivation or the last
  -- use taken since the read refuses the batch (the service then asks again).
  IF _promo_uses <> '{}'::jsonb THEN
    UPDATE promo_codes p SET uses = p.uses + x.value::int
    FROM jsonb_each_text(_promo_uses) x
    WHERE p.id = x.key::uuid AND p.is_active
      AND (p.max_uses IS NULL OR p.uses + x.value::int <= p.max_uses)
      AND (p.valid_from IS NULL OR p.valid_from <= _min_now)
      AND (p.valid_until IS NULL OR p.valid_until > _max_now);
    GET DIAGNOSTICS _n = ROW_COUNT;
    IF _n <> (SELECT count(*) FROM jsonb_object_keys(_promo_uses)) THEN
      RAISE EXCEPTION 'ZEVENTS_RESERVE_FAILED';
    END IF;
  END IF;
  -- Every ticket type's holds of the batch, in one new row version each.
  UPDATE ticket_types tt SET held = tt.held + b.held
  FROM unnest(_t_id, _t_add) AS b(id, held)
  WHERE tt.id = b.id AND b.held > 0;
END
$fn$;
