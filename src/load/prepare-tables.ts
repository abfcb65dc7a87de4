import { UsageError } from '../cli/errors.js';
import type { Queryable } from '../db/queryable.js';
import { TABLE_NAMES } from '../tables/table-specs.js';
import { latestRun } from './run-record.js';
import { undoPostLoad } from './post-load.js';

/**
 * Makes medseed's tables ready for a bulk load. Refuses when they hold rows, unless `reset`, which
 * truncates medseed's own tables (and nothing else). Drops medseed's own post-load indexes and
 * constraints so COPY does not maintain them row by row.
 */
export async function prepareTables(client: Queryable, reset: boolean): Promise<{ truncated: boolean }> {
  const nonEmpty: string[] = [];
  for (const table of TABLE_NAMES) {
    const result = await client.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM public.${table}) AS present`);
    if (result.rows[0]?.present) nonEmpty.push(table);
  }
  let truncated = false;
  if (nonEmpty.length > 0) {
    if (!reset) {
      const run = await latestRun(client);
      const last = run ? ` The last medseed run (#${run.id}, profile ${run.profile}, seed ${run.seed}) is ${run.status}.` : '';
      throw new UsageError(
        `the database already holds data in ${nonEmpty.join(', ')}.${last} Nothing was changed. ` +
          'Run again with --reset to truncate medseed\'s tables and reseed, or point --db at an empty database.',
      );
    }
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
