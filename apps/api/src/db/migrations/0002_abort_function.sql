-- Aborts the statement that calls it. The reserve statement is one atomic CTE: when it could not
-- hold every ticket type of an order, it calls this so every partial hold in it is undone.
CREATE OR REPLACE FUNCTION zevents_abort(reason text) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = reason;
END;
$$;
