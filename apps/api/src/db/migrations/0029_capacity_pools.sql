CREATE TABLE "capacity_pool_ticket_types" (
	"pool_id" uuid NOT NULL,
	"ticket_type_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	CONSTRAINT "capacity_pool_ticket_types_pool_id_ticket_type_id_pk" PRIMARY KEY("pool_id","ticket_type_id")
);
--> statement-breakpoint
CREATE TABLE "capacity_pools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"capacity" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "capacity_pools_capacity" CHECK ("capacity_pools"."capacity" >= 0)
);
--> statement-breakpoint
ALTER TABLE "capacity_pool_ticket_types" ADD CONSTRAINT "capacity_pool_ticket_types_pool_id_capacity_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."capacity_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_pool_ticket_types" ADD CONSTRAINT "capacity_pool_ticket_types_ticket_type_id_ticket_types_id_fk" FOREIGN KEY ("ticket_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "capacity_pools" ADD CONSTRAINT "capacity_pools_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "capacity_pool_ticket_types_type_idx" ON "capacity_pool_ticket_types" USING btree ("ticket_type_id");--> statement-breakpoint
CREATE INDEX "capacity_pools_event_idx" ON "capacity_pools" USING btree ("event_id","created_at");--> statement-breakpoint
-- A pool's sold + held is the sum over its ticket types; whatever statement raises a type's sold or
-- held (the reserve batch, a late payment selling a released hold again, the box office), this
-- trigger refuses it when a pool of that type would pass its capacity. It locks the event's pools
-- (in id order, so two writers never wait on each other in opposite orders) before it sums, so two
-- transactions adding to different types of one pool take turns instead of both fitting. Lowering
-- sold or held (expiry, cancel, refund) never needs the check, and an event without pools pays one
-- index probe per raised row.
CREATE FUNCTION zevents_capacity_pools_check() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE _full text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM capacity_pool_ticket_types WHERE ticket_type_id = NEW.id) THEN RETURN NULL; END IF;
  PERFORM 1 FROM capacity_pools WHERE event_id = NEW.event_id ORDER BY id FOR NO KEY UPDATE;
  SELECT p.name INTO _full
  FROM capacity_pools p JOIN capacity_pool_ticket_types m ON m.pool_id = p.id AND m.ticket_type_id = NEW.id
  WHERE p.capacity < (SELECT coalesce(sum(t.sold + t.held), 0)
                      FROM capacity_pool_ticket_types m2 JOIN ticket_types t ON t.id = m2.ticket_type_id
                      WHERE m2.pool_id = p.id)
  LIMIT 1;
  -- The reserve's own refusal: its service asks again and answers SOLD_OUT.
  IF _full IS NOT NULL THEN
    RAISE EXCEPTION 'ZEVENTS_RESERVE_FAILED' USING DETAIL = format('capacity pool "%s" is full', _full);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER capacity_pools_check AFTER UPDATE OF sold, held ON ticket_types
FOR EACH ROW WHEN (NEW.sold + NEW.held > OLD.sold + OLD.held)
EXECUTE FUNCTION zevents_capacity_pools_check();
