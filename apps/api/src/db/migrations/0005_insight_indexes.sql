-- Indexes for the organizer dashboard and the door, on tables defined by other schema files (Drizzle
-- declares an index with its table, so these live here). Each one keeps a query bounded by one event.
-- Check-ins counted, void tickets found, attendees filtered by state.
CREATE INDEX IF NOT EXISTS "tickets_event_status_idx" ON "tickets" USING btree ("event_id", "status");--> statement-breakpoint
-- The attendee list and its CSV export walk an event's tickets by name (keyset pagination).
CREATE INDEX IF NOT EXISTS "tickets_event_name_idx" ON "tickets" USING btree ("event_id", "attendee_name", "id");--> statement-breakpoint
-- Stats aggregate an event's paid orders; the order list filters by status, newest first.
CREATE INDEX IF NOT EXISTS "orders_event_status_idx" ON "orders" USING btree ("event_id", "status", "created_at", "id");--> statement-breakpoint
-- Revenue per ticket type reads an event's order lines without touching other events.
CREATE INDEX IF NOT EXISTS "order_items_event_idx" ON "order_items" USING btree ("event_id");
--> statement-breakpoint
-- Attendee search by part of a name ("%smi%") at the door: trigrams, within one event (btree_gin lets
-- one GIN index hold the event id too). Both extensions are "trusted": no superuser needed.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tickets_event_name_trgm_idx" ON "tickets" USING gin ("event_id", "attendee_name" gin_trgm_ops);
