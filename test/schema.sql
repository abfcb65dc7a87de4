-- generated, do not edit: npx vitest run test/db/schema-drift.test.ts -u
-- columns
audit_logs.action text not null
audit_logs.actor_id uuid not null
audit_logs.id uuid not null
audit_logs.ip text not null
audit_logs.occurred_at timestamp with time zone not null
audit_logs.org_id uuid not null
audit_logs.outcome text not null
audit_logs.patient_id uuid
audit_logs.resource_id uuid not null
audit_logs.resource_type text not null
audit_logs.user_agent text not null
care_team_members.id uuid not null
care_team_members.org_id uuid not null
care_team_members.patient_id uuid not null
care_team_members.period_end timestamp with time zone
care_team_members.period_start timestamp with time zone not null
care_team_members.provider_id uuid not null
care_team_members.role text not null
documents.author_id uuid not null
documents.body text not null
documents.created_at timestamp with time zone not null
documents.encounter_id uuid
documents.id uuid not null
documents.org_id uuid not null
documents.patient_id uuid not null
documents.search_vector tsvector
documents.status text not null
documents.title text not null
documents.type_code text not null
documents.type_display text not null
encounters.class text not null
encounters.ended_at timestamp with time zone
encounters.id uuid not null
encounters.org_id uuid not null
encounters.patient_id uuid not null
encounters.provider_id uuid not null
encounters.reason_code text
encounters.reason_display text
encounters.started_at timestamp with time zone not null
encounters.status text not null
organizations.created_at timestamp with time zone not null
organizations.id uuid not null
organizations.name text not null
organizations.slug text not null
organizations.tier text not null
organizations.timezone text not null
patients.address_line text
patients.birth_date date not null
patients.city text
patients.created_at timestamp with time zone not null
patients.email text
patients.family_name text not null
patients.given_name text not null
patients.id uuid not null
patients.mrn text not null
patients.org_id uuid not null
patients.phone text
patients.postal_code text
patients.sex text not null
patients.state text
pg_stat_statements.calls bigint
pg_stat_statements.dbid oid
pg_stat_statements.jit_deform_count bigint
pg_stat_statements.jit_deform_time double precision
pg_stat_statements.jit_emission_count bigint
pg_stat_statements.jit_emission_time double precision
pg_stat_statements.jit_functions bigint
pg_stat_statements.jit_generation_time double precision
pg_stat_statements.jit_inlining_count bigint
pg_stat_statements.jit_inlining_time double precision
pg_stat_statements.jit_optimization_count bigint
pg_stat_statements.jit_optimization_time double precision
pg_stat_statements.local_blk_read_time double precision
pg_stat_statements.local_blk_write_time double precision
pg_stat_statements.local_blks_dirtied bigint
pg_stat_statements.local_blks_hit bigint
pg_stat_statements.local_blks_read bigint
pg_stat_statements.local_blks_written bigint
pg_stat_statements.max_exec_time double precision
pg_stat_statements.max_plan_time double precision
pg_stat_statements.mean_exec_time double precision
pg_stat_statements.mean_plan_time double precision
pg_stat_statements.min_exec_time double precision
pg_stat_statements.min_plan_time double precision
pg_stat_statements.minmax_stats_since timestamp with time zone
pg_stat_statements.plans bigint
pg_stat_statements.query text
pg_stat_statements.queryid bigint
pg_stat_statements.rows bigint
pg_stat_statements.shared_blk_read_time double precision
pg_stat_statements.shared_blk_write_time double precision
pg_stat_statements.shared_blks_dirtied bigint
pg_stat_statements.shared_blks_hit bigint
pg_stat_statements.shared_blks_read bigint
pg_stat_statements.shared_blks_written bigint
pg_stat_statements.stats_since timestamp with time zone
pg_stat_statements.stddev_exec_time double precision
pg_stat_statements.stddev_plan_time double precision
pg_stat_statements.temp_blk_read_time double precision
pg_stat_statements.temp_blk_write_time double precision
pg_stat_statements.temp_blks_read bigint
pg_stat_statements.temp_blks_written bigint
pg_stat_statements.toplevel boolean
pg_stat_statements.total_exec_time double precision
pg_stat_statements.total_plan_time double precision
pg_stat_statements.userid oid
pg_stat_statements.wal_bytes numeric
pg_stat_statements.wal_fpi bigint
pg_stat_statements.wal_records bigint
pg_stat_statements_info.dealloc bigint
pg_stat_statements_info.stats_reset timestamp with time zone
providers.created_at timestamp with time zone not null
providers.email text not null
providers.family_name text not null
providers.given_name text not null
providers.id uuid not null
providers.is_org_admin boolean not null
providers.npi text not null
providers.org_id uuid not null
providers.role text not null
providers.specialty text not null
runs.error text
runs.failed_table text
runs.finished_at timestamp with time zone
runs.generator_version text not null
runs.id bigint not null
runs.manifest jsonb
runs.options jsonb not null default '{}'::jsonb
runs.phase text
runs.profile text not null
runs.seed text not null
runs.source text not null default 'seed'::text
runs.started_at timestamp with time zone not null default now()
runs.status text not null
runs.timings jsonb
runs.volumes jsonb not null
schema_migrations.applied_at timestamp with time zone not null default now()
schema_migrations.checksum text not null
schema_migrations.phase text not null
schema_migrations.tag text not null
tasks.assignee_id uuid not null
tasks.completed_at timestamp with time zone
tasks.created_at timestamp with time zone not null
tasks.creator_id uuid
tasks.due_at timestamp with time zone not null
tasks.id uuid not null
tasks.kind text not null
tasks.org_id uuid not null
tasks.patient_id uuid
tasks.priority text not null
tasks.status text not null
tasks.title text not null
timeline_events.category text not null
timeline_events.code text not null
timeline_events.code_system text not null
timeline_events.display text not null
timeline_events.encounter_id uuid
timeline_events.id uuid not null
timeline_events.occurred_at timestamp with time zone not null
timeline_events.org_id uuid not null
timeline_events.patient_id uuid not null
timeline_events.payload jsonb not null
timeline_events.recorded_by uuid
timeline_events.status text not null
timeline_events.unit text
timeline_events.value_numeric numeric
timeline_events.value_text text

