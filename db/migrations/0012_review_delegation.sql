CREATE TABLE "review_conclusions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"remarks" text NOT NULL,
	"leader_id" uuid,
	"acted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_conclusions_roundId_unique" UNIQUE("round_id"),
	CONSTRAINT "review_conclusions_outcome_check" CHECK ("review_conclusions"."outcome" in ('pass', 'rectify', 'reReview', 'fail'))
);
--> statement-breakpoint
CREATE TABLE "review_evaluation_scores" (
	"evaluation_id" uuid NOT NULL,
	"criterion" text NOT NULL,
	"label" text NOT NULL,
	"score" smallint NOT NULL,
	CONSTRAINT "review_evaluation_scores_evaluation_id_criterion_pk" PRIMARY KEY("evaluation_id","criterion"),
	CONSTRAINT "review_evaluation_scores_score_check" CHECK ("review_evaluation_scores"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "review_evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"comment" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_evaluations_roundId_unique" UNIQUE("round_id")
);
--> statement-breakpoint
CREATE TABLE "review_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"expected_date" date NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"opinion" text,
	CONSTRAINT "review_invitations_status_check" CHECK ("review_invitations"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "review_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_letters_roundId_unique" UNIQUE("round_id")
);
--> statement-breakpoint
CREATE TABLE "review_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"location" text,
	"note" text,
	"leader_id" uuid NOT NULL,
	"issued_by" uuid,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	CONSTRAINT "review_notices_roundId_unique" UNIQUE("round_id"),
	CONSTRAINT "review_notices_dates_check" CHECK ("review_notices"."end_date" >= "review_notices"."start_date")
);
--> statement-breakpoint
CREATE TABLE "review_rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"note" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"opinion" text,
	CONSTRAINT "review_rectifications_status_check" CHECK ("review_rectifications"."status" in ('submitted', 'accepted', 'returned'))
);
--> statement-breakpoint
CREATE TABLE "review_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "review_rounds_number_check" CHECK ("review_rounds"."number" >= 1)
);
--> statement-breakpoint
CREATE TABLE "review_team_members" (
	"notice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "review_team_members_notice_id_user_id_pk" PRIMARY KEY("notice_id","user_id"),
	CONSTRAINT "review_team_members_role_check" CHECK ("review_team_members"."role" in ('leader', 'reviewer'))
);
--> statement-breakpoint
CREATE TABLE "review_unit_profiles" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"postal_code" text,
	"fax" text,
	"bank_name" text,
	"bank_account" text,
	"website" text,
	"registration_authority" text,
	"registration_date" date,
	"registered_capital" numeric(14, 2),
	"institution_type" text,
	"certificate_issuer" text,
	"parent_approval_date" date,
	"parent_approval_number" text,
	"parent_head" text,
	"license_document_id" uuid,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
ALTER TABLE "review_conclusions" ADD CONSTRAINT "review_conclusions_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_conclusions" ADD CONSTRAINT "review_conclusions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_conclusions" ADD CONSTRAINT "review_conclusions_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_conclusions" ADD CONSTRAINT "review_conclusions_acted_by_users_id_fk" FOREIGN KEY ("acted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_evaluation_scores" ADD CONSTRAINT "review_evaluation_scores_evaluation_id_review_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."review_evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_evaluations" ADD CONSTRAINT "review_evaluations_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_evaluations" ADD CONSTRAINT "review_evaluations_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_evaluations" ADD CONSTRAINT "review_evaluations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_invitations" ADD CONSTRAINT "review_invitations_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_invitations" ADD CONSTRAINT "review_invitations_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_invitations" ADD CONSTRAINT "review_invitations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_invitations" ADD CONSTRAINT "review_invitations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_letters" ADD CONSTRAINT "review_letters_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_letters" ADD CONSTRAINT "review_letters_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_letters" ADD CONSTRAINT "review_letters_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_letters" ADD CONSTRAINT "review_letters_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_notices" ADD CONSTRAINT "review_notices_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rectifications" ADD CONSTRAINT "review_rectifications_round_id_review_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."review_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rectifications" ADD CONSTRAINT "review_rectifications_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rectifications" ADD CONSTRAINT "review_rectifications_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rectifications" ADD CONSTRAINT "review_rectifications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_rounds" ADD CONSTRAINT "review_rounds_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_team_members" ADD CONSTRAINT "review_team_members_notice_id_review_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."review_notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_team_members" ADD CONSTRAINT "review_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_unit_profiles" ADD CONSTRAINT "review_unit_profiles_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_unit_profiles" ADD CONSTRAINT "review_unit_profiles_license_document_id_documents_id_fk" FOREIGN KEY ("license_document_id") REFERENCES "public"."documents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_unit_profiles" ADD CONSTRAINT "review_unit_profiles_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_delegations" ADD CONSTRAINT "staff_delegations_delegator_id_users_id_fk" FOREIGN KEY ("delegator_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_delegations" ADD CONSTRAINT "staff_delegations_substitute_id_users_id_fk" FOREIGN KEY ("substitute_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_delegations" ADD CONSTRAINT "staff_delegations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_delegations" ADD CONSTRAINT "staff_delegations_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_invitations_round_idx" ON "review_invitations" USING btree ("round_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_invitations_one_pending_idx" ON "review_invitations" USING btree ("round_id") WHERE "review_invitations"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "review_invitations_one_approved_idx" ON "review_invitations" USING btree ("round_id") WHERE "review_invitations"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "review_notices_leader_idx" ON "review_notices" USING btree ("leader_id");--> statement-breakpoint
CREATE INDEX "review_rectifications_round_idx" ON "review_rectifications" USING btree ("round_id","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_rectifications_one_open_idx" ON "review_rectifications" USING btree ("round_id") WHERE "review_rectifications"."status" = 'submitted';--> statement-breakpoint
CREATE UNIQUE INDEX "review_rounds_app_number_idx" ON "review_rounds" USING btree ("application_id","number");--> statement-breakpoint
CREATE INDEX "review_team_members_user_idx" ON "review_team_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "review_team_members_one_leader_idx" ON "review_team_members" USING btree ("notice_id") WHERE "review_team_members"."role" = 'leader';--> statement-breakpoint
CREATE INDEX "staff_delegations_substitute_idx" ON "staff_delegations" USING btree ("substitute_id","ends_on");--> statement-breakpoint
CREATE INDEX "staff_delegations_delegator_idx" ON "staff_delegations" USING btree ("delegator_id","ends_on");--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_on_behalf_of_id_users_id_fk" FOREIGN KEY ("on_behalf_of_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;