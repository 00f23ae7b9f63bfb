ALTER TABLE "events" ADD COLUMN "fee_fixed_cents" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "fee_percent_basis_points" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "fee_passed_on" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_fee" CHECK ("events"."fee_fixed_cents" >= 0 AND "events"."fee_percent_basis_points" BETWEEN 0 AND 10000);