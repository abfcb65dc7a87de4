import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RunConfig } from '../../config/resolve-run-config.js';
import type { Queryable } from '../../db/queryable.js';
import { RUN_LOCK_NAMESPACE } from '../../load/run-lock.js';
import { GENERATOR_VERSION } from '../../version.js';

/**
 * Runs into a user's own schema are recorded in medseed.mapped_runs: medseed's own table (its
 * schema is created if missing, nothing of the user's is touched). A run records the objects it
 * sets aside (dropped indexes, disabled triggers) before setting them aside, so a run that dies
 * half way can always be repaired by the next one.
 */
const MAPPED_RUN_LOCK_NAMESPACE = RUN_LOCK_NAMESPACE + 1;

/** SQL: the run set something aside (any list non-empty). */
export const SET_ASIDE_ANYTHING = `(SELECT bool_or(jsonb_array_length(coalesce(set_aside->k, '[]')) > 0) FROM unnest(ARRAY['indexes', 'foreignKeys', 'triggersDisabledOn']) AS k)`;

export interface SetAside {
  /** Index definitions (pg_get_indexdef) dropped for the load, to re-create. */
  readonly indexes: readonly { readonly table: string; readonly name: string; readonly definition: string }[];
  /** Foreign keys (pg_get_constraintdef) dropped for the load, to add again: checked in one pass, not row by row. */
  readonly foreignKeys: readonly { readonly table: string; readonly name: string; readonly definition: string }[];
  /** Tables whose user triggers were disabled for the load, to enable again. */
  readonly triggersDisabledOn: readonly string[];
}

/** medseed's record of runs into a user's schema; load.sql of `generate --mapping` runs the same DDL. */
export const MAPPED_RUNS_DDL = `CREATE SCHEMA IF NOT EXISTS medseed;
CREATE TABLE IF NOT EXISTS medseed.mapped_runs (
  id bigserial PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned')),
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  mapping_path text NOT NULL,
  mapping_sha256 text NOT NULL,
  target_schema text NOT NULL,
  seed text NOT NULL,
  profile text NOT NULL,
  generator_version text NOT NULL,
  config jsonb NOT NULL,
  set_aside jsonb NOT NULL DEFAULT '{"indexes": [], "foreignKeys": [], "triggersDisabledOn": []}',
  restored boolean NOT NULL DEFAULT false,
  tables jsonb,
  timings jsonb,
  error text
);`;

export async function ensureMappedRunsTable(client: Queryable): Promise<void> {
  await client.query(MAPPED_RUNS_DDL);
}

