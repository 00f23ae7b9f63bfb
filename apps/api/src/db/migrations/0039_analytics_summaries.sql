CREATE TABLE "analytics_summary_subscriptions" (
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"frequency" text,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"last_sent_period_start" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analytics_summary_subscriptions_organization_id_user_id_pk" PRIMARY KEY("organization_id","user_id"),
	CONSTRAINT "analytics_summary_frequency" CHECK ("analytics_summary_subscriptions"."frequency" in ('off', 'daily', 'weekly'))
);
--> statement-breakpoint
ALTER TABLE "analytics_summary_subscriptions" ADD CONSTRAINT "analytics_summary_subscriptions_membership_fk" FOREIGN KEY ("organization_id","user_id") REFERENCES "public"."memberships"("organization_id","user_id") ON DELETE cascade ON UPDATE no action;