-- medseed's reference schema, Citus-ready variant: a design (see docs/scale-out.md). Plain
-- PostgreSQL runs it as is, into an empty database: psql -v ON_ERROR_STOP=1 -1 -f docs/citus/schema.sql
-- On a Citus coordinator, run docs/citus/distribute.sql after it, before loading any row.
--
-- What differs from migrations/0000, 0001 and 0003, and why:
--   * every primary key, unique key and foreign key of a distributed table includes org_id, so
--     each is checked inside one shard (Citus refuses the others);
--   * providers' NPI is unique per organization, no longer across organizations (a global unique
--     key cannot be checked inside one shard);
--   * policies hold no subquery (Citus refuses a policy whose expression has a sublink): the
--     settings are compared directly, and a clinician's patients come from a setting the
--     application fills at the start of the transaction (app.patient_ids) instead of a function
--     reading care_team_members, which a shard query may not do either.
-- Column names, types and checks are those of the reference schema; test/db/citus-variant.test.ts
-- checks that they stay so.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'medseed_owner') THEN
    CREATE ROLE medseed_owner NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'medseed_app') THEN
    CREATE ROLE medseed_app NOLOGIN NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'medseed_org_admin') THEN
    CREATE ROLE medseed_org_admin NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO medseed_owner, medseed_app, medseed_org_admin;

-- Reference table: one row per tenant, replicated to every node.
CREATE TABLE organizations (
  id uuid NOT NULL,
  name text NOT NULL,
  slug text NOT NULL,
  tier text NOT NULL,
  timezone text NOT NULL,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT organizations_pkey PRIMARY KEY (id),
  CONSTRAINT organizations_slug_key UNIQUE (slug),
  CONSTRAINT organizations_tier_check CHECK (tier in ('enterprise', 'regional', 'community', 'clinic'))
);

-- Distributed tables, all by org_id and colocated: a tenant's rows of every table share a node.
CREATE TABLE providers (
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  npi text NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  role text NOT NULL,
  specialty text NOT NULL,
  email text NOT NULL,
  is_org_admin boolean NOT NULL,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT providers_pkey PRIMARY KEY (org_id, id),
  CONSTRAINT providers_org_id_npi_key UNIQUE (org_id, npi),
  CONSTRAINT providers_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id),
  CONSTRAINT providers_role_check CHECK (role in ('physician', 'nurse_practitioner', 'physician_assistant', 'nurse', 'medical_assistant', 'pharmacist', 'care_coordinator'))
);

CREATE TABLE patients (
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  mrn text NOT NULL,
  given_name text NOT NULL,
  family_name text NOT NULL,
  birth_date date NOT NULL,
  sex text NOT NULL,
  phone text,
  email text,
  address_line text,
  city text,
  state text,
  postal_code text,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT patients_pkey PRIMARY KEY (org_id, id),
  CONSTRAINT patients_org_id_mrn_key UNIQUE (org_id, mrn),
  CONSTRAINT patients_org_id_fkey FOREIGN KEY (org_id) REFERENCES organizations (id),
  CONSTRAINT patients_sex_check CHECK (sex in ('female', 'male', 'other', 'unknown'))
);

CREATE TABLE care_team_members (
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  role text NOT NULL,
  period_start timestamp with time zone NOT NULL,
  period_end timestamp with time zone,
  CONSTRAINT care_team_members_pkey PRIMARY KEY (org_id, id),
  CONSTRAINT care_team_members_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id),
  CONSTRAINT care_team_members_provider_fkey FOREIGN KEY (org_id, provider_id) REFERENCES providers (org_id, id),
  CONSTRAINT care_team_members_role_check CHECK (role in ('primary_care', 'specialist', 'attending', 'nurse', 'care_coordinator', 'pharmacist'))
);

