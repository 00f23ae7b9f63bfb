CREATE INDEX "emails_event_idx" ON "emails" USING btree ("event_id","created_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_id");