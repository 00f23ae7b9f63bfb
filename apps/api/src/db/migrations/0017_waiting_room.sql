CREATE TABLE "waiting_room_queues" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"early_count" integer DEFAULT 0 NOT NULL,
	"visitor_count" integer DEFAULT 0 NOT NULL,
	"next_place" integer DEFAULT 1 NOT NULL,
	"opened_at" timestamp with time zone,
	CONSTRAINT "waiting_room_queues_counts" CHECK ("waiting_room_queues"."early_count" >= 0 AND "waiting_room_queues"."next_place" >= 1)
);
--> statement-breakpoint
CREATE TABLE "waiting_room_visitors" (
	"event_id" uuid NOT NULL,
	"token" text NOT NULL,
	"browser_hash" text NOT NULL,
	"draw_key" bigint NOT NULL,
	"place" integer,
	"joined_at" timestamp with time zone NOT NULL,
	"pass_expires_at" timestamp with time zone,
	CONSTRAINT "waiting_room_visitors_event_id_token_pk" PRIMARY KEY("event_id","token")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "waiting_room" jsonb;--> statement-breakpoint
ALTER TABLE "waiting_room_queues" ADD CONSTRAINT "waiting_room_queues_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waiting_room_visitors" ADD CONSTRAINT "waiting_room_visitors_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "waiting_room_visitors_browser_idx" ON "waiting_room_visitors" USING btree ("event_id","browser_hash");