CREATE TABLE "enterprise_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"id_type" text NOT NULL,
	"id_number" text NOT NULL,
	"gender" text,
	"birth_date" date,
	"education" text,
	"title" text,
	"position" text,
	"grade" text NOT NULL,
	"certificates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photo_document_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "enterprise_staff_grade_check" CHECK ("enterprise_staff"."grade" in ('senior', 'intermediate', 'junior'))
);
--> statement-breakpoint
CREATE TABLE "qualification_levels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"rank" integer NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"requirements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"materials" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"validity_months" integer DEFAULT 36 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qualification_levels_code_unique" UNIQUE("code"),
	CONSTRAINT "qualification_levels_rank_unique" UNIQUE("rank"),
	CONSTRAINT "qualification_levels_rank_check" CHECK ("qualification_levels"."rank" > 0),
	CONSTRAINT "qualification_levels_validity_check" CHECK ("qualification_levels"."validity_months" > 0)
);
--> statement-breakpoint
CREATE TABLE "qualification_overdue_stages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"qualification_id" uuid NOT NULL,
	"cycle_due_on" date NOT NULL,
	"stage" text NOT NULL,
	"action" text NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reversed_at" timestamp with time zone,
	"reversed_by" uuid,
	"reverse_reason" text,
	CONSTRAINT "qualification_overdue_stages_action_check" CHECK ("qualification_overdue_stages"."action" in ('remind', 'warn', 'suspend'))
);
--> statement-breakpoint
CREATE TABLE "qualifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"level_id" uuid NOT NULL,
	"certificate_id" uuid,
	"application_id" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"review_due_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"suspended_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qualifications_orgId_unique" UNIQUE("org_id"),
	CONSTRAINT "qualifications_status_check" CHECK ("qualifications"."status" in ('active', 'suspended'))
);
--> statement-breakpoint
CREATE TABLE "training_courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"enroll_opens_at" timestamp with time zone NOT NULL,
	"enroll_closes_at" timestamp with time zone NOT NULL,
	"capacity" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_courses_code_unique" UNIQUE("code"),
	CONSTRAINT "training_courses_status_check" CHECK ("training_courses"."status" in ('draft', 'open', 'closed')),
	CONSTRAINT "training_courses_window_check" CHECK ("training_courses"."enroll_opens_at" < "training_courses"."enroll_closes_at" and "training_courses"."starts_on" <= "training_courses"."ends_on"),
	CONSTRAINT "training_courses_capacity_check" CHECK ("training_courses"."capacity" is null or "training_courses"."capacity" > 0)
);
--> statement-breakpoint
CREATE TABLE "training_enrollments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"course_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"batch_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificates" DROP CONSTRAINT "certificates_status_check";--> statement-breakpoint
ALTER TABLE "certificates" ADD COLUMN "suspend_reason" text;--> statement-breakpoint
ALTER TABLE "enterprise_staff" ADD CONSTRAINT "enterprise_staff_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_staff" ADD CONSTRAINT "enterprise_staff_photo_document_id_documents_id_fk" FOREIGN KEY ("photo_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_staff" ADD CONSTRAINT "enterprise_staff_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification_overdue_stages" ADD CONSTRAINT "qualification_overdue_stages_qualification_id_qualifications_id_fk" FOREIGN KEY ("qualification_id") REFERENCES "public"."qualifications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualification_overdue_stages" ADD CONSTRAINT "qualification_overdue_stages_reversed_by_users_id_fk" FOREIGN KEY ("reversed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_level_id_qualification_levels_id_fk" FOREIGN KEY ("level_id") REFERENCES "public"."qualification_levels"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qualifications" ADD CONSTRAINT "qualifications_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_course_id_training_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_courses"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_staff_id_enterprise_staff_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."enterprise_staff"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_enrollments" ADD CONSTRAINT "training_enrollments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enterprise_staff_person_idx" ON "enterprise_staff" USING btree ("org_id","id_type","id_number") WHERE "enterprise_staff"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "enterprise_staff_org_idx" ON "enterprise_staff" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "qualification_overdue_stages_once_idx" ON "qualification_overdue_stages" USING btree ("qualification_id","cycle_due_on","stage");--> statement-breakpoint
CREATE INDEX "qualifications_review_due_idx" ON "qualifications" USING btree ("review_due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "training_enrollments_once_idx" ON "training_enrollments" USING btree ("course_id","staff_id");--> statement-breakpoint
CREATE INDEX "training_enrollments_org_idx" ON "training_enrollments" USING btree ("org_id","created_at");--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_suspend_check" CHECK (("certificates"."status" = 'suspended') = ("certificates"."suspend_reason" is not null));--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_status_check" CHECK ("certificates"."status" in ('valid', 'suspended', 'void', 'replaced'));