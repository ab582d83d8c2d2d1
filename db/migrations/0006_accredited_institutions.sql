CREATE TABLE "accredited_institutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_number" text NOT NULL,
	"name" text NOT NULL,
	"contact_email" text NOT NULL,
	"org_id" uuid,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accredited_institutions_certificateNumber_unique" UNIQUE("certificate_number")
);
--> statement-breakpoint
ALTER TABLE "accredited_institutions" ADD CONSTRAINT "accredited_institutions_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accredited_institutions" ADD CONSTRAINT "accredited_institutions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accredited_institutions_name_idx" ON "accredited_institutions" USING btree ("name");