-- constraints
audit_logs audit_logs_actor_fkey FOREIGN KEY (org_id, actor_id) REFERENCES providers(org_id, id)
audit_logs audit_logs_outcome_check CHECK ((outcome = ANY (ARRAY['success'::text, 'failure'::text, 'denied'::text])))
audit_logs audit_logs_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id)
audit_logs audit_logs_pkey PRIMARY KEY (id)
audit_logs audit_logs_resource_type_check CHECK ((resource_type = ANY (ARRAY['patient'::text, 'encounter'::text, 'timeline_event'::text, 'document'::text, 'task'::text, 'care_team_member'::text])))
care_team_members care_team_members_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id)
care_team_members care_team_members_pkey PRIMARY KEY (id)
care_team_members care_team_members_provider_fkey FOREIGN KEY (org_id, provider_id) REFERENCES providers(org_id, id)
care_team_members care_team_members_role_check CHECK ((role = ANY (ARRAY['primary_care'::text, 'specialist'::text, 'attending'::text, 'nurse'::text, 'care_coordinator'::text, 'pharmacist'::text])))
documents documents_author_fkey FOREIGN KEY (org_id, author_id) REFERENCES providers(org_id, id)
documents documents_encounter_fkey FOREIGN KEY (org_id, encounter_id) REFERENCES encounters(org_id, id)
documents documents_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id)
documents documents_pkey PRIMARY KEY (id)
documents documents_status_check CHECK ((status = ANY (ARRAY['preliminary'::text, 'final'::text, 'amended'::text])))
encounters encounters_class_check CHECK ((class = ANY (ARRAY['ambulatory'::text, 'emergency'::text, 'inpatient'::text, 'virtual'::text])))
encounters encounters_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id)
encounters encounters_pkey PRIMARY KEY (id)
encounters encounters_provider_fkey FOREIGN KEY (org_id, provider_id) REFERENCES providers(org_id, id)
encounters encounters_status_check CHECK ((status = ANY (ARRAY['planned'::text, 'in_progress'::text, 'finished'::text, 'cancelled'::text])))
organizations organizations_pkey PRIMARY KEY (id)
organizations organizations_tier_check CHECK ((tier = ANY (ARRAY['enterprise'::text, 'regional'::text, 'community'::text, 'clinic'::text])))
patients patients_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations(id)
patients patients_pkey PRIMARY KEY (id)
patients patients_sex_check CHECK ((sex = ANY (ARRAY['female'::text, 'male'::text, 'other'::text, 'unknown'::text])))
providers providers_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations(id)
providers providers_pkey PRIMARY KEY (id)
providers providers_role_check CHECK ((role = ANY (ARRAY['physician'::text, 'nurse_practitioner'::text, 'physician_assistant'::text, 'nurse'::text, 'medical_assistant'::text, 'pharmacist'::text, 'care_coordinator'::text])))
runs runs_pkey PRIMARY KEY (id)
runs runs_source_check CHECK ((source = ANY (ARRAY['seed'::text, 'load.sql'::text])))
runs runs_status_check CHECK ((status = ANY (ARRAY['running'::text, 'succeeded'::text, 'failed'::text, 'abandoned'::text])))
schema_migrations schema_migrations_pkey PRIMARY KEY (tag)
tasks tasks_assignee_fkey FOREIGN KEY (org_id, assignee_id) REFERENCES providers(org_id, id)
tasks tasks_creator_fkey FOREIGN KEY (org_id, creator_id) REFERENCES providers(org_id, id)
tasks tasks_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id)
tasks tasks_pkey PRIMARY KEY (id)
tasks tasks_priority_check CHECK ((priority = ANY (ARRAY['low'::text, 'routine'::text, 'urgent'::text, 'stat'::text])))
tasks tasks_status_check CHECK ((status = ANY (ARRAY['open'::text, 'in_progress'::text, 'done'::text, 'cancelled'::text])))
timeline_events timeline_events_category_check CHECK ((category = ANY (ARRAY['vital'::text, 'lab'::text, 'diagnosis'::text, 'medication'::text, 'procedure'::text, 'immunization'::text, 'allergy'::text])))
timeline_events timeline_events_code_system_check CHECK ((code_system = ANY (ARRAY['LOINC'::text, 'ICD-10-CM'::text, 'ICD-10-PCS'::text, 'HCPCS'::text, 'RXNORM'::text, 'CVX'::text, 'LOCAL'::text])))
timeline_events timeline_events_encounter_fkey FOREIGN KEY (org_id, encounter_id) REFERENCES encounters(org_id, id)
timeline_events timeline_events_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients(org_id, id)
timeline_events timeline_events_pkey PRIMARY KEY (id)
timeline_events timeline_events_recorded_by_fkey FOREIGN KEY (org_id, recorded_by) REFERENCES providers(org_id, id)
timeline_events timeline_events_status_check CHECK ((status = ANY (ARRAY['final'::text, 'preliminary'::text, 'amended'::text, 'active'::text, 'resolved'::text, 'completed'::text, 'stopped'::text])))

