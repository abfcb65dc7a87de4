import { UsageError } from '../cli/errors.js';
import type { Queryable } from './queryable.js';

/**
 * The function behind `tsvector @@ tsquery`. Under row-level security PostgreSQL only uses an
 * index condition (or evaluates it before the policies) when its function is LEAKPROOF, and
 * ts_match_vq ships without the mark: full-text search under RLS then reads and filters every row
 * the policies allow instead of using the GIN index. Marking it LEAKPROOF is a security decision
 * for the whole database (every policy of every table, not only medseed's), so medseed only makes
 * it when asked (--leakproof-search) and records it with the run.
 */
export const TEXT_SEARCH_FUNCTION = 'pg_catalog.ts_match_vq(tsvector, tsquery)';

/** The statement that undoes the opt-in, for messages. */
export const UNDO_LEAKPROOF_SEARCH = `ALTER FUNCTION ${TEXT_SEARCH_FUNCTION} NOT LEAKPROOF`;

/** What a seed run records in medseed.runs.options about text search under RLS. */
export interface LeakproofRunOptions {
  /** What the user asked for: true (--leakproof-search), false (--no-leakproof-search); absent when not asked. */
  readonly leakproofTextSearch?: boolean;
  /** Whether ts_match_vq was LEAKPROOF when the run started, whoever set it. */
  readonly tsMatchVqLeakproof: boolean;
}

/**
 * Whether ts_match_vq is LEAKPROOF in the connected database (the mark lives in each database's
 * own pg_catalog), e.g. for bench to report how text search was measured.
 * @example if (await readLeakproofSearch(client)) console.log('ts_match_vq is LEAKPROOF here');
 */
export async function readLeakproofSearch(client: Queryable): Promise<boolean> {
  const result = await client.query<{ leakproof: boolean }>(
    `SELECT proleakproof AS leakproof FROM pg_proc WHERE oid = '${TEXT_SEARCH_FUNCTION}'::regprocedure`,
  );
  return result.rows[0]?.leakproof ?? false;
}

/** Refuses, before anything changes, when the session cannot set or clear the mark (superuser only). */
export async function assertCanSetLeakproofSearch(client: Queryable, wanted: boolean): Promise<void> {
  const result = await client.query<{ superuser: string; user: string }>(
    "SELECT current_setting('is_superuser') AS superuser, current_user AS user",
  );
  const row = result.rows[0]!;
  if (row.superuser === 'on') return;
  throw new UsageError(
    `--${wanted ? '' : 'no-'}leakproof-search: only a superuser can ${wanted ? 'mark' : 'unmark'} ${TEXT_SEARCH_FUNCTION} ` +
      `LEAKPROOF, and role "${row.user}" is not one; nothing was changed. Run the command as a superuser, ` +
      `or leave the flag out (full-text search under RLS then filters rows instead of using the GIN index).`,
  );
}

/** Sets or clears the mark; returns whether it changed. Check assertCanSetLeakproofSearch first. */
export async function setLeakproofSearch(client: Queryable, wanted: boolean): Promise<boolean> {
  if ((await readLeakproofSearch(client)) === wanted) return false;
  await client.query(`ALTER FUNCTION ${TEXT_SEARCH_FUNCTION} ${wanted ? '' : 'NOT '}LEAKPROOF`);
  return true;
}

/** Applies the user's choice, if any, and returns what the run records about it. */
export async function applyLeakproofSearchChoice(client: Queryable, wanted: boolean | undefined): Promise<LeakproofRunOptions> {
  if (wanted !== undefined) await setLeakproofSearch(client, wanted);
  const tsMatchVqLeakproof = await readLeakproofSearch(client);
  return wanted === undefined ? { tsMatchVqLeakproof } : { leakproofTextSearch: wanted, tsMatchVqLeakproof };
}

/** One line for the terminal after a change. */
export function describeLeakproofChange(wanted: boolean, changed: boolean): string {
  if (wanted) {
    return `${changed ? 'Marked' : 'Already marked:'} ${TEXT_SEARCH_FUNCTION} LEAKPROOF in this database: full-text ` +
      `search under RLS can use the GIN index, and queries on every RLS table here may evaluate @@ on rows their policies hide. ` +
      `Undo: medseed migrate --no-leakproof-search (or, as a superuser, ${UNDO_LEAKPROOF_SEARCH}).`;
  }
  return `${changed ? 'Cleared' : 'Already clear:'} the LEAKPROOF mark of ${TEXT_SEARCH_FUNCTION} in this database (as PostgreSQL ships it).`;
}
