import type { Queryable } from '../../db/queryable.js';

/**
 * Whether tsvector @@ tsquery (pg_catalog.ts_match_vq) is marked LEAKPROOF in this database. Under
 * RLS PostgreSQL only lets LEAKPROOF operators become index conditions, so without it a text search
 * cannot use the GIN index and filters the rows the policies let through. Null when the function is
 * not there to ask (a server without it). Read-only: the bench never changes the flag.
 */
export async function readTextSearchLeakproof(client: Queryable): Promise<boolean | null> {
  const result = await client.query<{ leakproof: boolean }>(
    "SELECT proleakproof AS leakproof FROM pg_proc WHERE oid = to_regprocedure('pg_catalog.ts_match_vq(tsvector,tsquery)')",
  );
  return result.rows[0]?.leakproof ?? null;
}