-- indexes
CREATE INDEX audit_logs_actor_id_occurred_at_idx ON public.audit_logs USING btree (actor_id, occurred_at)
CREATE INDEX audit_logs_org_id_occurred_at_idx ON public.audit_logs USING brin (org_id, occurred_at)
CREATE INDEX audit_logs_patient_id_occurred_at_idx ON public.audit_logs USING btree (patient_id, occurred_at)
CREATE INDEX care_team_members_patient_id_idx ON public.care_team_members USING btree (patient_id)
CREATE INDEX care_team_members_provider_id_idx ON public.care_team_members USING btree (provider_id, patient_id) WHERE (period_end IS NULL)
CREATE INDEX documents_encounter_id_idx ON public.documents USING btree (encounter_id)
CREATE INDEX documents_org_id_created_at_idx ON public.documents USING btree (org_id, created_at)
CREATE INDEX documents_patient_id_created_at_idx ON public.documents USING btree (patient_id, created_at DESC)
CREATE INDEX documents_search_vector_idx ON public.documents USING gin (search_vector)
CREATE INDEX encounters_org_id_started_at_idx ON public.encounters USING btree (org_id, started_at)
CREATE INDEX encounters_patient_id_started_at_idx ON public.encounters USING btree (patient_id, started_at DESC)
CREATE INDEX patients_org_id_family_name_idx ON public.patients USING btree (org_id, family_name, given_name)
CREATE INDEX tasks_assignee_id_status_due_at_idx ON public.tasks USING btree (assignee_id, status, due_at)
CREATE INDEX tasks_org_id_status_due_at_idx ON public.tasks USING btree (org_id, status, due_at)
CREATE INDEX tasks_patient_id_idx ON public.tasks USING btree (patient_id)
CREATE INDEX timeline_events_encounter_id_idx ON public.timeline_events USING btree (encounter_id)
CREATE INDEX timeline_events_org_id_category_occurred_at_idx ON public.timeline_events USING btree (org_id, category, occurred_at)
CREATE INDEX timeline_events_patient_id_category_occurred_at_idx ON public.timeline_events USING btree (patient_id, category, occurred_at)
CREATE INDEX timeline_events_patient_id_occurred_at_idx ON public.timeline_events USING btree (patient_id, occurred_at DESC)
CREATE UNIQUE INDEX audit_logs_pkey ON public.audit_logs USING btree (id)
CREATE UNIQUE INDEX care_team_members_pkey ON public.care_team_members USING btree (id)
CREATE UNIQUE INDEX documents_pkey ON public.documents USING btree (id)
CREATE UNIQUE INDEX encounters_org_id_id_key ON public.encounters USING btree (org_id, id)
CREATE UNIQUE INDEX encounters_pkey ON public.encounters USING btree (id)
CREATE UNIQUE INDEX organizations_pkey ON public.organizations USING btree (id)
CREATE UNIQUE INDEX organizations_slug_key ON public.organizations USING btree (slug)
CREATE UNIQUE INDEX patients_org_id_id_key ON public.patients USING btree (org_id, id)
CREATE UNIQUE INDEX patients_org_id_mrn_key ON public.patients USING btree (org_id, mrn)
CREATE UNIQUE INDEX patients_pkey ON public.patients USING btree (id)
CREATE UNIQUE INDEX providers_npi_key ON public.providers USING btree (npi)
CREATE UNIQUE INDEX providers_org_id_id_key ON public.providers USING btree (org_id, id)
CREATE UNIQUE INDEX providers_pkey ON public.providers USING btree (id)
CREATE UNIQUE INDEX runs_pkey ON medseed.runs USING btree (id)
CREATE UNIQUE INDEX schema_migrations_pkey ON medseed.schema_migrations USING btree (tag)
CREATE UNIQUE INDEX tasks_pkey ON public.tasks USING btree (id)
CREATE UNIQUE INDEX timeline_events_pkey ON public.timeline_events USING btree (id)

