-- Distribution of the Citus-ready variant (docs/citus/schema.sql): a design, not run here (no
-- Citus build is reachable from medseed's machines; plain PostgreSQL has none of these functions).
-- Run on the coordinator after schema.sql and before loading rows:
--   psql -v ON_ERROR_STOP=1 -f docs/citus/schema.sql -f docs/citus/distribute.sql
-- test/db/citus-variant.test.ts reads the table lists below: every medseed table is named here once.

CREATE EXTENSION IF NOT EXISTS citus;

-- One row per tenant, read by every tenant: replicated to every node, so any shard joins it locally
-- and a distributed table's foreign key to it is checked locally. Its global slug key stays.
SELECT create_reference_table('organizations');

-- Every clinical table by org_id, colocated with providers: one tenant's rows of all tables sit in
-- the same shard group, so the joins and foreign keys on (org_id, x_id) stay on one node.
SELECT create_distributed_table('providers', 'org_id');
SELECT create_distributed_table('patients', 'org_id', colocate_with => 'providers');
SELECT create_distributed_table('care_team_members', 'org_id', colocate_with => 'providers');
SELECT create_distributed_table('encounters', 'org_id', colocate_with => 'providers');
SELECT create_distributed_table('timeline_events', 'org_id', colocate_with => 'providers');
SELECT create_distributed_table('documents', 'org_id', colocate_with => 'providers');
SELECT create_distributed_table('tasks', 'org_id', colocate_with => 'providers');
SELECT create_distributed_table('audit_logs', 'org_id', colocate_with => 'providers');
