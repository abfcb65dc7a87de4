import { appliedChecksums } from '../db/migrations/apply-migrations.js';
import { readMigrations } from '../db/migrations/read-migrations.js';
import type { Queryable } from '../db/queryable.js';
import { TABLE_NAMES } from '../tables/table-specs.js';
import { postLoadObjects, type PostLoadObjectKind } from './post-load-objects.js';
import { readPostLoadState } from './post-load-state.js';
import { latestRun } from './run-record.js';
import { checkSearchVectors, describeSearchVectorProblem, type SearchVectorCheck } from './check-search-vectors.js';

export interface ObjectsCheck {
  readonly expected: number;
  readonly missing: string[];
  /** Present but unusable: an index not valid or not ready (a failed build), a NOT VALID constraint. */
  readonly invalid: string[];
  /** The name is taken by an object on another table. */
  readonly elsewhere: string[];
}

export interface RunCheck {
  readonly id: number;
  readonly status: string;
  readonly source: string;
  readonly phase: string | null;
  readonly failedTable: string | null;
  readonly error: string | null;
  readonly ok: boolean;
}

/** Whether a database holds all of medseed's schema and a finished load, beyond what checksums can tell. */
export interface CompletenessCheck {
  readonly tables: { readonly expected: number; readonly missing: string[] };
  readonly migrations: { readonly expected: number; readonly missing: string[] };
  readonly indexes: ObjectsCheck;
  readonly constraints: ObjectsCheck;
  /** Invalid indexes on medseed's tables that no migration names (e.g. a user's failed CREATE INDEX CONCURRENTLY). */
  readonly otherInvalidIndexes: string[];
  /** Every note's stored search vector against the server's to_tsvector; null without a documents table. */
  readonly searchVectors: SearchVectorCheck | null;
  /** The latest recorded run; null when none is recorded (the data check then stands alone). */
  readonly run: RunCheck | null;
  /** One line per problem, naming every missing or invalid object; empty when complete. */
  readonly problems: string[];
  readonly complete: boolean;
}

function objectsCheck(states: Awaited<ReturnType<typeof readPostLoadState>>, kind: PostLoadObjectKind): ObjectsCheck {
  const of = states.filter((s) => s.kind === kind);
  const named = (state: string) => of.filter((s) => s.state === state).map((s) => s.name);
  return { expected: of.length, missing: named('missing'), invalid: named('invalid'), elsewhere: named('elsewhere') };
}

function describeRun(run: RunCheck): string {
  const where = [run.phase ? `phase ${run.phase}` : '', run.failedTable ? `table ${run.failedTable}` : ''].filter(Boolean).join(', ');
  const verb = run.status === 'running' ? 'is still marked running (in progress, or its loader died without recording an end)' : `is ${run.status}`;
  return `the last run (#${run.id}, ${run.source}) ${verb}${where ? ` during ${where}` : ''}${run.error ? `: ${run.error}` : ''}`;
}

/**
 * Checks what checksums cannot: every medseed table exists, every migration of the chain is
 * recorded (a recorded tag no longer in the chain is fine: retired migrations stay recorded),
 * every index and constraint of the post-load migrations is present and valid (pg_index.indisvalid
 * and indisready, pg_constraint.convalidated), every note's search vector equals the server's
 * to_tsvector of its text, and the last recorded run succeeded.
 */
export async function checkCompleteness(client: Queryable): Promise<CompletenessCheck> {
  const tables = await client.query<{ name: string; present: boolean }>(
    "SELECT name, to_regclass('public.' || name) IS NOT NULL AS present FROM unnest($1::text[]) AS name",
    [TABLE_NAMES],
  );
  const missingTables = tables.rows.filter((row) => !row.present).map((row) => row.name);
  const chain = readMigrations();
  const applied = await appliedChecksums(client);
  const missingMigrations = chain.filter((migration) => !applied.has(migration.tag)).map((migration) => migration.tag);
  const states = await readPostLoadState(client, postLoadObjects());
  const indexes = objectsCheck(states, 'index');
  const constraints = objectsCheck(states, 'constraint');
  const named = new Set(states.map((s) => s.name));
  const invalid = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relnamespace = 'public'::regnamespace AND t.relname = ANY($1::text[]) AND NOT (i.indisvalid AND i.indisready)
      ORDER BY 1`,
    [TABLE_NAMES],
  );
  const otherInvalidIndexes = invalid.rows.map((row) => row.name).filter((name) => !named.has(name));
  const searchVectors = missingTables.includes('documents') ? null : await checkSearchVectors(client);
  const row = await latestRun(client);
  const run: RunCheck | null = row
    ? {
        id: Number(row.id),
        status: row.status,
        source: row.source ?? 'seed',
        phase: row.phase ?? null,
        failedTable: row.failed_table ?? null,
        error: row.error ?? null,
        ok: row.status === 'succeeded',
      }
    : null;

  const problems: string[] = [];
  const list = (names: string[]) => names.join(', ');
  if (missingTables.length > 0) problems.push(`missing tables (${missingTables.length} of ${TABLE_NAMES.length}): ${list(missingTables)}`);
  if (missingMigrations.length > 0) problems.push(`migrations not applied (${missingMigrations.length} of ${chain.length}): ${list(missingMigrations)}`);
  for (const [label, check] of [['indexes', indexes], ['constraints', constraints]] as const) {
    if (check.missing.length > 0) problems.push(`missing ${label} (${check.missing.length} of ${check.expected}): ${list(check.missing)}`);
    if (check.invalid.length > 0) problems.push(`invalid ${label} (left by a failed build): ${list(check.invalid)}`);
    if (check.elsewhere.length > 0) problems.push(`${label} whose names are taken on another table: ${list(check.elsewhere)}`);
  }
  if (otherInvalidIndexes.length > 0) problems.push(`invalid indexes on medseed's tables: ${list(otherInvalidIndexes)}`);
  const vectorProblem = searchVectors && describeSearchVectorProblem(searchVectors);
  if (vectorProblem) problems.push(vectorProblem);
  if (run && !run.ok) problems.push(describeRun(run));
  return {
    tables: { expected: TABLE_NAMES.length, missing: missingTables },
    migrations: { expected: chain.length, missing: missingMigrations },
    indexes,
    constraints,
    otherInvalidIndexes,
    searchVectors,
    run,
    problems,
    complete: problems.length === 0,
  };
}
