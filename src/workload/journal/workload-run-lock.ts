import { RUN_LOCK_NAMESPACE } from '../../load/run-lock.js';

/**
 * The advisory-lock namespace of workload runs (seed runs use RUN_LOCK_NAMESPACE, mapped runs +1).
 * Key: the run id. Who holds it, and how:
 *   - the runner's admin connection, SHARED at session level for the whole run: while it lives the
 *     run is live; when the process or its connection dies, the lock goes with it;
 *   - each write transaction, SHARED at transaction level, before its first statement;
 *   - undo, EXCLUSIVE at transaction level: it waits for writes in flight, and writes that start
 *     meanwhile wait for it and then find the run closed (journal-written-rows.ts), so no write is
 *     ever left behind by an undo.
 */
export const WORKLOAD_LOCK_NAMESPACE = RUN_LOCK_NAMESPACE + 2;

/** SQL true when anyone (runner or a write in flight) holds the lock of the run `idExpression`. */
export function workloadRunLiveSql(idExpression: string): string {
  return `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND l.classid = ${WORKLOAD_LOCK_NAMESPACE}::oid AND l.objid = (${idExpression})::oid)`;
}

/** A run id checked to be an integer, so it can be written into SQL text (simple protocol, one round trip). */
export function runIdLiteral(runId: number): string {
  if (!Number.isSafeInteger(runId) || runId <= 0 || runId > 2_147_483_647) throw new Error(`workload run id must be a positive int4, got ${runId}`);
  return String(runId);
}