-- rls
audit_logs rls=t force=t owner=medseed_owner
care_team_members rls=t force=t owner=medseed_owner
documents rls=t force=t owner=medseed_owner
encounters rls=t force=t owner=medseed_owner
organizations rls=t force=t owner=medseed_owner
patients rls=t force=t owner=medseed_owner
providers rls=t force=t owner=medseed_owner
tasks rls=t force=t owner=medseed_owner
timeline_events rls=t force=t owner=medseed_owner

-- policies
audit_logs own_actions PERMISSIVE ALL to medseed_app using ((actor_id = ( SELECT current_provider_id() AS current_provider_id))) check ((actor_id = ( SELECT current_provider_id() AS current_provider_id)))
audit_logs tenant_isolation RESTRICTIVE ALL to public using ((org_id = ( SELECT current_org_id() AS current_org_id))) check ((org_id = ( SELECT current_org_id() AS current_org_id)))
audit_logs whole_org PERMISSIVE ALL to medseed_org_admin,medseed_owner using (true) check (true)
care_team_members own_memberships PERMISSIVE ALL to medseed_app using ((provider_id = ( SELECT current_provider_id() AS current_provider_id))) check ((provider_id = ( SELECT current_provider_id() AS current_provider_id)))
care_team_members tenant_isolation RESTRICTIVE ALL to public using ((org_id = ( SELECT current_org_id() AS current_org_id))) check ((org_id = ( SELECT current_org_id() AS current_org_id)))
care_team_members whole_org PERMISSIVE ALL to medseed_org_admin,medseed_owner using (true) check (true)
documents care_team PERMISSIVE ALL to medseed_app using ((patient_id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[]))) check ((patient_id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[])))
documents tenant_isolation RESTRICTIVE ALL to public using ((org_id = ( SELECT current_org_id() AS current_org_id))) check ((org_id = ( SELECT current_org_id() AS current_org_id)))
documents whole_org PERMISSIVE ALL to medseed_org_admin,medseed_owner using (true) check (true)
encounters care_team PERMISSIVE ALL to medseed_app using ((patient_id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[]))) check ((patient_id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[])))
encounters tenant_isolation RESTRICTIVE ALL to public using ((org_id = ( SELECT current_org_id() AS current_org_id))) check ((org_id = ( SELECT current_org_id() AS current_org_id)))
encounters whole_org PERMISSIVE ALL to medseed_org_admin,medseed_owner using (true) check (true)
organizations org_directory PERMISSIVE SELECT to medseed_app using (true) check ()
organizations tenant_isolation RESTRICTIVE ALL to public using ((id = ( SELECT current_org_id() AS current_org_id))) check ((id = ( SELECT current_org_id() AS current_org_id)))
organizations whole_org PERMISSIVE ALL to medseed_org_admin,medseed_owner using (true) check (true)
patients care_team PERMISSIVE ALL to medseed_app using ((id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[]))) check ((id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[])))
patients tenant_isolation RESTRICTIVE ALL to public using ((org_id = ( SELECT current_org_id() AS current_org_id))) check ((org_id = ( SELECT current_org_id() AS current_org_id)))
patients whole_org PERMISSIVE ALL to medseed_org_admin,medseed_owner using (true) check (true)
providers org_directory PERMISSIVE SELECT to medseed_app using (true) check ()
providers tenant_isolation RESTRICTIVE ALL to public using ((org_id = ( SELECT current_org_id() AS current_org_id))) check ((org_id = ( SELECT current_org_id() AS current_org_id)))
providers whole_org PERMISSIVE ALL to medseed_org_admin,medseed_owner using (true) check (true)
tasks assigned_to_me PERMISSIVE ALL to medseed_app using ((assignee_id = ( SELECT current_provider_id() AS current_provider_id))) check ((assignee_id = ( SELECT current_provider_id() AS current_provider_id)))
tasks care_team PERMISSIVE ALL to medseed_app using ((patient_id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[]))) check ((patient_id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[])))
tasks tenant_isolation RESTRICTIVE ALL to public using ((org_id = ( SELECT current_org_id() AS current_org_id))) check ((org_id = ( SELECT current_org_id() AS current_org_id)))
tasks whole_org PERMISSIVE ALL to medseed_org_admin,medseed_owner using (true) check (true)
timeline_events care_team PERMISSIVE ALL to medseed_app using ((patient_id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[]))) check ((patient_id = ANY (( SELECT my_patient_ids() AS my_patient_ids)::uuid[])))
timeline_events tenant_isolation RESTRICTIVE ALL to public using ((org_id = ( SELECT current_org_id() AS current_org_id))) check ((org_id = ( SELECT current_org_id() AS current_org_id)))
timeline_events whole_org PERMISSIVE ALL to medseed_org_admin,medseed_owner using (true) check (true)