export async function sha256OfFile(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

export async function recordMappedRunStart(client: Queryable, config: RunConfig, mappingPath: string, schema: string): Promise<number> {
  await client.query('BEGIN');
  try {
    const result = await client.query<{ id: string }>(
      `INSERT INTO medseed.mapped_runs (status, mapping_path, mapping_sha256, target_schema, seed, profile, generator_version, config)
       VALUES ('running', $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [mappingPath, await sha256OfFile(mappingPath), schema, config.seed, config.profile.name, GENERATOR_VERSION, JSON.stringify(config)],
    );
    const id = Number(result.rows[0]!.id);
    await client.query('SELECT pg_advisory_lock($1::int, $2::int)', [MAPPED_RUN_LOCK_NAMESPACE, id]);
    await client.query('COMMIT');
    return id;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export async function recordSetAside(client: Queryable, id: number, setAside: SetAside): Promise<void> {
  await client.query('UPDATE medseed.mapped_runs SET set_aside = $2 WHERE id = $1', [id, JSON.stringify(setAside)]);
}

export async function recordMappedRunEnd(
  client: Queryable,
  id: number,
  outcome: { status: 'succeeded' | 'failed'; restored: boolean; tables?: unknown; timings?: unknown; error?: string },
): Promise<void> {
  await client.query(
    `UPDATE medseed.mapped_runs SET status = $2, restored = $3, tables = $4, timings = $5, error = $6, finished_at = now() WHERE id = $1`,
    [id, outcome.status, outcome.restored, outcome.tables === undefined ? null : JSON.stringify(outcome.tables), outcome.timings === undefined ? null : JSON.stringify(outcome.timings), outcome.error ?? null],
  );
  await client.query('SELECT pg_advisory_unlock($1::int, $2::int)', [MAPPED_RUN_LOCK_NAMESPACE, id]);
}

/** Marks runs whose loader died as abandoned; returns them. */
export async function settleDeadMappedRuns(client: Queryable): Promise<number[]> {
  const result = await client.query<{ id: string }>(
    `UPDATE medseed.mapped_runs r SET status = 'abandoned', finished_at = now(),
            error = coalesce(r.error, 'abandoned: the loader ended without recording an outcome')
      WHERE r.status = 'running' AND NOT EXISTS (
        SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.classid = ${MAPPED_RUN_LOCK_NAMESPACE}::oid AND l.objid = r.id::oid)
      RETURNING r.id`,
  );
  return result.rows.map((row) => Number(row.id));
}

/** Runs that ended without putting back what they set aside (killed, or the restore itself failed). */
export async function unrestoredRuns(client: Queryable): Promise<{ id: number; setAside: SetAside }[]> {
  // runs recorded before foreign keys could be deferred have no such list
  const result = await client.query<{ id: string; set_aside: Partial<SetAside> }>(
    `SELECT id, set_aside FROM medseed.mapped_runs
      WHERE status IN ('failed', 'abandoned') AND NOT restored
        AND ${SET_ASIDE_ANYTHING}
      ORDER BY id`,
  );
  return result.rows.map(({ id, set_aside: s }) => ({
    id: Number(id),
    setAside: { indexes: s.indexes ?? [], foreignKeys: s.foreignKeys ?? [], triggersDisabledOn: s.triggersDisabledOn ?? [] },
  }));
}

export async function markRestored(client: Queryable, id: number): Promise<void> {
  await client.query('UPDATE medseed.mapped_runs SET restored = true WHERE id = $1', [id]);
}

export interface MappedRun {
  readonly id: number;
  readonly status: string;
  readonly mappingPath: string;
  readonly mappingSha256: string;
  readonly config: RunConfig;
  readonly tables: Record<string, number> | null;
}

/** False in a database no run through a mapping ever touched. */
async function mappedRunsExist(client: Queryable): Promise<boolean> {
  const exists = await client.query<{ ok: boolean }>(`SELECT to_regclass('medseed.mapped_runs') IS NOT NULL AS ok`);
  return exists.rows[0]?.ok === true;
}

export async function lastMappedRun(client: Queryable): Promise<MappedRun | undefined> {
  if (!(await mappedRunsExist(client))) return undefined;
  const result = await client.query<{ id: string; status: string; mapping_path: string; mapping_sha256: string; config: RunConfig; tables: Record<string, number> | null }>(
    `SELECT id, status, mapping_path, mapping_sha256, config, tables FROM medseed.mapped_runs ORDER BY id DESC LIMIT 1`,
  );
  const row = result.rows[0];
  return row && { id: Number(row.id), status: row.status, mappingPath: row.mapping_path, mappingSha256: row.mapping_sha256, config: row.config, tables: row.tables };
}

/**
 * Indexes and foreign keys that earlier runs set aside and have not put back (failed, abandoned, or dead while
 * still marked running): read only, so a seed can validate what it is told to defer before it repairs them.
 */
export async function awaitingRepair(client: Queryable): Promise<Pick<SetAside, 'indexes' | 'foreignKeys'>> {
  if (!(await mappedRunsExist(client))) return { indexes: [], foreignKeys: [] };
  const result = await client.query<{ indexes: SetAside['indexes'] | null; foreign_keys: SetAside['foreignKeys'] | null }>(
    `SELECT set_aside->'indexes' AS indexes, set_aside->'foreignKeys' AS foreign_keys FROM medseed.mapped_runs
      WHERE status <> 'succeeded' AND NOT restored ORDER BY id`,
  );
  return { indexes: result.rows.flatMap((row) => row.indexes ?? []), foreignKeys: result.rows.flatMap((row) => row.foreign_keys ?? []) };
}

/** The last run, after marking runs whose loader died as abandoned, so its status tells the truth. */
export async function lastSettledMappedRun(client: Queryable): Promise<MappedRun | undefined> {
  if (!(await mappedRunsExist(client))) return undefined;
  await settleDeadMappedRuns(client);
  return lastMappedRun(client);
}
