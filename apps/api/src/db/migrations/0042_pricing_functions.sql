-- The rounding rule of order money (apps/api/src/modules/billing/pricing.ts), in SQL, for the
-- statements that price orders where their rows are written (the reserve batch, the box office):
-- the same shares to the minor unit, proven equal to the TypeScript by billing-pricing.db.test.ts.

-- `amount` shared in proportion to `weights` by largest remainder, ties to the earlier index.
CREATE OR REPLACE FUNCTION zevents_allocate(amount bigint, weights bigint[])
RETURNS bigint[] LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  _n int := cardinality(weights); _total numeric; _shares bigint[]; _rems numeric[]; _left bigint;
  _i int; _best int;
BEGIN
  IF _n = 0 THEN RETURN '{}'; END IF;
  SELECT coalesce(sum(w), 0) INTO _total FROM unnest(weights) w;
  IF _total = 0 OR amount = 0 THEN RETURN array_fill(0::bigint, ARRAY[_n]); END IF;
  -- One line (every single-type order): all of it, no arithmetic.
  IF _n = 1 THEN RETURN ARRAY[amount]; END IF;
  _shares := array_fill(0::bigint, ARRAY[_n]); _rems := array_fill(0::numeric, ARRAY[_n]);
  FOR _i IN 1 .. _n LOOP
    _shares[_i] := div(amount::numeric * weights[_i], _total);
    _rems[_i] := mod(amount::numeric * weights[_i], _total);
  END LOOP;
  SELECT amount - sum(s) INTO _left FROM unnest(_shares) s;
  WHILE _left > 0 LOOP
    _best := NULL;
    FOR _i IN 1 .. _n LOOP
      IF _rems[_i] > 0 AND (_best IS NULL OR _rems[_i] > _rems[_best]) THEN _best := _i; END IF;
    END LOOP;
    _shares[_best] := _shares[_best] + 1; _rems[_best] := -1; _left := _left - 1;
  END LOOP;
  RETURN _shares;
END
$fn$;
--> statement-breakpoint

-- Each line's discount, fee and tax. `tax_bp[i]` null: the line is untaxed. `percent_off` or
-- `amount_off` (or neither) is the promo code; `fee_fixed` null: no service fee.
CREATE OR REPLACE FUNCTION zevents_price_lines(
  prices bigint[], quantities int[], discountable boolean[], tax_bp int[], tax_inclusive boolean[],
  percent_off int, amount_off bigint, fee_fixed bigint, fee_bp int,
  OUT discounts bigint[], OUT fees bigint[], OUT taxes bigint[])
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  _n int := cardinality(prices); _gross bigint[]; _eligible bigint[]; _bases bigint[]; _discount bigint;
  _after bigint := 0; _fee bigint := 0; _i int; _base numeric; _bp int;
BEGIN
  _gross := array_fill(0::bigint, ARRAY[_n]); _eligible := array_fill(0::bigint, ARRAY[_n]);
  FOR _i IN 1 .. _n LOOP
    _gross[_i] := prices[_i] * quantities[_i];
    IF discountable[_i] THEN _eligible[_i] := _gross[_i]; END IF;
  END LOOP;
  SELECT CASE
           WHEN percent_off IS NOT NULL THEN div(sum(e)::numeric * percent_off, 100)::bigint
           WHEN amount_off IS NOT NULL THEN least(sum(e), amount_off)
           ELSE 0 END
  INTO _discount FROM unnest(_eligible) e;
  discounts := zevents_allocate(_discount, _eligible);
  _bases := array_fill(0::bigint, ARRAY[_n]);
  FOR _i IN 1 .. _n LOOP
    _bases[_i] := _gross[_i] - discounts[_i];
    _after := _after + _bases[_i];
  END LOOP;
  IF fee_fixed IS NOT NULL AND _after > 0 THEN
    _fee := fee_fixed + div(2 * _after::numeric * fee_bp + 10000, 20000)::bigint;
  END IF;
  fees := zevents_allocate(_fee, _bases);
  taxes := array_fill(0::bigint, ARRAY[_n]);
  FOR _i IN 1 .. _n LOOP
    _bp := tax_bp[_i]; _base := _bases[_i];
    IF _bp IS NOT NULL AND _bp > 0 AND _base > 0 THEN
      taxes[_i] := CASE WHEN tax_inclusive[_i]
        THEN _base - div(2 * _base * 10000 + (10000 + _bp), 2 * (10000 + _bp))
        ELSE div(2 * _base * _bp + 10000, 20000) END;
    END IF;
  END LOOP;
END
$fn$;
