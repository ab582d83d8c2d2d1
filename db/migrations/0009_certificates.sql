CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"number" text NOT NULL,
	"token" text NOT NULL,
	"module" text NOT NULL,
	"holder_user_id" uuid,
	"holder_org_id" uuid,
	"holder_name" text NOT NULL,
	"subject" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"application_id" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" timestamp with time zone,
	"status" text DEFAULT 'valid' NOT NULL,
	"replaced_by_id" uuid,
	"void_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"renewed_at" timestamp with time zone,
	"pdf_key" text,
	"pdf_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_number_unique" UNIQUE("number"),
	CONSTRAINT "certificates_token_unique" UNIQUE("token"),
	CONSTRAINT "certificates_status_check" CHECK ("certificates"."status" in ('valid', 'void', 'replaced')),
	CONSTRAINT "certificates_replaced_check" CHECK (("certificates"."status" = 'replaced') = ("certificates"."replaced_by_id" is not null)),
	CONSTRAINT "certificates_void_check" CHECK ("certificates"."status" <> 'void' or "certificates"."void_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_holder_user_id_users_id_fk" FOREIGN KEY ("holder_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_holder_org_id_organizations_id_fk" FOREIGN KEY ("holder_org_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_replaced_by_id_certificates_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."certificates"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificates_holder_user_idx" ON "certificates" USING btree ("holder_user_id","issued_at");--> statement-breakpoint
CREATE INDEX "certificates_holder_org_idx" ON "certificates" USING btree ("holder_org_id","issued_at");--> statement-breakpoint
CREATE INDEX "certificates_module_idx" ON "certificates" USING btree ("module","created_at");--> statement-breakpoint
CREATE INDEX "certificates_application_idx" ON "certificates" USING btree ("application_id");