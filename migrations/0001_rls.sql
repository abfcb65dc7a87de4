-- medseed:phase=schema
-- Hand-written: extensions, roles, and row-level security. drizzle-kit cannot express policies
-- with the shapes below, and the shapes are what decide RLS performance (REALISM.md §4).

-- Extensions where the server has them. pg_stat_statements only works when preloaded.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
  END IF;
  IF current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' THEN
    CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'medseed: no privilege to create extensions; continuing without them';
END
$$;
--> statement-breakpoint

-- Roles are cluster-wide, so create them only once. None has BYPASSRLS.
--   medseed_owner      owns the tables; bound by the policies too (FORCE ROW LEVEL SECURITY)
--   medseed_app        a clinician session: own org, own care-team patients
--   medseed_org_admin  an administrator session: own org, every patient
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
--> statement-breakpoint

CREATE SCHEMA IF NOT EXISTS medseed;
GRANT USAGE ON SCHEMA medseed TO medseed_owner, medseed_app, medseed_org_admin;
GRANT USAGE ON SCHEMA public TO medseed_owner, medseed_app, medseed_org_admin;
--> statement-breakpoint

-- Session context. The application sets these transaction-locally:
--   SELECT set_config('app.org_id', $1, true), set_config('app.provider_id', $2, true);
-- An unset or empty setting yields NULL, and "org_id = NULL" matches no row: fail closed, no error.
CREATE FUNCTION medseed.current_org_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION medseed.current_provider_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.provider_id', true), '')::uuid $$;
--> statement-breakpoint
-- The current clinician's patients, as an array: policies compare with "= ANY((SELECT ...))",
-- which PostgreSQL evaluates once per query (InitPlan) and can use as an index condition.
-- A correlated EXISTS or a per-row SECURITY DEFINER check is 50-400x slower (REALISM.md §4.3).
CREATE FUNCTION medseed.my_patient_ids() RETURNS uuid[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(patient_id), '{}'::uuid[])
    FROM public.care_team_members
    WHERE provider_id = medseed.current_provider_id()
      AND org_id = medseed.current_org_id()
      AND period_end IS NULL
  $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION medseed.current_org_id(), medseed.current_provider_id(), medseed.my_patient_ids()
  TO medseed_owner, medseed_app, medseed_org_admin;
--> statement-breakpoint

ALTER TABLE organizations OWNER TO medseed_owner;
ALTER TABLE providers OWNER TO medseed_owner;
ALTER TABLE patients OWNER TO medseed_owner;
ALTER TABLE care_team_members OWNER TO medseed_owner;
ALTER TABLE encounters OWNER TO medseed_owner;
ALTER TABLE timeline_events OWNER TO medseed_owner;
ALTER TABLE documents OWNER TO medseed_owner;
ALTER TABLE tasks OWNER TO medseed_owner;
ALTER TABLE audit_logs OWNER TO medseed_owner;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON
  organizations, providers, patients, care_team_members, encounters, timeline_events, documents, tasks, audit_logs
  TO medseed_app, medseed_org_admin;
--> statement-breakpoint

-- ENABLE and FORCE everywhere: FORCE binds the table owner too. Only superusers and BYPASSRLS
-- roles (the bulk loader) are exempt.
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
--> statement-breakpoint