CREATE TABLE encounters (
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  class text NOT NULL,
  status text NOT NULL,
  reason_code text,
  reason_display text,
  started_at timestamp with time zone NOT NULL,
  ended_at timestamp with time zone,
  CONSTRAINT encounters_pkey PRIMARY KEY (org_id, id),
  CONSTRAINT encounters_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id),
  CONSTRAINT encounters_provider_fkey FOREIGN KEY (org_id, provider_id) REFERENCES providers (org_id, id),
  CONSTRAINT encounters_class_check CHECK (class in ('ambulatory', 'emergency', 'inpatient', 'virtual')),
  CONSTRAINT encounters_status_check CHECK (status in ('planned', 'in_progress', 'finished', 'cancelled'))
);

CREATE TABLE timeline_events (
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  encounter_id uuid,
  category text NOT NULL,
  code_system text NOT NULL,
  code text NOT NULL,
  display text NOT NULL,
  value_numeric numeric,
  value_text text,
  unit text,
  status text NOT NULL,
  occurred_at timestamp with time zone NOT NULL,
  recorded_by uuid,
  payload jsonb NOT NULL,
  CONSTRAINT timeline_events_pkey PRIMARY KEY (org_id, id),
  CONSTRAINT timeline_events_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id),
  CONSTRAINT timeline_events_encounter_fkey FOREIGN KEY (org_id, encounter_id) REFERENCES encounters (org_id, id),
  CONSTRAINT timeline_events_recorded_by_fkey FOREIGN KEY (org_id, recorded_by) REFERENCES providers (org_id, id),
  CONSTRAINT timeline_events_category_check CHECK (category in ('vital', 'lab', 'diagnosis', 'medication', 'procedure', 'immunization', 'allergy')),
  CONSTRAINT timeline_events_code_system_check CHECK (code_system in ('LOINC', 'ICD-10-CM', 'ICD-10-PCS', 'HCPCS', 'RXNORM', 'CVX', 'LOCAL')),
  CONSTRAINT timeline_events_status_check CHECK (status in ('final', 'preliminary', 'amended', 'active', 'resolved', 'completed', 'stopped'))
);

CREATE TABLE documents (
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  encounter_id uuid,
  author_id uuid NOT NULL,
  type_code text NOT NULL,
  type_display text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  status text NOT NULL,
  created_at timestamp with time zone NOT NULL,
  -- filled by medseed on load, by the triggers below for the application's own writes (as 0006)
  search_vector tsvector,
  CONSTRAINT documents_pkey PRIMARY KEY (org_id, id),
  CONSTRAINT documents_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id),
  CONSTRAINT documents_encounter_fkey FOREIGN KEY (org_id, encounter_id) REFERENCES encounters (org_id, id),
  CONSTRAINT documents_author_fkey FOREIGN KEY (org_id, author_id) REFERENCES providers (org_id, id),
  CONSTRAINT documents_status_check CHECK (status in ('preliminary', 'final', 'amended'))
);

-- Triggers on distributed tables: Citus 11 and later create them on every shard once
-- `SET citus.enable_unsafe_triggers = on` (this one reads and writes only its own row, so it is
-- safe); older Citus needs run_command_on_shards. Without them, the application must write the
-- vector itself.
CREATE FUNCTION documents_search_vector() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
  NEW.search_vector := to_tsvector('english'::regconfig, NEW.title || ' ' || NEW.body);
  RETURN NEW;
END
$$;
CREATE TRIGGER documents_search_vector_insert BEFORE INSERT ON documents
  FOR EACH ROW WHEN (NEW.search_vector IS NULL) EXECUTE FUNCTION documents_search_vector();
CREATE TRIGGER documents_search_vector_update BEFORE UPDATE OF title, body ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_search_vector();

