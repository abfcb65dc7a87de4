import type { Queryable } from '../../src/db/queryable.js';

/**
 * Every user-visible object of a database, one line each, sorted: schemas, relations, functions,
 * constraints, policies, extensions, the LEAKPROOF mark of ts_match_vq, and the roles named
 * medseed* (roles are cluster-wide; other test files never create ones with that prefix).
 * Two equal snapshots mean nothing was created, dropped or altered in those catalogs.
 */
export async function catalogSnapshot(client: Queryable): Promise<string[]> {
  const result = await client.query<{ line: string }>(`
    WITH visible AS (
      SELECT oid, nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    )
    SELECT format('schema %s owner=%s', nspname, pg_get_userbyid(nspowner)) AS line FROM pg_namespace
    UNION ALL
    SELECT format('relation %s.%s kind=%s owner=%s rls=%s', v.nspname, c.relname, c.relkind, pg_get_userbyid(c.relowner), c.relrowsecurity)
    FROM pg_class c JOIN visible v ON v.oid = c.relnamespace
    UNION ALL
    SELECT format('function %s leakproof=%s', p.oid::regprocedure, p.proleakproof) FROM pg_proc p JOIN visible v ON v.oid = p.pronamespace
    UNION ALL
    SELECT format('constraint %s on %s', conname, conrelid::regclass) FROM pg_constraint c JOIN visible v ON v.oid = c.connamespace
    UNION ALL
    SELECT format('policy %s on %s', polname, polrelid::regclass) FROM pg_policy
    UNION ALL
    SELECT format('extension %s', extname) FROM pg_extension
    UNION ALL
    SELECT format('ts_match_vq leakproof=%s', proleakproof) FROM pg_proc WHERE oid = 'pg_catalog.ts_match_vq(tsvector, tsquery)'::regprocedure
    UNION ALL
    SELECT format('role %s super=%s bypassrls=%s', rolname, rolsuper, rolbypassrls) FROM pg_roles WHERE rolname LIKE 'medseed%'
  `);
  return result.rows.map((row) => row.line).sort();
}
