CREATE TABLE "staff_delegations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delegator_id" uuid NOT NULL,
	"substitute_id" uuid NOT NULL,
	"role" text NOT NULL,
	"module" text DEFAULT '*' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "staff_delegations_dates_check" CHECK ("staff_delegations"."ends_on" >= "staff_delegations"."starts_on"),
	CONSTRAINT "staff_delegations_other_check" CHECK ("staff_delegations"."delegator_id" <> "staff_delegations"."substitute_id")
);
--> statement-breakpoint
ALTER TABLE "application_events" ADD COLUMN "on_behalf_of_id" uuid;--> statement-breakpoint
ALTER TABLE "application_events" ADD COLUMN "on_behalf_of_name" text;--> statement-breakpoint
ALTER TABLE "staff_delegations" ADD CONSTRAINT "staff_delegations_delegator_id_users_id_fk" FOREIGN KEY ("delegator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_delegations" ADD CONSTRAINT "staff_delegations_substitute_id_users_id_fk" FOREIGN KEY ("substitute_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_delegations" ADD CONSTRAINT "staff_delegations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_delegations" ADD CONSTRAINT "staff_delegations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_delegations_substitute_idx" ON "staff_delegations" USING btree ("substitute_id","ends_on");--> statement-breakpoint
CREATE INDEX "staff_delegations_delegator_idx" ON "staff_delegations" USING btree ("delegator_id","ends_on");--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_on_behalf_of_id_users_id_fk" FOREIGN KEY ("on_behalf_of_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;