ALTER TABLE "events" ADD COLUMN "bank_transfer" jsonb;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "bank_reference" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "bank_instructions" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "bank_transfer_at" timestamp with time zone;--> statement-breakpoint
-- 'awaiting_payment' was added to order_status by 0045 and sorts after every older value. A fresh
-- database runs every migration in one transaction, where PostgreSQL refuses the new value as a
-- literal ("unsafe use of new value"); "> 'partially_refunded'" names only an older one, and the
-- planner proves status = 'awaiting_payment' implies it, so the sweep's branch uses this index.
CREATE INDEX "orders_awaiting_payment_idx" ON "orders" USING btree ("expires_at") WHERE "orders"."status" > 'partially_refunded';--> statement-breakpoint
CREATE UNIQUE INDEX "orders_bank_reference_idx" ON "orders" USING btree ("bank_reference") WHERE "orders"."bank_reference" IS NOT NULL;
