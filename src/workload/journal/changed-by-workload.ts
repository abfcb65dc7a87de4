import type { Queryable } from '../../db/queryable.js';
import { workloadJournalExists } from './workload-journal-ddl.js';
import { workloadRunLiveSql } from './workload-run-lock.js';

/** Rows of one table that a workload run wrote and that are still in the database as it left them. */
export interface WorkloadChange {
  readonly runId: number;
  readonly table: string;
  readonly rows: number;
  /** kept: --keep-writes; running: its runner is still at work; abandoned: its runner died before undoing. */
  readonly state: 'kept' | 'running' | 'abandoned';
}

/**
 * What workload runs changed and did not put back: runs kept, still running, or dead before their
 * undo, per table, oldest run first. Read only; [] where no workload ever ran. verify names these.
 */
export async function changedByWorkload(client: Queryable): Promise<WorkloadChange[]> {
  if (!(await workloadJournalExists(client))) return [];
  const result = await client.query<{ run_id: string; table_name: string; rows: string; kept: boolean; live: boolean }>(
    `SELECT w.run_id, w.table_name, count(DISTINCT w.row_id) AS rows, r.kept, ${workloadRunLiveSql('r.id')} AS live
       FROM medseed.workload_writes w JOIN medseed.workload_runs r ON r.id = w.run_id
      WHERE r.writes_undone_at IS NULL
      GROUP BY w.run_id, w.table_name, r.kept, r.id
      ORDER BY w.run_id, w.table_name`,
  );
  return result.rows.map((row) => ({
    runId: Number(row.run_id),
    table: row.table_name,
    rows: Number(row.rows),
    state: row.kept ? 'kept' : row.live ? 'running' : 'abandoned',
  }));
}

/** One line for verify, e.g. "timeline_events differs: workload run #3 kept 57 rows it wrote (medseed workload --undo 3 puts them back)". */
export function describeWorkloadChange(change: WorkloadChange): string {
  const rows = `${change.rows} ${change.rows === 1 ? 'row' : 'rows'}`;
  const undo = `medseed workload --undo ${change.runId} puts them back`;
  switch (change.state) {
    case 'kept':
      return `${change.table} differs: workload run #${change.runId} kept ${rows} it wrote (${undo})`;
    case 'running':
      return `${change.table} differs: workload run #${change.runId} is running and has written ${rows} (it puts them back when it ends)`;
    case 'abandoned':
      return `${change.table} differs: workload run #${change.runId} ended without putting back ${rows} it wrote (the next medseed workload, or ${undo})`;
  }
}
