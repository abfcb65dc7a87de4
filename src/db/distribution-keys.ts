import type { Queryable } from './queryable.js';

export const KEY_KINDS = ['primary key', 'unique constraint', 'unique index', 'foreign key'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** A primary key, unique constraint or index, or foreign key, read from the catalog. */
export interface TableKey {
  readonly table: string;
  readonly name: string;
  readonly kind: KeyKind;
  /** Key columns in key order; an expression column appears as "(expression)". */
  readonly columns: readonly string[];
}

// Constraints first, then unique indexes that back no constraint (CREATE UNIQUE INDEX), so each
// key is reported once whichever way it was written.
const KEYS_SQL = `
  SELECT c.relname AS table, con.conname AS name,
         CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique constraint' ELSE 'foreign key' END AS kind,
         array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, n)
               JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
  FROM pg_constraint con
  JOIN pg_class c ON c.oid = con.conrelid
  JOIN pg_namespace ns ON ns.oid = c.relnamespace
  WHERE ns.nspname = $1 AND c.relname = ANY($2::text[]) AND con.contype IN ('p', 'u', 'f')
  UNION ALL
  SELECT c.relname, i.relname, 'unique index',
         array(SELECT coalesce(a.attname, '(expression)') FROM unnest(ix.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
               LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum AND k.attnum > 0
               WHERE k.n <= ix.indnkeyatts ORDER BY k.n)::text[]
  FROM pg_index ix
  JOIN pg_class c ON c.oid = ix.indrelid
  JOIN pg_class i ON i.oid = ix.indexrelid
  JOIN pg_namespace ns ON ns.oid = c.relnamespace
  WHERE ns.nspname = $1 AND c.relname = ANY($2::text[]) AND ix.indisunique
    AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid)
  ORDER BY 1, 2`;

/** Every primary key, unique constraint, unique index and foreign key of the given tables. */
export async function readTableKeys(client: Queryable, tables: readonly string[], schema = 'public'): Promise<TableKey[]> {
  const result = await client.query<TableKey>(KEYS_SQL, [schema, tables]);
  return result.rows.map((row) => ({ table: row.table, name: row.name, kind: row.kind, columns: row.columns }));
}

/**
 * The keys a sharded database refuses: Citus needs the distribution column in every primary key,
 * unique constraint or index, and foreign key of a distributed table, so that each is checked
 * inside one shard. Plain PostgreSQL can tell this from its catalog before any Citus exists.
 *
 * @example
 *   await findKeysWithoutColumn(client, ['patients', 'encounters'], 'org_id')
 *   // [{ table: 'encounters', name: 'encounters_pkey', kind: 'primary key', columns: ['id'] }, ...]
 */
export async function findKeysWithoutColumn(
  client: Queryable,
  tables: readonly string[],
  column: string,
  schema = 'public',
): Promise<TableKey[]> {
  return (await readTableKeys(client, tables, schema)).filter((key) => !key.columns.includes(column));
}