-- Tenant isolation: RESTRICTIVE, so it is ANDed with whatever the permissive policies allow.
-- The setting is read once per query through "(SELECT ...)", never once per row.
CREATE POLICY tenant_isolation ON organizations AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (id = (SELECT medseed.current_org_id())) WITH CHECK (id = (SELECT medseed.current_org_id()));
CREATE POLICY tenant_isolation ON providers AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = (SELECT medseed.current_org_id())) WITH CHECK (org_id = (SELECT medseed.current_org_id()));
CREATE POLICY tenant_isolation ON patients AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = (SELECT medseed.current_org_id())) WITH CHECK (org_id = (SELECT medseed.current_org_id()));
CREATE POLICY tenant_isolation ON care_team_members AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = (SELECT medseed.current_org_id())) WITH CHECK (org_id = (SELECT medseed.current_org_id()));
CREATE POLICY tenant_isolation ON encounters AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = (SELECT medseed.current_org_id())) WITH CHECK (org_id = (SELECT medseed.current_org_id()));
CREATE POLICY tenant_isolation ON timeline_events AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = (SELECT medseed.current_org_id())) WITH CHECK (org_id = (SELECT medseed.current_org_id()));
CREATE POLICY tenant_isolation ON documents AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = (SELECT medseed.current_org_id())) WITH CHECK (org_id = (SELECT medseed.current_org_id()));
CREATE POLICY tenant_isolation ON tasks AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = (SELECT medseed.current_org_id())) WITH CHECK (org_id = (SELECT medseed.current_org_id()));
CREATE POLICY tenant_isolation ON audit_logs AS RESTRICTIVE FOR ALL TO PUBLIC
  USING (org_id = (SELECT medseed.current_org_id())) WITH CHECK (org_id = (SELECT medseed.current_org_id()));
--> statement-breakpoint

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
--> statement-breakpoint

-- Clinicians: their organization's directory, their own care-team rows, and the clinical rows of
-- the patients whose care team they are on.
CREATE POLICY org_directory ON organizations AS PERMISSIVE FOR SELECT TO medseed_app USING (true);
CREATE POLICY org_directory ON providers AS PERMISSIVE FOR SELECT TO medseed_app USING (true);
CREATE POLICY own_memberships ON care_team_members AS PERMISSIVE FOR ALL TO medseed_app
  USING (provider_id = (SELECT medseed.current_provider_id()))
  WITH CHECK (provider_id = (SELECT medseed.current_provider_id()));
CREATE POLICY care_team ON patients AS PERMISSIVE FOR ALL TO medseed_app
  USING (id = ANY ((SELECT medseed.my_patient_ids())::uuid[]))
  WITH CHECK (id = ANY ((SELECT medseed.my_patient_ids())::uuid[]));
CREATE POLICY care_team ON encounters AS PERMISSIVE FOR ALL TO medseed_app
  USING (patient_id = ANY ((SELECT medseed.my_patient_ids())::uuid[]))
  WITH CHECK (patient_id = ANY ((SELECT medseed.my_patient_ids())::uuid[]));
CREATE POLICY care_team ON timeline_events AS PERMISSIVE FOR ALL TO medseed_app
  USING (patient_id = ANY ((SELECT medseed.my_patient_ids())::uuid[]))
  WITH CHECK (patient_id = ANY ((SELECT medseed.my_patient_ids())::uuid[]));
CREATE POLICY care_team ON documents AS PERMISSIVE FOR ALL TO medseed_app
  USING (patient_id = ANY ((SELECT medseed.my_patient_ids())::uuid[]))
  WITH CHECK (patient_id = ANY ((SELECT medseed.my_patient_ids())::uuid[]));
CREATE POLICY care_team ON tasks AS PERMISSIVE FOR ALL TO medseed_app
  USING (patient_id = ANY ((SELECT medseed.my_patient_ids())::uuid[]))
  WITH CHECK (patient_id = ANY ((SELECT medseed.my_patient_ids())::uuid[]));
-- Work items assigned to the clinician are theirs even without a patient (e.g. admin tasks).
CREATE POLICY assigned_to_me ON tasks AS PERMISSIVE FOR ALL TO medseed_app
  USING (assignee_id = (SELECT medseed.current_provider_id()))
  WITH CHECK (assignee_id = (SELECT medseed.current_provider_id()));
-- Clinicians write audit entries as themselves and can read their own trail; reading other
-- users' trails is an org-admin (compliance) task.
CREATE POLICY own_actions ON audit_logs AS PERMISSIVE FOR ALL TO medseed_app
  USING (actor_id = (SELECT medseed.current_provider_id()))
  WITH CHECK (actor_id = (SELECT medseed.current_provider_id()));
