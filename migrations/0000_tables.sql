CREATE TABLE "audit_logs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"patient_id" uuid,
	"occurred_at" timestamp with time zone NOT NULL,
	"ip" text NOT NULL,
	"user_agent" text NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "audit_logs_resource_type_check" CHECK ("audit_logs"."resource_type" in ('patient', 'encounter', 'timeline_event', 'document', 'task', 'care_team_member')),
	CONSTRAINT "audit_logs_outcome_check" CHECK ("audit_logs"."outcome" in ('success', 'failure', 'denied'))
);
--> statement-breakpoint
CREATE TABLE "care_team_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"role" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone,
	CONSTRAINT "care_team_members_role_check" CHECK ("care_team_members"."role" in ('primary_care', 'specialist', 'attending', 'nurse', 'care_coordinator', 'pharmacist'))
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid,
	"author_id" uuid NOT NULL,
	"type_code" text NOT NULL,
	"type_display" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title || ' ' || body)) STORED,
	CONSTRAINT "documents_status_check" CHECK ("documents"."status" in ('preliminary', 'final', 'amended'))
);
--> statement-breakpoint
CREATE TABLE "encounters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"class" text NOT NULL,
	"status" text NOT NULL,
	"reason_code" text,
	"reason_display" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "encounters_class_check" CHECK ("encounters"."class" in ('ambulatory', 'emergency', 'inpatient', 'virtual')),
	CONSTRAINT "encounters_status_check" CHECK ("encounters"."status" in ('planned', 'in_progress', 'finished', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"tier" text NOT NULL,
	"timezone" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "organizations_tier_check" CHECK ("organizations"."tier" in ('enterprise', 'regional', 'community', 'clinic'))
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"mrn" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"birth_date" date NOT NULL,
	"sex" text NOT NULL,
	"phone" text,
	"email" text,
	"address_line" text,
	"city" text,
	"state" text,
	"postal_code" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "patients_sex_check" CHECK ("patients"."sex" in ('female', 'male', 'other', 'unknown'))
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"npi" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"role" text NOT NULL,
	"specialty" text NOT NULL,
	"email" text NOT NULL,
	"is_org_admin" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "providers_role_check" CHECK ("providers"."role" in ('physician', 'nurse_practitioner', 'physician_assistant', 'nurse', 'medical_assistant', 'pharmacist', 'care_coordinator'))
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"patient_id" uuid,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"priority" text NOT NULL,
	"assignee_id" uuid NOT NULL,
	"creator_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tasks_status_check" CHECK ("tasks"."status" in ('open', 'in_progress', 'done', 'cancelled')),
	CONSTRAINT "tasks_priority_check" CHECK ("tasks"."priority" in ('low', 'routine', 'urgent', 'stat'))
);
--> statement-breakpoint
CREATE TABLE "timeline_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"encounter_id" uuid,
	"category" text NOT NULL,
	"code_system" text NOT NULL,
	"code" text NOT NULL,
	"display" text NOT NULL,
	"value_numeric" numeric,
	"value_text" text,
	"unit" text,
	"status" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_by" uuid,
	"payload" jsonb NOT NULL,
	CONSTRAINT "timeline_events_category_check" CHECK ("timeline_events"."category" in ('vital', 'lab', 'diagnosis', 'medication', 'procedure', 'immunization', 'allergy')),
	CONSTRAINT "timeline_events_code_system_check" CHECK ("timeline_events"."code_system" in ('LOINC', 'ICD-10-CM', 'ICD-10-PCS', 'HCPCS', 'RXNORM', 'CVX', 'LOCAL')),
	CONSTRAINT "timeline_events_status_check" CHECK ("timeline_events"."status" in ('final', 'preliminary', 'amended', 'active', 'resolved', 'completed', 'stopped'))
);
