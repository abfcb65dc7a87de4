import type { Queryable } from '../../db/queryable.js';
import { TABLE_SPECS, type TableSpec } from '../../tables/table-specs.js';
import { workloadJournalExists } from './workload-journal-ddl.js';
import { runIdLiteral, WORKLOAD_LOCK_NAMESPACE, workloadRunLiveSql } from './workload-run-lock.js';

/** Rows put back, per table (inserted rows deleted + updated rows restored). */
export type RowsPerTable = Readonly<Record<string, number>>;

/** Undo refused: no such run, or another process's run still running. Exit 2 material: nothing changed. */
export class WorkloadUndoError extends Error {
  override readonly name = 'WorkloadUndoError';
}

/**
 * Each row's first journal entry in the run says what it was before the run touched it: no row (an
 * insert) or `prior`. Putting every row back to that state is what replaying the journal in reverse
 * order gives, done set-based, one statement per table, so a kept run of 100k rows undoes in seconds.
 */
function firstEntriesSql(table: string): string {
  return `SELECT DISTINCT ON (row_id) row_id, prior FROM medseed.workload_writes
           WHERE run_id = $1 AND table_name = '${table}' ORDER BY row_id, id`;
}

async function putBackTable(admin: Queryable, runId: number, spec: TableSpec): Promise<number> {
  const deleted = await admin.query(
    `DELETE FROM public.${spec.name} t USING (${firstEntriesSql(spec.name)}) f WHERE f.prior IS NULL AND t.id = f.row_id`,
    [runId],
  );
  // jsonb_populate_record turns to_jsonb's text back into each column's type exactly (timestamps, numerics, tsvectors)
  const columns = spec.columns.filter((c) => c !== 'id');
  const restored = await admin.query(
    `UPDATE public.${spec.name} t SET (${columns.join(', ')}) = (${columns.map((c) => `p.${c}`).join(', ')})
       FROM (${firstEntriesSql(spec.name)}) f, jsonb_populate_record(NULL::public.${spec.name}, f.prior) p
      WHERE f.prior IS NOT NULL AND t.id = f.row_id`,
    [runId],
  );
  return (deleted.rowCount ?? 0) + (restored.rowCount ?? 0);
}

/**
 * Undo must see every row: under FORCE ROW LEVEL SECURITY a plain role sees none, and would delete
 * nothing yet mark the run undone. The same rights seed needs (superuser or BYPASSRLS).
 */
export async function assertSeesEveryRow(admin: Queryable): Promise<void> {
  const result = await admin.query<{ ok: boolean; name: string }>('SELECT rolsuper OR rolbypassrls AS ok, rolname AS name FROM pg_roles WHERE rolname = current_user');
  if (!result.rows[0]?.ok) {
    throw new WorkloadUndoError(`role ${result.rows[0]?.name ?? 'current_user'} is bound by row-level security and cannot see every row to put back; connect as a superuser or a role with BYPASSRLS, as medseed seed does`);
  }
}

/**
 * Puts back everything run `runId` wrote, in one transaction, and marks it undone (its journal rows
 * are dropped; the counts stay in workload_runs.rows_undone). `lock: 'try'` (repair) skips a run
 * someone still holds and returns undefined; `'wait'` waits for writes in flight.
 */
export async function undoRunInTransaction(admin: Queryable, runId: number, lock: 'wait' | 'try'): Promise<RowsPerTable | undefined> {
  const id = runIdLiteral(runId);
  await admin.query('BEGIN');
  try {
    const locked = await admin.query<{ ok: boolean }>(
      lock === 'wait'
        ? `SELECT pg_advisory_xact_lock(${WORKLOAD_LOCK_NAMESPACE}, ${id}) IS NOT NULL AS ok`
        : `SELECT pg_try_advisory_xact_lock(${WORKLOAD_LOCK_NAMESPACE}, ${id}) AS ok`,
    );
    if (!locked.rows[0]?.ok) {
      await admin.query('ROLLBACK');
      return undefined;
    }
    const run = await admin.query<{ undone: boolean; rows_undone: RowsPerTable | null }>(
      'SELECT writes_undone_at IS NOT NULL AS undone, rows_undone FROM medseed.workload_runs WHERE id = $1 FOR UPDATE',
      [runId],
    );
    if (run.rowCount === 0) throw new WorkloadUndoError(`no workload run #${runId} in medseed.workload_runs`);
    if (run.rows[0]!.undone) {
      await admin.query('COMMIT');
      return {};
    }
    const tables = new Set((await admin.query<{ table_name: string }>('SELECT DISTINCT table_name FROM medseed.workload_writes WHERE run_id = $1', [runId])).rows.map((r) => r.table_name));
    const unknown = [...tables].filter((t) => !TABLE_SPECS.some((s) => s.name === t));
    if (unknown.length > 0) throw new WorkloadUndoError(`workload run #${runId} journaled writes to tables medseed does not know: ${unknown.join(', ')}`);
    const rows: Record<string, number> = {};
    // children first, as a delete of parents would need
    for (const spec of [...TABLE_SPECS].reverse()) {
      if (tables.has(spec.name)) rows[spec.name] = await putBackTable(admin, runId, spec);
    }
    await admin.query('DELETE FROM medseed.workload_writes WHERE run_id = $1', [runId]);
    await admin.query('UPDATE medseed.workload_runs SET writes_undone_at = now(), kept = false, rows_undone = $2 WHERE id = $1', [runId, JSON.stringify(rows)]);
    await admin.query('COMMIT');
    return rows;
  } catch (error) {
    await admin.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Puts back every row workload run `runId` wrote (deletes its inserts, restores its updates exactly)
 * in one transaction, then marks it undone; returns the rows put back per table ({} if it was already
 * undone). Called by the runner itself at the end of a run (before finishWorkloadRun), or for a run
 * that was kept or died. Refuses another process's run while it is still running.
 *
 * @example
 * const rows = await undoWorkloadWrites(admin, runId); // { timeline_events: 57, tasks: 3 }
 */
export async function undoWorkloadWrites(admin: Queryable, runId: number): Promise<RowsPerTable> {
  runIdLiteral(runId);
  if (!(await workloadJournalExists(admin))) throw new WorkloadUndoError(`no workload run #${runId}: no workload has run against this database`);
  await assertSeesEveryRow(admin);
  const run = await admin.query<{ live: boolean; mine: boolean; runner_pid: number; runner_host: string }>(
    `SELECT ${workloadRunLiveSql('r.id')} AS live, r.runner_backend_pid = pg_backend_pid() AND r.status = 'running' AS mine, r.runner_pid, r.runner_host
       FROM medseed.workload_runs r WHERE r.id = $1`,
    [runId],
  );
  const row = run.rows[0];
  if (!row) throw new WorkloadUndoError(`no workload run #${runId} in medseed.workload_runs`);
  if (row.live && !row.mine) {
    throw new WorkloadUndoError(`workload run #${runId} is still running (process ${row.runner_pid} on ${row.runner_host}); it puts its writes back when it ends, or stop it first`);
  }
  return (await undoRunInTransaction(admin, runId, 'wait')) ?? {};
}
