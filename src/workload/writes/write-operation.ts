import type { BenchRole } from '../../bench/catalog/query-spec.js';
import type { DrawKind } from '../../bench/params/draw-kinds.js';
import type { Queryable } from '../../db/queryable.js';
import type { Random } from '../../rng/random.js';
import type { TableName } from '../../tables/table-specs.js';

/** Who writes: the simulated user's tenant and provider id, and the application role it runs as. */
export interface WriteUser {
  readonly orgId: string;
  readonly providerId: string;
  /** Default medseed_app (a clinician). */
  readonly role?: BenchRole;
}

/** What a write needs beside the user and its drawn values: the run it is journaled under. */
export interface WriteContext {
  /** medseed.workload_runs id, from beginWorkloadRun. */
  readonly runId: number;
  readonly statementTimeoutMs: number;
  /** The user's stream, for values a real user would choose (a heart rate, the words of a note). */
  readonly random: Random;
}

/** A row as it landed, for the engine's isolation check (it must be the user's tenant). */
export interface LandedRow {
  readonly rowId: string;
  readonly orgId: string;
  readonly patientId: string | null;
}

export interface WriteResult {
  /** Rows written and committed (0: nothing to do, e.g. no open task; not an error). */
  readonly rows: number;
  readonly table: TableName;
  readonly written: readonly LandedRow[];
}

/**
 * One write the application makes, committed under RLS and journaled in the same transaction.
 * `params` are the values of a parameter set of `drawKind` (ParameterSet.values): patient_id,
 * occurred_at, and for task_completed optionally task_id.
 */
export interface WriteOperation {
  readonly name: string;
  /** One line for the report. */
  readonly description: string;
  readonly drawKind: DrawKind;
  /** Default p95 budget in milliseconds (each operation says why). */
  readonly defaultP95Ms: number;
  readonly run: (client: Queryable, user: WriteUser, params: Readonly<Record<string, string>>, ctx: WriteContext) => Promise<WriteResult>;
}

/** A drawn value the operation cannot do without: a programming error of the caller, named. */
export function requireParam(params: Readonly<Record<string, string>>, name: string, operation: string): string {
  const value = params[name];
  if (value === undefined) throw new Error(`${operation}: parameter set has no :${name}`);
  return value;
}
