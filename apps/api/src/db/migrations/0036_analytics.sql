CREATE TABLE "analytics_hourly" (
	"event_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"step" text NOT NULL,
	"source" text NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"visitors" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_hourly_event_id_hour_step_source_pk" PRIMARY KEY("event_id","hour","step","source")
);
--> statement-breakpoint
CREATE TABLE "analytics_salts" (
	"day" date PRIMARY KEY NOT NULL,
	"salt" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics_visitor_days" (
	"event_id" uuid NOT NULL,
	"day" date NOT NULL,
	"step" text NOT NULL,
	"visitor" "bytea" NOT NULL,
	CONSTRAINT "analytics_visitor_days_event_id_day_step_visitor_pk" PRIMARY KEY("event_id","day","step","visitor")
);
--> statement-breakpoint
CREATE TABLE "order_sources" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "page_views" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"viewed_at" timestamp with time zone NOT NULL,
	"step" text NOT NULL,
	"visitor" "bytea" NOT NULL,
	"source" text NOT NULL,
	"path" text
);
--> statement-breakpoint
CREATE TABLE "tracking_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analytics_hourly" ADD CONSTRAINT "analytics_hourly_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "analytics_visitor_days" ADD CONSTRAINT "analytics_visitor_days_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_sources" ADD CONSTRAINT "order_sources_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "page_views" ADD CONSTRAINT "page_views_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_links" ADD CONSTRAINT "tracking_links_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_sources_event_idx" ON "order_sources" USING btree ("event_id","source");--> statement-breakpoint
CREATE INDEX "page_views_event_idx" ON "page_views" USING btree ("event_id","viewed_at");--> statement-breakpoint
CREATE INDEX "page_views_visitor_idx" ON "page_views" USING btree ("event_id","visitor","viewed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracking_links_event_code_key" ON "tracking_links" USING btree ("event_id",lower("code"));--> statement-breakpoint
CREATE INDEX "tracking_links_event_idx" ON "tracking_links" USING btree ("event_id","created_at");