import { UsageError } from '../cli/errors.js';
import type { Queryable } from '../db/queryable.js';
import { TABLE_NAMES } from '../tables/table-specs.js';
import { latestRun } from './run-record.js';
import { undoPostLoad } from './post-load.js';

/** medseed's tables that exist and hold rows (a table not created yet holds none). */
async function nonEmptyTables(client: Queryable): Promise<string[]> {
  const existing = await client.query<{ name: string }>(
    "SELECT name FROM unnest($1::text[]) AS name WHERE to_regclass('public.' || name) IS NOT NULL",
    [TABLE_NAMES],
  );
  const nonEmpty: string[] = [];
  for (const { name } of existing.rows) {
    const result = await client.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM public.${name}) AS present`);
    if (result.rows[0]?.present) nonEmpty.push(name);
  }
  return nonEmpty;
}

/**
 * Refuses a database whose tables hold rows, unless `reset`. Seed asks before migrating too, so a
 * refused seed changes nothing at all (a pending migration may move indexes into the post-load step).
 */
export async function refuseLoadedTables(client: Queryable, reset: boolean): Promise<string[]> {
  const nonEmpty = await nonEmptyTables(client);
  if (nonEmpty.length > 0 && !reset) {
    const run = await latestRun(client);
    const last = run ? ` The last medseed run (#${run.id}, profile ${run.profile}, seed ${run.seed}) is ${run.status}.` : '';
    throw new UsageError(
      `the database already holds data in ${nonEmpty.join(', ')}.${last} Nothing was changed. ` +
        'Run again with --reset to truncate medseed\'s tables and reseed, or point --db at an empty database.',
    );
  }
  return nonEmpty;
}

/**
 * Makes medseed's tables ready for a bulk load. Refuses when they hold rows, unless `reset`, which
 * truncates medseed's own tables (and nothing else). Drops medseed's own post-load indexes and
 * constraints so COPY does not maintain them row by row.
 */
export async function prepareTables(client: Queryable, reset: boolean): Promise<{ truncated: boolean }> {
  const nonEmpty = await refuseLoadedTables(client, reset);
  let truncated = false;
  if (nonEmpty.length > 0) {
    await client.query(`TRUNCATE ${TABLE_NAMES.map((t) => `public.${t}`).join(', ')}`);
    truncated = true;
  }
  await undoPostLoad(client);
  return { truncated };
}

/** The bulk loader must bypass RLS (COPY FROM is refused on tables with forced row security otherwise). */
export async function assertCanBulkLoad(client: Queryable): Promise<void> {
  const result = await client.query<{ rolname: string; ok: boolean }>(
    'SELECT rolname, rolsuper OR rolbypassrls AS ok FROM pg_roles WHERE rolname = current_user',
  );
  const row = result.rows[0];
  if (!row?.ok) {
    throw new UsageError(
      `role ${row?.rolname ?? '?'} can neither bypass row-level security nor is a superuser, so it cannot COPY into tables with FORCE ROW LEVEL SECURITY. ` +
        'Connect as a superuser or a role with BYPASSRLS (ALTER ROLE ... BYPASSRLS).',
    );
  }
}