-- functions
CREATE OR REPLACE FUNCTION medseed.current_org_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $function$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $function$ 
CREATE OR REPLACE FUNCTION medseed.current_provider_id() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS $function$ SELECT nullif(current_setting('app.provider_id', true), '')::uuid $function$ 
CREATE OR REPLACE FUNCTION medseed.documents_search_vector() RETURNS trigger LANGUAGE plpgsql SET search_path TO 'pg_catalog' AS $function$ BEGIN NEW.search_vector := to_tsvector('english'::regconfig, NEW.title || ' ' || NEW.body); RETURN NEW; END $function$ 
CREATE OR REPLACE FUNCTION medseed.my_patient_ids() RETURNS uuid[] LANGUAGE sql STABLE PARALLEL SAFE AS $function$ SELECT coalesce(array_agg(patient_id), '{}'::uuid[]) FROM public.care_team_members WHERE provider_id = medseed.current_provider_id() AND org_id = medseed.current_org_id() AND period_end IS NULL $function$ 

-- triggers
CREATE TRIGGER documents_search_vector_insert BEFORE INSERT ON public.documents FOR EACH ROW WHEN ((new.search_vector IS NULL)) EXECUTE FUNCTION documents_search_vector()
CREATE TRIGGER documents_search_vector_update BEFORE UPDATE OF title, body ON public.documents FOR EACH ROW EXECUTE FUNCTION documents_search_vector()

