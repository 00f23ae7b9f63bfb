ALTER TYPE "public"."order_status" ADD VALUE 'awaiting_payment';--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_amounts";--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "discount_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "fee_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "tax_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "total_cents" bigint;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "tax_rate_id" uuid;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "tax_name" text;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "tax_rate_basis_points" integer;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "tax_inclusive" boolean;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fee_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "fee_passed_on" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tax_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "tax_added_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "billing_details" jsonb;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "lines" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "refund_id" uuid;--> statement-breakpoint
CREATE INDEX "order_items_tax_rate_idx" ON "order_items" USING btree ("tax_rate_id") WHERE "order_items"."tax_rate_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_refund_key" ON "invoices" USING btree ("refund_id") WHERE "invoices"."kind" = 'credit_note';--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_amounts" CHECK ("orders"."discount_cents" >= 0 AND "orders"."fee_cents" >= 0 AND "orders"."tax_cents" >= 0 AND "orders"."tax_added_cents" >= 0 AND "orders"."tax_added_cents" <= "orders"."tax_cents" AND "orders"."total_cents" = "orders"."subtotal_cents" - "orders"."discount_cents" + CASE WHEN "orders"."fee_passed_on" THEN "orders"."fee_cents" ELSE 0 END + "orders"."tax_added_cents" AND "orders"."total_cents" >= 0);--> statement-breakpoint
-- Orders written before lines carried their money: each line's share of the order's discount (by
-- the rounding rule: in proportion to the gross of the lines the code applied to, largest
-- remainder), its total, and each refund's share per line of what was still unrefunded.
WITH lines AS (
  SELECT o.id AS order_id, o.discount_cents, oi.ticket_type_id, oi.unit_price_cents * oi.quantity AS gross,
         CASE WHEN p.id IS NULL OR cardinality(p.ticket_type_ids) = 0 OR oi.ticket_type_id = ANY(p.ticket_type_ids)
              THEN oi.unit_price_cents * oi.quantity ELSE 0 END AS eligible
  FROM orders o JOIN order_items oi ON oi.order_id = o.id
  LEFT JOIN promo_codes p ON p.id = o.promo_code_id
  WHERE o.discount_cents > 0
),
per_order AS (
  SELECT l.order_id, l.discount_cents, array_agg(l.ticket_type_id ORDER BY l.ticket_type_id) AS type_ids,
         CASE WHEN sum(l.eligible) > 0 THEN array_agg(l.eligible ORDER BY l.ticket_type_id)
              ELSE array_agg(l.gross ORDER BY l.ticket_type_id) END AS weights
  FROM lines l GROUP BY l.order_id, l.discount_cents
),
shares AS (
  SELECT p.order_id, s.type_id, s.share
  FROM per_order p, unnest(p.type_ids, zevents_allocate(p.discount_cents, p.weights)) AS s(type_id, share)
)
UPDATE order_items oi SET discount_cents = s.share
FROM shares s WHERE oi.order_id = s.order_id AND oi.ticket_type_id = s.type_id;
--> statement-breakpoint
UPDATE order_items SET total_cents = unit_price_cents * quantity - discount_cents;
--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "total_cents" SET NOT NULL;
--> statement-breakpoint
DO $do$
DECLARE _r record; _ids uuid[]; _left bigint[]; _shares bigint[]; _i int;
BEGIN
  FOR _r IN SELECT r.id, r.order_id, r.amount_cents FROM refunds r ORDER BY r.order_id, r.created_at, r.id LOOP
    SELECT array_agg(oi.ticket_type_id ORDER BY oi.ticket_type_id),
           array_agg(greatest(oi.total_cents - coalesce((
             SELECT sum((l->>'priceCents')::bigint) FROM refunds r2, jsonb_array_elements(r2.lines) l
             WHERE r2.order_id = _r.order_id AND l->>'ticketTypeId' = oi.ticket_type_id::text), 0), 0)
             ORDER BY oi.ticket_type_id)
    INTO _ids, _left FROM order_items oi WHERE oi.order_id = _r.order_id;
    IF _ids IS NULL THEN CONTINUE; END IF;
    _shares := zevents_allocate(_r.amount_cents, _left);
    UPDATE refunds SET lines = (
      SELECT coalesce(jsonb_agg(jsonb_build_object('ticketTypeId', _ids[_i], 'priceCents', _shares[_i],
                                                   'taxCents', 0, 'feeCents', 0)), '[]'::jsonb)
      FROM generate_subscripts(_ids, 1) _i)
    WHERE id = _r.id;
  END LOOP;
END
$do$;
