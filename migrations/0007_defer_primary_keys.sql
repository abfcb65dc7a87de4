-- medseed:phase=schema
-- Hand-written: the primary keys of the eight loaded tables move to the post-load step (0008).
-- COPY maintained each one row by row; at 10x that was about a third of audit_logs' COPY time,
-- and one sorted build after the load is far cheaper (pg_restore does the same). organizations
-- keeps its key: foreign keys reference organizations (id), and it holds a few rows.
-- The index goes with the constraint; DROP INDEX IF EXISTS only says so to the conflict check.
ALTER TABLE providers DROP CONSTRAINT providers_pkey;
DROP INDEX IF EXISTS providers_pkey;
ALTER TABLE patients DROP CONSTRAINT patients_pkey;
DROP INDEX IF EXISTS patients_pkey;
ALTER TABLE care_team_members DROP CONSTRAINT care_team_members_pkey;
DROP INDEX IF EXISTS care_team_members_pkey;
ALTER TABLE encounters DROP CONSTRAINT encounters_pkey;
DROP INDEX IF EXISTS encounters_pkey;
ALTER TABLE timeline_events DROP CONSTRAINT timeline_events_pkey;
DROP INDEX IF EXISTS timeline_events_pkey;
ALTER TABLE documents DROP CONSTRAINT documents_pkey;
DROP INDEX IF EXISTS documents_pkey;
ALTER TABLE tasks DROP CONSTRAINT tasks_pkey;
DROP INDEX IF EXISTS tasks_pkey;
ALTER TABLE audit_logs DROP CONSTRAINT audit_logs_pkey;
DROP INDEX IF EXISTS audit_logs_pkey;
