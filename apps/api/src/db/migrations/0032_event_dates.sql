CREATE TABLE "event_dates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"uses_base_stock" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_dates_ends_after_starts" CHECK ("event_dates"."ends_at" > "event_dates"."starts_at")
);
--> statement-breakpoint
ALTER TABLE "ticket_types" ADD COLUMN "parent_id" uuid;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD COLUMN "date_id" uuid;--> statement-breakpoint
ALTER TABLE "order_items" ADD COLUMN "stock_type_id" uuid;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "date_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "date_id" uuid;--> statement-breakpoint
ALTER TABLE "event_dates" ADD CONSTRAINT "event_dates_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_dates_event_idx" ON "event_dates" USING btree ("event_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_dates_one_base_key" ON "event_dates" USING btree ("event_id") WHERE "event_dates"."uses_base_stock";--> statement-breakpoint
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_parent_id_ticket_types_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."ticket_types"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_date_id_event_dates_id_fk" FOREIGN KEY ("date_id") REFERENCES "public"."event_dates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_stock_type_id_ticket_types_id_fk" FOREIGN KEY ("stock_type_id") REFERENCES "public"."ticket_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_date_id_event_dates_id_fk" FOREIGN KEY ("date_id") REFERENCES "public"."event_dates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ticket_types_date_stock_key" ON "ticket_types" USING btree ("date_id","parent_id") WHERE "ticket_types"."date_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ticket_types_parent_idx" ON "ticket_types" USING btree ("parent_id") WHERE "ticket_types"."parent_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "order_items_stock_type_idx" ON "order_items" USING btree ("stock_type_id") WHERE "order_items"."stock_type_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_date_idx" ON "orders" USING btree ("date_id","status") WHERE "orders"."date_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_types" ADD CONSTRAINT "ticket_types_stock_row" CHECK (("ticket_types"."parent_id" IS NULL) = ("ticket_types"."date_id" IS NULL));