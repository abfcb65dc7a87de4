import type { Queryable } from '../../db/queryable.js';

export type WorkloadRunStatus = 'succeeded' | 'failed' | 'interrupted';

/**
 * Where a workload records itself and its writes (medseed.workload_runs and workload_writes), so
 * every committed write can be put back and a killed run is repaired by the next one.
 */
export interface WorkloadJournal {
  /** Puts back the writes of earlier runs that died before doing so; one sentence per run repaired. */
  repairUnfinished(admin: Queryable): Promise<string[]>;
  begin(admin: Queryable, options: Record<string, unknown>): Promise<number>;
  /** Deletes the rows the run inserted and restores those it updated; rows per table. */
  undo(admin: Queryable, runId: number): Promise<Record<string, number>>;
  /** Rows the run wrote per table, for a run whose writes are kept. */
  written(admin: Queryable, runId: number): Promise<Record<string, number>>;
  finish(admin: Queryable, runId: number, status: WorkloadRunStatus, kept: boolean): Promise<void>;
}
