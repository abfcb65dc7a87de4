import { applyReferenceSession, type SessionTarget } from '../../bench/measure/run-in-session.js';
import type { Queryable } from '../../db/queryable.js';
import type { TableName } from '../../tables/table-specs.js';
import { journalWrittenRows, type WrittenRow } from '../journal/journal-written-rows.js';
import { runIdLiteral, WORKLOAD_LOCK_NAMESPACE } from '../journal/workload-run-lock.js';
import type { WriteContext, WriteResult, WriteUser } from './write-operation.js';

/** Columns every write statement RETURNs, so one journal insert fits all. */
export interface ReturnedRow {
  readonly row_id: string;
  readonly org_id: string;
  readonly patient_id: string | null;
  /** to_jsonb of the row before an update; null for an insert. */
  readonly prior: unknown;
}

/**
 * One committed application write: the reference session (SET LOCAL ROLE, app.org_id,
 * app.provider_id, as bench runs it), the statement, then RESET ROLE and the journal rows as the
 * connecting owner, then COMMIT. The write and its journal commit together or not at all.
 * The statement must RETURN row_id, org_id, patient_id, prior (see ReturnedRow).
 */
export async function runJournaledWrite(
  client: Queryable,
  user: WriteUser,
  ctx: WriteContext,
  table: TableName,
  statement: { readonly text: string; readonly values: readonly unknown[] },
): Promise<WriteResult> {
  const timeout = Math.round(ctx.statementTimeoutMs);
  if (!Number.isSafeInteger(timeout) || timeout < 0) throw new Error(`statementTimeoutMs must be a non-negative number, got ${ctx.statementTimeoutMs}`);
  const target: SessionTarget = { mode: 'rls', role: user.role ?? 'medseed_app', orgId: user.orgId, providerId: user.providerId, statementTimeoutMs: timeout };
  try {
    // one round trip; the shared lock lets an undo wait for this write rather than miss it (workload-run-lock.ts)
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${timeout}; SELECT pg_advisory_xact_lock_shared(${WORKLOAD_LOCK_NAMESPACE}, ${runIdLiteral(ctx.runId)})`);
    await applyReferenceSession(client, target);
    const result = await client.query<ReturnedRow>(statement.text, [...statement.values]);
    await client.query('RESET ROLE');
    const rows: WrittenRow[] = result.rows.map((r) => ({ rowId: r.row_id, orgId: r.org_id, patientId: r.patient_id, prior: r.prior }));
    await journalWrittenRows(client, ctx.runId, table, user.providerId, rows);
    await client.query('COMMIT');
    return { rows: rows.length, table, written: rows.map(({ rowId, orgId, patientId }) => ({ rowId, orgId, patientId })) };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
