CREATE TABLE "buyer_ticket_counts" (
	"event_id" uuid NOT NULL,
	"email" text NOT NULL,
	"tickets" integer NOT NULL,
	CONSTRAINT "buyer_ticket_counts_event_id_email_pk" PRIMARY KEY("event_id","email"),
	CONSTRAINT "buyer_ticket_counts_tickets" CHECK ("buyer_ticket_counts"."tickets" >= 0)
);
--> statement-breakpoint
CREATE TABLE "hold_address_windows" (
	"address" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"holds" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "buyer_ticket_counts" ADD CONSTRAINT "buyer_ticket_counts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_total_max" CHECK ("orders"."subtotal_cents" <= 1000000000000);--> statement-breakpoint
-- Backfill: live holds and paid tickets that are not void, per event and buyer email.
INSERT INTO "buyer_ticket_counts" ("event_id", "email", "tickets")
SELECT s.event_id, s.email, sum(s.n)::int FROM (
  SELECT o.event_id, lower(o.buyer_email) AS email, oi.quantity AS n
  FROM "orders" o JOIN "order_items" oi ON oi.order_id = o.id
  WHERE o.status = 'reserved'
  UNION ALL
  SELECT t.event_id, lower(o.buyer_email) AS email, 1 AS n
  FROM "tickets" t JOIN "orders" o ON o.id = t.order_id
  WHERE t.status <> 'void' AND o.status IN ('paid', 'partially_refunded')
) s
GROUP BY s.event_id, s.email;--> statement-breakpoint
-- Stored replays no longer keep an order's access token in clear: it is added back when replaying.
UPDATE "idempotency_keys" SET "response_body" = "response_body" - 'accessToken'
WHERE jsonb_typeof("response_body") = 'object' AND "response_body" ? 'accessToken';
