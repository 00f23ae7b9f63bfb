-- A payment's hold turns into sold stock (orders.repository.ts convertHoldToSold). The statement was
-- sent as text and planned on every payment (~0.4 ms of PostgreSQL, ten times its execution); in a
-- function PostgreSQL keeps its plan per connection (generic, as plan_cache_mode says: one order's
-- rows by key). The statement is unchanged.
CREATE OR REPLACE FUNCTION zevents_convert_hold_to_sold(_order uuid)
RETURNS void LANGUAGE plpgsql VOLATILE
SET plan_cache_mode = force_generic_plan AS $fn$
BEGIN
  WITH locked AS MATERIALIZED (
    -- In id order, the order the reserve batch locks them in: a multi-type payment and a batch never deadlock.
    SELECT tt.id FROM ticket_types tt JOIN order_items oi ON tt.id = coalesce(oi.stock_type_id, oi.ticket_type_id)
    WHERE oi.order_id = _order ORDER BY tt.id FOR NO KEY UPDATE OF tt
  )
  UPDATE ticket_types tt SET held = tt.held - oi.quantity, sold = tt.sold + oi.quantity
  FROM order_items oi
  WHERE oi.order_id = _order AND tt.id = coalesce(oi.stock_type_id, oi.ticket_type_id)
    AND tt.id IN (SELECT id FROM locked);
END
$fn$;
