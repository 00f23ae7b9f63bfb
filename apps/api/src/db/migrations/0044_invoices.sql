CREATE TABLE "invoice_counters" (
	"organization_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "invoice_counters_organization_id_year_pk" PRIMARY KEY("organization_id","year")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"sequence" integer NOT NULL,
	"number" text NOT NULL,
	"refers_to" uuid,
	"amount_cents" bigint NOT NULL,
	"currency" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invoices_kind" CHECK ("invoices"."kind" IN ('invoice', 'credit_note'))
);
--> statement-breakpoint
ALTER TABLE "billing_profiles" ADD COLUMN "timezone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_counters" ADD CONSTRAINT "invoice_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_sequence_key" ON "invoices" USING btree ("organization_id","year","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_order_key" ON "invoices" USING btree ("order_id") WHERE "invoices"."kind" = 'invoice';--> statement-breakpoint
CREATE INDEX "invoices_order_idx" ON "invoices" USING btree ("order_id");
--> statement-breakpoint
-- Numbers every paid order of an organization created since `_since` that has no invoice yet, in
-- the order of payment, continuing each year's series (the year of the payment in the organization's
-- time zone). One caller at a time per organization (its advisory lock), all in the caller's
-- transaction: a number is never skipped nor given twice. Returns how many invoices it issued.
CREATE OR REPLACE FUNCTION zevents_issue_invoices(_org uuid, _since timestamptz, _now timestamptz)
RETURNS int LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE _tz text; _prefix text; _n int;
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
  SELECT count(*) INTO _n FROM issued;
  RETURN _n;
END
$fn$;
