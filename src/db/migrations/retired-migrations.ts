import { readLeakproofSearch, TEXT_SEARCH_FUNCTION, UNDO_LEAKPROOF_SEARCH } from '../leakproof-search.js';
import type { Queryable } from '../queryable.js';

/**
 * Migrations that left the chain after they had landed in users' databases. Their rows stay in
 * medseed.schema_migrations as history; the runner neither re-applies nor complains about them.
 * Once the user has been told, the row's phase becomes 'retired' so they are told only once.
 */
export const RETIRED_MIGRATIONS: Record<string, (client: Queryable) => Promise<string | undefined>> = {
  // Made ts_match_vq LEAKPROOF without asking; now an explicit opt-in (--leakproof-search).
  '0004_leakproof_text_search': async (client) => {
    if (!(await readLeakproofSearch(client))) return undefined;
    return (
      `Note: an earlier medseed (migration 0004_leakproof_text_search, now retired) marked ${TEXT_SEARCH_FUNCTION} ` +
      'LEAKPROOF in this database, and it still is: full-text search under RLS uses the GIN index, and queries on ' +
      'every RLS table here may evaluate @@ on rows their policies hide. medseed no longer does this unless asked ' +
      `(--leakproof-search). To undo it: medseed migrate --no-leakproof-search, or as a superuser ${UNDO_LEAKPROOF_SEARCH}.`
    );
  },
};

export const RETIRED_MIGRATION_TAGS: readonly string[] = Object.keys(RETIRED_MIGRATIONS);

/** Notices about retired migrations this database recorded and the user was not yet told about; marks them told. */
export async function takeRetiredNotices(client: Queryable): Promise<string[]> {
  const rows = await client.query<{ tag: string }>(
    "SELECT tag FROM medseed.schema_migrations WHERE tag = ANY($1) AND phase <> 'retired' ORDER BY tag",
    [RETIRED_MIGRATION_TAGS],
  );
  const notices: string[] = [];
  for (const { tag } of rows.rows) {
    const notice = await RETIRED_MIGRATIONS[tag]!(client);
    if (notice !== undefined) notices.push(notice);
    await client.query("UPDATE medseed.schema_migrations SET phase = 'retired' WHERE tag = $1", [tag]);
  }
  return notices;
}
