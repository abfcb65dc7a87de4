import type { Queryable } from '../../db/queryable.js';
import type { TargetPolicy } from './target-catalog.js';
import { groupByTable, TARGET_TABLES_CTE } from './target-tables-sql.js';

// Role oid 0 in polroles stands for PUBLIC; roles keep the order the policy names them in.
const POLICIES_SQL = `
  WITH ${TARGET_TABLES_CTE}
  SELECT t.table_name, p.polname::text AS name,
         CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                       WHEN 'd' THEN 'DELETE' ELSE 'ALL' END AS command,
         (SELECT array_agg(CASE WHEN role.oid = 0 THEN 'public' ELSE r.rolname::text END ORDER BY role.position)
          FROM unnest(p.polroles) WITH ORDINALITY AS role(oid, position)
          LEFT JOIN pg_catalog.pg_roles r ON r.oid = role.oid) AS roles,
         pg_catalog.pg_get_expr(p.polqual, p.polrelid) AS "using",
         pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
  FROM target_tables t
  JOIN pg_catalog.pg_policy p ON p.polrelid = t.oid
  ORDER BY t.table_name COLLATE "C", p.polname COLLATE "C"`;

interface PolicyRow {
  table_name: string;
  name: string;
  command: string;
  roles: string[];
  using: string | null;
  with_check: string | null;
}

/** Row-level security policies of every target table of `schema`, by table name. */
export async function readPolicies(client: Queryable, schema: string): Promise<Map<string, TargetPolicy[]>> {
  const { rows } = await client.query<PolicyRow>(POLICIES_SQL, [schema]);
  return groupByTable(rows, (row) => ({
    name: row.name,
    command: row.command,
    roles: row.roles,
    ...(row.using !== null ? { using: row.using } : {}),
    ...(row.with_check !== null ? { withCheck: row.with_check } : {}),
  }));
}
