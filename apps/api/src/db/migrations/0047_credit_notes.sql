-- Numbers, after the invoices as 0044 did, one credit note per refund of the organization made since
-- `_since`, in the same per-year series (invoice_counters): in the order of the refunds, the year of
-- the refund in the organization's time zone, referring to the order's invoice (issued by the first
-- statement of the same call when the order had none yet). One caller at a time per organization (its
-- advisory lock), all in the caller's transaction: a number is never skipped nor given twice. Returns
-- how many invoices and credit notes it issued.
CREATE OR REPLACE FUNCTION zevents_issue_invoices(_org uuid, _since timestamptz, _now timestamptz)
RETURNS int LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE _tz text; _prefix text; _invoices int; _credit_notes int;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('zevents-invoices:' || _org::text, 0));
  SELECT coalesce(b.timezone, 'UTC'), coalesce(b.invoice_prefix, 'INV') INTO _tz, _prefix
  FROM organizations o LEFT JOIN billing_profiles b ON b.organization_id = o.id
  WHERE o.id = _org;
  IF _tz IS NULL THEN RETURN 0; END IF;
  WITH pending AS (
    SELECT o.id, o.paid_at, o.total_cents, o.currency,
           extract(year FROM o.paid_at AT TIME ZONE _tz)::int AS year
    FROM events e JOIN orders o ON o.event_id = e.id
    WHERE e.organization_id = _org AND o.created_at >= _since
      AND o.status IN ('paid', 'partially_refunded', 'refunded') AND o.total_cents > 0
      AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.kind = 'invoice')
  ),
  numbered AS (
    SELECT p.*, coalesce(c.last_number, 0) + row_number() OVER (PARTITION BY p.year ORDER BY p.paid_at, p.id) AS seq
    FROM pending p
    LEFT JOIN invoice_counters c ON c.organization_id = _org AND c.year = p.year
  ),
  issued AS (
    INSERT INTO invoices (organization_id, order_id, kind, year, sequence, number, amount_cents, currency, issued_at)
    SELECT _org, n.id, 'invoice', n.year, n.seq,
           -- Six digits at least, never cut: the millionth invoice of a year reads 1000000.
           _prefix || '-' || n.year || '-' || CASE WHEN n.seq >= 1000000 THEN n.seq::text
                                                 ELSE lpad(n.seq::text, 6, '0') END,
           n.total_cents, n.currency, _now
    FROM numbered n
    RETURNING year, sequence
  ),
  counted AS (
    INSERT INTO invoice_counters AS c (organization_id, year, last_number)
    SELECT _org, i.year, max(i.sequence) FROM issued i GROUP BY i.year
    ON CONFLICT (organization_id, year) DO UPDATE SET last_number = excluded.last_number
    RETURNING 1
  )
  SELECT count(*) INTO _invoices FROM issued;

  -- A statement of its own: it sees the invoices and counters the one above wrote. A refund of an
  -- order that never had an invoice (paid before invoices existed) has nothing to credit.
  WITH pending AS (
    SELECT r.id AS refund_id, r.order_id, r.created_at, r.amount_cents, i.currency, i.id AS invoice_id,
           extract(year FROM r.created_at AT TIME ZONE _tz)::int AS year
    FROM events e
    JOIN orders o ON o.event_id = e.id
    JOIN refunds r ON r.order_id = o.id
    JOIN invoices i ON i.order_id = o.id AND i.kind = 'invoice'
    WHERE e.organization_id = _org AND r.created_at >= _since
      AND NOT EXISTS (SELECT 1 FROM invoices c WHERE c.refund_id = r.id AND c.kind = 'credit_note')
  ),
  numbered AS (
    SELECT p.*,
           coalesce(c.last_number, 0) + row_number() OVER (PARTITION BY p.year ORDER BY p.created_at, p.refund_id) AS seq
    FROM pending p
    LEFT JOIN invoice_counters c ON c.organization_id = _org AND c.year = p.year
  ),
  issued AS (
    INSERT INTO invoices (organization_id, order_id, kind, year, sequence, number, refers_to, refund_id,
                          amount_cents, currency, issued_at)
    SELECT _org, n.order_id, 'credit_note', n.year, n.seq,
           _prefix || '-' || n.year || '-' || CASE WHEN n.seq >= 1000000 THEN n.seq::text
                                                 ELSE lpad(n.seq::text, 6, '0') END,
           n.invoice_id, n.refund_id, n.amount_cents, n.currency, _now
    FROM numbered n
    RETURNING year, sequence
  ),
  counted AS (
    INSERT INTO invoice_counters AS c (organization_id, year, last_number)
    SELECT _org, i.year, max(i.sequence) FROM issued i GROUP BY i.year
    ON CONFLICT (organization_id, year) DO UPDATE SET last_number = excluded.last_number
    RETURNING 1
  )
  SELECT count(*) INTO _credit_notes FROM issued;
  RETURN _invoices + _credit_notes;
END
$fn$;
