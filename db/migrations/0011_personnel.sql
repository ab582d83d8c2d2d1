CREATE TABLE "personnel_exam_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"item" text NOT NULL,
	"name" text NOT NULL,
	"exam_starts_on" date NOT NULL,
	"exam_ends_on" date NOT NULL,
	"site" text NOT NULL,
	"capacity" integer NOT NULL,
	"taken" integer DEFAULT 0 NOT NULL,
	"enroll_opens_at" timestamp with time zone NOT NULL,
	"enroll_closes_at" timestamp with time zone NOT NULL,
	"fee_fen" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personnel_exam_plans_kind_check" CHECK ("personnel_exam_plans"."kind" in ('inspection', 'testing', 'typeTest')),
	CONSTRAINT "personnel_exam_plans_status_check" CHECK ("personnel_exam_plans"."status" in ('draft', 'open', 'closed')),
	CONSTRAINT "personnel_exam_plans_capacity_check" CHECK ("personnel_exam_plans"."capacity" > 0 and "personnel_exam_plans"."taken" >= 0 and "personnel_exam_plans"."taken" <= "personnel_exam_plans"."capacity"),
	CONSTRAINT "personnel_exam_plans_fee_check" CHECK ("personnel_exam_plans"."fee_fen" is null or "personnel_exam_plans"."fee_fen" >= 0),
	CONSTRAINT "personnel_exam_plans_dates_check" CHECK ("personnel_exam_plans"."exam_ends_on" >= "personnel_exam_plans"."exam_starts_on" and "personnel_exam_plans"."enroll_closes_at" > "personnel_exam_plans"."enroll_opens_at")
);
--> statement-breakpoint
CREATE TABLE "personnel_plan_seats" (
	"application_id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "personnel_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"photo_document_id" uuid,
	"education" text NOT NULL,
	"major_type" text NOT NULL,
	"major_code" text,
	"major_name" text NOT NULL,
	"employer" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"years_of_work" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "personnel_profiles_major_type_check" CHECK ("personnel_profiles"."major_type" in ('science', 'other')),
	CONSTRAINT "personnel_profiles_major_code_check" CHECK (("personnel_profiles"."major_type" = 'science') = ("personnel_profiles"."major_code" is not null)),
	CONSTRAINT "personnel_profiles_years_check" CHECK ("personnel_profiles"."years_of_work" between 0 and 60)
);
--> statement-breakpoint
ALTER TABLE "personnel_exam_plans" ADD CONSTRAINT "personnel_exam_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_plan_seats" ADD CONSTRAINT "personnel_plan_seats_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_plan_seats" ADD CONSTRAINT "personnel_plan_seats_plan_id_personnel_exam_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."personnel_exam_plans"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_plan_seats" ADD CONSTRAINT "personnel_plan_seats_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_profiles" ADD CONSTRAINT "personnel_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "personnel_profiles" ADD CONSTRAINT "personnel_profiles_photo_document_id_documents_id_fk" FOREIGN KEY ("photo_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "personnel_exam_plans_item_idx" ON "personnel_exam_plans" USING btree ("kind","item","status");--> statement-breakpoint
CREATE INDEX "personnel_exam_plans_created_idx" ON "personnel_exam_plans" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "personnel_plan_seats_person_idx" ON "personnel_plan_seats" USING btree ("plan_id","user_id");--> statement-breakpoint
CREATE INDEX "personnel_plan_seats_plan_idx" ON "personnel_plan_seats" USING btree ("plan_id","created_at");