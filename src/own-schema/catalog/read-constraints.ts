import type { Queryable } from '../../db/queryable.js';
import type { TargetCheck, TargetForeignKey } from './target-catalog.js';
import { TARGET_TABLES_CTE } from './target-tables-sql.js';

// Column lists are unnested WITH ORDINALITY so a composite key keeps its declared order and each
// foreign-key column stays paired with the column it references. conparentid = 0 drops the copies
// PostgreSQL adds for a foreign key to a partitioned table (one per partition).
const CONSTRAINTS_SQL = `
  WITH ${TARGET_TABLES_CTE}
  SELECT t.table_name, k.conname::text AS name, k.contype::text AS kind, k.condeferrable AS deferrable,
         pg_catalog.pg_get_constraintdef(k.oid) AS definition,
         (SELECT array_agg(a.attname::text ORDER BY key.position)
          FROM unnest(k.conkey) WITH ORDINALITY AS key(attnum, position)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = key.attnum) AS columns,
         rn.nspname::text AS ref_schema, rc.relname::text AS ref_table,
         (SELECT array_agg(a.attname::text ORDER BY key.position)
          FROM unnest(k.confkey) WITH ORDINALITY AS key(attnum, position)
          JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = key.attnum) AS ref_columns
  FROM target_tables t
  JOIN pg_catalog.pg_constraint k ON k.conrelid = t.oid
  LEFT JOIN pg_catalog.pg_class rc ON rc.oid = k.confrelid
  LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
  WHERE k.contype IN ('p', 'f', 'c') AND k.conparentid = 0
  ORDER BY t.table_name COLLATE "C", k.conname COLLATE "C"`;

interface ConstraintRow {
  table_name: string;
  name: string;
  kind: 'p' | 'f' | 'c';
  deferrable: boolean;
  definition: string;
  columns: string[] | null;
  ref_schema: string | null;
  ref_table: string | null;
  ref_columns: string[] | null;
}

export interface TableConstraints {
  primaryKey: string[];
  foreignKeys: TargetForeignKey[];
  checks: TargetCheck[];
}

/** Primary key, foreign keys and CHECK constraints of every target table of `schema`, by table name. */
export async function readConstraints(client: Queryable, schema: string): Promise<Map<string, TableConstraints>> {
  const { rows } = await client.query<ConstraintRow>(CONSTRAINTS_SQL, [schema]);
  const byTable = new Map<string, TableConstraints>();
  for (const row of rows) {
    let table = byTable.get(row.table_name);
    if (!table) byTable.set(row.table_name, (table = { primaryKey: [], foreignKeys: [], checks: [] }));
    const columns = row.columns ?? [];
    if (row.kind === 'p') table.primaryKey = columns;
    else if (row.kind === 'c') table.checks.push({ name: row.name, definition: row.definition, columns });
    else {
      table.foreignKeys.push({
        name: row.name,
        columns,
        refSchema: row.ref_schema!,
        refTable: row.ref_table!,
        refColumns: row.ref_columns ?? [],
        deferrable: row.deferrable,
      });
    }
  }
  return byTable;
}
