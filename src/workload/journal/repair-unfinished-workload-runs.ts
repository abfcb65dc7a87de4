import type { Queryable } from '../../db/queryable.js';
import { assertSeesEveryRow, undoRunInTransaction, type RowsPerTable } from './undo-workload-writes.js';
import { workloadJournalExists } from './workload-journal-ddl.js';
import { workloadRunLiveSql } from './workload-run-lock.js';

/** A dead run whose writes were put back. */
export interface RepairedWorkloadRun {
  readonly runId: number;
  /** Its status as the runner left it ('running' when it was killed; now 'interrupted'). */
  readonly status: string;
  readonly rows: RowsPerTable;
}

/**
 * Puts back the writes of every run whose runner is gone (its lock is free: killed, or its
 * connection lost) and that was neither undone nor kept, newest first; marks runs left 'running'
 * by a dead runner 'interrupted'. The runner calls it at start and prints what it put back
 * (describeRepairedWorkloadRun).
 */
export async function repairUnfinishedWorkloadRuns(admin: Queryable): Promise<RepairedWorkloadRun[]> {
  if (!(await workloadJournalExists(admin))) return [];
  const dead = await admin.query<{ id: string; status: string; kept: boolean; open: boolean }>(
    `SELECT r.id, r.status, r.kept, r.writes_undone_at IS NULL AS open FROM medseed.workload_runs r
      WHERE (r.status = 'running' OR (r.writes_undone_at IS NULL AND NOT r.kept)) AND NOT ${workloadRunLiveSql('r.id')}
      ORDER BY r.id DESC`,
  );
  if (dead.rows.some((run) => run.open && !run.kept)) await assertSeesEveryRow(admin);
  const repaired: RepairedWorkloadRun[] = [];
  for (const run of dead.rows) {
    const runId = Number(run.id);
    // a kept run's writes are the user's wish; only its status is corrected
    const rows = run.kept || !run.open ? undefined : await undoRunInTransaction(admin, runId, 'try');
    await admin.query(`UPDATE medseed.workload_runs r SET status = 'interrupted', finished_at = now() WHERE r.id = $1 AND r.status = 'running' AND NOT ${workloadRunLiveSql('r.id')}`, [runId]);
    if (rows) repaired.push({ runId, status: run.status, rows });
  }
  return repaired;
}

/** One line for the terminal about a run just repaired. */
export function describeRepairedWorkloadRun(run: RepairedWorkloadRun): string {
  const total = Object.values(run.rows).reduce((a, b) => a + b, 0);
  const tables = Object.entries(run.rows).map(([t, n]) => `${t} ${n}`).join(', ');
  return `Workload run #${run.runId} (${run.status}) ended without putting back its writes; put back ${total} rows${tables ? ` (${tables})` : ''}.`;
}
