ALTER TABLE "orders" ADD COLUMN "reconcile_claimed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "applications_recent_idx" ON "applications" USING btree ("updated_at","id");