CREATE TABLE tasks (
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  patient_id uuid,
  kind text NOT NULL,
  title text NOT NULL,
  status text NOT NULL,
  priority text NOT NULL,
  assignee_id uuid NOT NULL,
  creator_id uuid,
  due_at timestamp with time zone NOT NULL,
  completed_at timestamp with time zone,
  created_at timestamp with time zone NOT NULL,
  CONSTRAINT tasks_pkey PRIMARY KEY (org_id, id),
  CONSTRAINT tasks_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id),
  CONSTRAINT tasks_assignee_fkey FOREIGN KEY (org_id, assignee_id) REFERENCES providers (org_id, id),
  CONSTRAINT tasks_creator_fkey FOREIGN KEY (org_id, creator_id) REFERENCES providers (org_id, id),
  CONSTRAINT tasks_status_check CHECK (status in ('open', 'in_progress', 'done', 'cancelled')),
  CONSTRAINT tasks_priority_check CHECK (priority in ('low', 'routine', 'urgent', 'stat'))
);

CREATE TABLE audit_logs (
  id uuid NOT NULL,
  org_id uuid NOT NULL,
  actor_id uuid NOT NULL,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id uuid NOT NULL,
  patient_id uuid,
  occurred_at timestamp with time zone NOT NULL,
  ip text NOT NULL,
  user_agent text NOT NULL,
  outcome text NOT NULL,
  CONSTRAINT audit_logs_pkey PRIMARY KEY (org_id, id),
  CONSTRAINT audit_logs_actor_fkey FOREIGN KEY (org_id, actor_id) REFERENCES providers (org_id, id),
  CONSTRAINT audit_logs_patient_fkey FOREIGN KEY (org_id, patient_id) REFERENCES patients (org_id, id),
  CONSTRAINT audit_logs_resource_type_check CHECK (resource_type in ('patient', 'encounter', 'timeline_event', 'document', 'task', 'care_team_member')),
  CONSTRAINT audit_logs_outcome_check CHECK (outcome in ('success', 'failure', 'denied'))
);

ALTER TABLE organizations OWNER TO medseed_owner;
ALTER TABLE providers OWNER TO medseed_owner;
ALTER TABLE patients OWNER TO medseed_owner;
ALTER TABLE care_team_members OWNER TO medseed_owner;
ALTER TABLE encounters OWNER TO medseed_owner;
ALTER TABLE timeline_events OWNER TO medseed_owner;
ALTER TABLE documents OWNER TO medseed_owner;
ALTER TABLE tasks OWNER TO medseed_owner;
ALTER TABLE audit_logs OWNER TO medseed_owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON
  organizations, providers, patients, care_team_members, encounters, timeline_events, documents, tasks, audit_logs
  TO medseed_app, medseed_org_admin;

ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
ALTER TABLE providers ENABLE ROW LEVEL SECURITY;
ALTER TABLE providers FORCE ROW LEVEL SECURITY;
ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
ALTER TABLE patients FORCE ROW LEVEL SECURITY;
ALTER TABLE care_team_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE care_team_members FORCE ROW LEVEL SECURITY;
ALTER TABLE encounters ENABLE ROW LEVEL SECURITY;
ALTER TABLE encounters FORCE ROW LEVEL SECURITY;
ALTER TABLE timeline_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE timeline_events FORCE ROW LEVEL SECURITY;
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
ALTER TABLE tasks ENABLE ROW LEVEL SECURITY;
ALTER TABLE tasks FORCE ROW LEVEL SECURITY;
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;

