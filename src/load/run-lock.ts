import { UsageError } from '../cli/errors.js';
import type { Queryable } from '../db/queryable.js';

/**
 * The advisory-lock namespace of medseed runs ("meds" in ASCII). A loader holds the session-level
 * lock (RUN_LOCK_NAMESPACE, run id) for as long as it lives, so a 'running' row whose lock is free
 * belongs to a loader that died. Any other loader of medseed.runs (load.sql through psql included)
 * takes the same lock: SELECT pg_advisory_lock(1835361395, <run id>).
 */
export const RUN_LOCK_NAMESPACE = 1_835_361_395;

/** Key 0 (no run has id 0) is the database-wide loader lock: one loader per database at a time. */
const LOADER_KEY = 0;

/** A backend holding a medseed lock, from pg_stat_activity. */
export interface LockHolder {
  readonly pid: number;
  readonly application: string;
  readonly user: string;
  readonly clientAddress: string | null;
  readonly backendStart: Date;
}

/** SQL true when the run whose id is `idExpression` has a live loader (its lock is granted to some backend). */
export function runLockHeldSql(idExpression: string): string {
  return `EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
            AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND l.classid = ${RUN_LOCK_NAMESPACE}::oid AND l.objid = (${idExpression})::oid)`;
}

/** Takes the run's lock on the loader's own session; in the transaction that inserts the run, so no reader ever sees the row unlocked. */
export async function lockRun(client: Queryable, runId: number): Promise<void> {
  await client.query('SELECT pg_advisory_lock($1::int, $2::int)', [RUN_LOCK_NAMESPACE, runId]);
}

/** The backend holding lock (namespace, key) in this database, if any. */
async function findHolder(client: Queryable, key: number): Promise<LockHolder | undefined> {
  const result = await client.query<{ pid: number; application: string; user: string; client_address: string | null; backend_start: Date }>(
    `SELECT a.pid, a.application_name AS application, a.usename AS user, host(a.client_addr) AS client_address, a.backend_start
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
        AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
        AND l.classid = $1::oid AND l.objid = $2::oid`,
    [RUN_LOCK_NAMESPACE, key],
  );
  const row = result.rows[0];
  return row && { pid: row.pid, application: row.application, user: row.user, clientAddress: row.client_address, backendStart: row.backend_start };
}

/** Another loader is at work on this database. Exit 2: nothing was changed, and the fix is the user's. */
export class LiveRunError extends UsageError {}

/**
 * Becomes this database's only loader, or throws LiveRunError naming the live run and the backend
 * that holds it. Two loaders into one database would truncate and interleave each other's rows.
 */
export async function acquireLoaderLock(client: Queryable): Promise<void> {
  const result = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int, $2::int) AS ok', [RUN_LOCK_NAMESPACE, LOADER_KEY]);
  if (result.rows[0]?.ok) return;
  const holder = await findHolder(client, LOADER_KEY);
  const runs = await client.query<{ id: string; started_at: Date; profile: string; seed: string; phase: string | null }>(
    `SELECT id, started_at, profile, seed, phase FROM medseed.runs r WHERE status = 'running' AND ${runLockHeldSql('r.id')} ORDER BY id DESC LIMIT 1`,
  ).catch(() => ({ rows: [] }));
  const run = runs.rows[0];
  const what = run
    ? `run #${run.id} (started ${formatTime(run.started_at)}, profile ${run.profile}, seed ${run.seed}, phase ${run.phase ?? 'unknown'})`
    : 'a run that is still preparing';
  const who = holder
    ? `backend pid ${holder.pid} (application "${holder.application}", user ${holder.user}${holder.clientAddress ? `, from ${holder.clientAddress}` : ''}, connected since ${formatTime(holder.backendStart)})`
    : 'another backend';
  throw new LiveRunError(
    `another medseed loader is seeding this database: ${what}, held by ${who}. ` +
      'Two loaders into one database would overwrite each other, so nothing was changed. ' +
      `Wait for it to finish, or stop it (Ctrl-C in its terminal${holder ? `, or SELECT pg_terminate_backend(${holder.pid})` : ''}), then run seed again.`,
  );
}

/** A timestamp as UTC text without milliseconds, e.g. 2026-11-30 06:41:02 UTC. */
export function formatTime(value: Date | string): string {
  return `${new Date(value).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
