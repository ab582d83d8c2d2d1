CREATE TABLE "legacy_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"legacy_username" text NOT NULL,
	"password_hash" text NOT NULL,
	"org_name" text NOT NULL,
	"credit_code" text,
	"contact_name" text,
	"contact_phone" text,
	"region_code" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"imported_by" uuid,
	"activated_user_id" uuid,
	"activated_at" timestamp with time zone,
	CONSTRAINT "legacy_accounts_legacyUsername_unique" UNIQUE("legacy_username")
);
--> statement-breakpoint
ALTER TABLE "legacy_accounts" ADD CONSTRAINT "legacy_accounts_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legacy_accounts" ADD CONSTRAINT "legacy_accounts_activated_user_id_users_id_fk" FOREIGN KEY ("activated_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "legacy_accounts_activated_idx" ON "legacy_accounts" USING btree ("activated_user_id");