-- Tenant isolation, RESTRICTIVE as in 0001_rls.sql, but comparing with the setting directly: no
-- "(SELECT ...)". An unset or empty app.org_id is NULL and matches no row (fail closed). The
-- setting is read per row (a cheap lookup), and the query should still say WHERE org_id = $1 so
-- that Citus routes it to one shard: it does not route on a policy's setting.
CREATE POLICY tenant_isolation ON organizations AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON providers AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON patients AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON care_team_members AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON encounters AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON timeline_events AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON documents AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON tasks AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY tenant_isolation ON audit_logs AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = nullif(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK (org_id = nullif(current_setting('app.org_id', true), '')::uuid);

-- Owner and org admins see their whole organization (the tenant policy still applies).
CREATE POLICY whole_org ON organizations AS PERMISSIVE FOR ALL TO medseed_owner, medseed_org_admin USING (true) WITH CHECK (true);
CREATE POLICY whole_org ON providers AS PERMISSIVE FOR ALL TO medseed_owner, medseed_org_admin USING (true) WITH CHECK (true);
CREATE POLICY whole_org ON patients AS PERMISSIVE FOR ALL TO medseed_owner, medseed_org_admin USING (true) WITH CHECK (true);
CREATE POLICY whole_org ON care_team_members AS PERMISSIVE FOR ALL TO medseed_owner, medseed_org_admin USING (true) WITH CHECK (true);
CREATE POLICY whole_org ON encounters AS PERMISSIVE FOR ALL TO medseed_owner, medseed_org_admin USING (true) WITH CHECK (true);
CREATE POLICY whole_org ON timeline_events AS PERMISSIVE FOR ALL TO medseed_owner, medseed_org_admin USING (true) WITH CHECK (true);
CREATE POLICY whole_org ON documents AS PERMISSIVE FOR ALL TO medseed_owner, medseed_org_admin USING (true) WITH CHECK (true);
CREATE POLICY whole_org ON tasks AS PERMISSIVE FOR ALL TO medseed_owner, medseed_org_admin USING (true) WITH CHECK (true);
CREATE POLICY whole_org ON audit_logs AS PERMISSIVE FOR ALL TO medseed_owner, medseed_org_admin USING (true) WITH CHECK (true);

-- Clinicians. In 0001_rls.sql their patients come from "(SELECT medseed.my_patient_ids())", which
-- reads care_team_members. Here the application reads them itself at the start of the
-- transaction (a query on care_team_members that own_memberships below allows) and sets
-- app.patient_ids to that uuid array; unset means no patient.
CREATE POLICY org_directory ON organizations AS PERMISSIVE FOR SELECT TO medseed_app USING (true);
CREATE POLICY org_directory ON providers AS PERMISSIVE FOR SELECT TO medseed_app USING (true);
CREATE POLICY own_memberships ON care_team_members AS PERMISSIVE FOR ALL TO medseed_app
  USING (provider_id = nullif(current_setting('app.provider_id', true), '')::uuid)
  WITH CHECK (provider_id = nullif(current_setting('app.provider_id', true), '')::uuid);
CREATE POLICY care_team ON patients AS PERMISSIVE FOR ALL TO medseed_app
  USING (id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]))
  WITH CHECK (id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]));
CREATE POLICY care_team ON encounters AS PERMISSIVE FOR ALL TO medseed_app
  USING (patient_id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]))
  WITH CHECK (patient_id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]));
CREATE POLICY care_team ON timeline_events AS PERMISSIVE FOR ALL TO medseed_app
  USING (patient_id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]))
  WITH CHECK (patient_id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]));
CREATE POLICY care_team ON documents AS PERMISSIVE FOR ALL TO medseed_app
  USING (patient_id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]))
  WITH CHECK (patient_id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]));
CREATE POLICY care_team ON tasks AS PERMISSIVE FOR ALL TO medseed_app
  USING (patient_id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]))
  WITH CHECK (patient_id = ANY (nullif(current_setting('app.patient_ids', true), '')::uuid[]));
CREATE POLICY assigned_to_me ON tasks AS PERMISSIVE FOR ALL TO medseed_app
  USING (assignee_id = nullif(current_setting('app.provider_id', true), '')::uuid)
  WITH CHECK (assignee_id = nullif(current_setting('app.provider_id', true), '')::uuid);
CREATE POLICY own_actions ON audit_logs AS PERMISSIVE FOR ALL TO medseed_app
  USING (actor_id = nullif(current_setting('app.provider_id', true), '')::uuid)
  WITH CHECK (actor_id = nullif(current_setting('app.provider_id', true), '')::uuid);
