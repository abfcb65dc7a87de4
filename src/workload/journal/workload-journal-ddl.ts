import type { Queryable } from '../../db/queryable.js';
import { WORKLOAD_LOCK_NAMESPACE } from './workload-run-lock.js';

/**
 * medseed's record of workload runs and of every row they wrote, so writes can always be put back.
 * Created on demand like medseed.mapped_runs: it is medseed's bookkeeping, not the application's
 * schema, so it is no migration and no application role is granted anything on it (a write
 * operation journals after RESET ROLE, as the connecting owner; see journal-written-rows.ts).
 *
 * workload_writes.prior: NULL for a row the run inserted, else the whole row before the run's
 * update (to_jsonb of the old row), restored column by column by undo.
 */
export const WORKLOAD_JOURNAL_DDL = `CREATE SCHEMA IF NOT EXISTS medseed;
CREATE TABLE IF NOT EXISTS medseed.workload_runs (
  id bigserial PRIMARY KEY,
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  runner_pid integer NOT NULL,
  runner_host text NOT NULL,
  runner_backend_pid integer NOT NULL,
  options jsonb NOT NULL DEFAULT '{}',
  kept boolean NOT NULL DEFAULT false,
  writes_undone_at timestamptz,
  rows_undone jsonb
);
CREATE TABLE IF NOT EXISTS medseed.workload_writes (
  id bigserial PRIMARY KEY,
  run_id bigint NOT NULL REFERENCES medseed.workload_runs (id),
  table_name text NOT NULL,
  row_id uuid NOT NULL,
  org_id uuid NOT NULL,
  provider_id uuid NOT NULL,
  patient_id uuid,
  prior jsonb,
  written_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS workload_writes_run_table ON medseed.workload_writes (run_id, table_name, row_id, id);`;

/** Creates the journal if missing; safe to call from every runner at start, two at once included. */
export async function ensureWorkloadJournal(admin: Queryable): Promise<void> {
  await admin.query('BEGIN');
  try {
    // two runners starting at once would race CREATE TABLE IF NOT EXISTS into a duplicate-key error; key 0 is no run's
    await admin.query(`SELECT pg_advisory_xact_lock(${WORKLOAD_LOCK_NAMESPACE}, 0)`);
    await admin.query(WORKLOAD_JOURNAL_DDL);
    await admin.query('COMMIT');
  } catch (error) {
    await admin.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** False in a database no workload ever ran against: readers then have nothing to report. */
export async function workloadJournalExists(client: Queryable): Promise<boolean> {
  const result = await client.query<{ ok: boolean }>(`SELECT to_regclass('medseed.workload_writes') IS NOT NULL AS ok`);
  return result.rows[0]?.ok === true;
}
