import { hostname } from 'node:os';
import type { Queryable } from '../../db/queryable.js';
import { ensureWorkloadJournal } from './workload-journal-ddl.js';
import { WORKLOAD_LOCK_NAMESPACE } from './workload-run-lock.js';

export const WORKLOAD_RUN_STATUSES = ['running', 'succeeded', 'failed', 'interrupted'] as const;
export type WorkloadRunStatus = (typeof WORKLOAD_RUN_STATUSES)[number];

/**
 * Records a workload run as running and takes its lock (shared, session level) on `admin`, the
 * runner's own connection, which must stay open for the whole run: its lock is what tells a live
 * run from a dead one. Row and lock become visible together (one transaction).
 * `keepWrites`: the run is meant to change the data (--keep-writes); repair never undoes it.
 *
 * @example
 * const runId = await beginWorkloadRun(admin, { users: [10], mix: 'default' });
 */
export async function beginWorkloadRun(admin: Queryable, options: object, { keepWrites = false }: { keepWrites?: boolean } = {}): Promise<number> {
  await ensureWorkloadJournal(admin);
  await admin.query('BEGIN');
  try {
    const result = await admin.query<{ id: string }>(
      `INSERT INTO medseed.workload_runs (runner_pid, runner_host, runner_backend_pid, options, kept)
       VALUES ($1, $2, pg_backend_pid(), $3, $4) RETURNING id`,
      [process.pid, hostname(), JSON.stringify(options), keepWrites],
    );
    const runId = Number(result.rows[0]!.id);
    await admin.query('SELECT pg_advisory_lock_shared($1::int, $2::int)', [WORKLOAD_LOCK_NAMESPACE, runId]);
    await admin.query('COMMIT');
    return runId;
  } catch (error) {
    await admin.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Records how the run ended and releases its lock. Call it after undoWorkloadWrites (or with a
 * kept run): once the lock is free, a run not undone and not kept is repaired by the next runner.
 */
export async function finishWorkloadRun(admin: Queryable, runId: number, status: Exclude<WorkloadRunStatus, 'running'>): Promise<void> {
  await admin.query(`UPDATE medseed.workload_runs SET status = $2, finished_at = now() WHERE id = $1 AND status = 'running'`, [runId, status]);
  await admin.query('SELECT pg_advisory_unlock_shared($1::int, $2::int)', [WORKLOAD_LOCK_NAMESPACE, runId]);
}
