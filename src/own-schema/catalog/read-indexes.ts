import type { Queryable } from '../../db/queryable.js';
import type { TargetIndex } from './target-catalog.js';
import { TARGET_TABLES_CTE } from './target-tables-sql.js';

// key_columns is NULL for an index on an expression (attnum 0), and covers only the key part of an
// index with INCLUDE columns: only those make rows unique.
const INDEXES_SQL = `
  WITH ${TARGET_TABLES_CTE}
  SELECT t.table_name, ic.relname::text AS name, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
         k.conname::text AS "constraint",
         i.indisunique AND NOT i.indisprimary AND i.indpred IS NULL AS plain_unique,
         CASE WHEN 0 <> ALL (i.indkey::int2[]) THEN
           (SELECT array_agg(a.attname::text ORDER BY key.position)
            FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS key(attnum, position)
            JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = key.attnum
            WHERE key.position <= i.indnkeyatts)
         END AS key_columns
  FROM target_tables t
  JOIN pg_catalog.pg_index i ON i.indrelid = t.oid
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  -- a foreign key's conindid names the referenced table's index, so match the table too
  LEFT JOIN pg_catalog.pg_constraint k
    ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')
  ORDER BY t.table_name COLLATE "C", ic.relname COLLATE "C"`;

interface IndexRow {
  table_name: string;
  name: string;
  definition: string;
  constraint: string | null;
  plain_unique: boolean;
  key_columns: string[] | null;
}

export interface TableIndexes {
  indexes: TargetIndex[];
  /** Column sets that unique constraints and full, plain-column unique indexes make unique. */
  uniques: string[][];
}

/**
 * Every index of every target table of `schema`, by table name, and the unique column sets they
 * enforce. A partial or expression unique index is listed as an index but not as a unique: it does
 * not make the columns themselves unique.
 */
export async function readIndexes(client: Queryable, schema: string): Promise<Map<string, TableIndexes>> {
  const { rows } = await client.query<IndexRow>(INDEXES_SQL, [schema]);
  const byTable = new Map<string, TableIndexes>();
  for (const row of rows) {
    let table = byTable.get(row.table_name);
    if (!table) byTable.set(row.table_name, (table = { indexes: [], uniques: [] }));
    table.indexes.push({ name: row.name, definition: row.definition, ...(row.constraint ? { constraint: row.constraint } : {}) });
    const columns = row.key_columns;
    // a unique constraint and a unique index on the same columns say the same thing once
    if (row.plain_unique && columns && !table.uniques.some((u) => u.join('\0') === columns.join('\0'))) table.uniques.push(columns);
  }
  return byTable;
}