-- grants
audit_logs medseed_app DELETE,INSERT,SELECT,UPDATE
audit_logs medseed_org_admin DELETE,INSERT,SELECT,UPDATE
audit_logs medseed_owner DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE
care_team_members medseed_app DELETE,INSERT,SELECT,UPDATE
care_team_members medseed_org_admin DELETE,INSERT,SELECT,UPDATE
care_team_members medseed_owner DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE
documents medseed_app DELETE,INSERT,SELECT,UPDATE
documents medseed_org_admin DELETE,INSERT,SELECT,UPDATE
documents medseed_owner DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE
encounters medseed_app DELETE,INSERT,SELECT,UPDATE
encounters medseed_org_admin DELETE,INSERT,SELECT,UPDATE
encounters medseed_owner DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE
organizations medseed_app DELETE,INSERT,SELECT,UPDATE
organizations medseed_org_admin DELETE,INSERT,SELECT,UPDATE
organizations medseed_owner DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE
patients medseed_app DELETE,INSERT,SELECT,UPDATE
patients medseed_org_admin DELETE,INSERT,SELECT,UPDATE
patients medseed_owner DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE
providers medseed_app DELETE,INSERT,SELECT,UPDATE
providers medseed_org_admin DELETE,INSERT,SELECT,UPDATE
providers medseed_owner DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE
tasks medseed_app DELETE,INSERT,SELECT,UPDATE
tasks medseed_org_admin DELETE,INSERT,SELECT,UPDATE
tasks medseed_owner DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE
timeline_events medseed_app DELETE,INSERT,SELECT,UPDATE
timeline_events medseed_org_admin DELETE,INSERT,SELECT,UPDATE
timeline_events medseed_owner DELETE,INSERT,REFERENCES,SELECT,TRIGGER,TRUNCATE,UPDATE
