import type { Queryable } from '../../db/queryable.js';
import type { TableName } from '../../tables/table-specs.js';

/** One row a write operation wrote, as its RETURNING clause gave it. */
export interface WrittenRow {
  readonly rowId: string;
  readonly orgId: string;
  readonly patientId: string | null;
  /** The whole row before an update (to_jsonb of the old row); null for an insert. */
  readonly prior: unknown;
}

/** The run was undone or finished while this write was in flight: the write must roll back. */
export class WorkloadRunClosedError extends Error {
  override readonly name = 'WorkloadRunClosedError';
}

/**
 * Journals rows inside the write's own transaction, after RESET ROLE: the connecting owner writes
 * medseed.workload_writes, which no application role may touch, and the write and its journal row
 * commit together, so a kill never leaves an unjournaled write. RLS is unaffected: the application
 * statement ran, and was checked, under the application role before this.
 * Refuses (rolling the write back) when the run has been undone meanwhile: see workload-run-lock.ts.
 */
export async function journalWrittenRows(client: Queryable, runId: number, table: TableName, providerId: string, rows: readonly WrittenRow[]): Promise<void> {
  if (rows.length === 0) return;
  const result = await client.query(
    `INSERT INTO medseed.workload_writes (run_id, table_name, row_id, org_id, provider_id, patient_id, prior)
     SELECT $1, $2, w.row_id, w.org_id, $3, w.patient_id, w.prior
       FROM jsonb_to_recordset($4::jsonb) AS w(row_id uuid, org_id uuid, patient_id uuid, prior jsonb)
      WHERE EXISTS (SELECT 1 FROM medseed.workload_runs r WHERE r.id = $1 AND r.writes_undone_at IS NULL)`,
    [runId, table, providerId, JSON.stringify(rows.map((r) => ({ row_id: r.rowId, org_id: r.orgId, patient_id: r.patientId, prior: r.prior })))],
  );
  if (result.rowCount !== rows.length) {
    throw new WorkloadRunClosedError(`workload run #${runId} has been undone; this write is rolled back so it cannot outlive the undo`);
  }
}
