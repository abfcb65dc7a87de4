import type { Queryable } from '../../db/queryable.js';
import type { TargetColumn } from './target-catalog.js';
import { groupByTable, TARGET_TABLES_CTE } from './target-tables-sql.js';

// Walks each column's type through domains (to their base type) and one array level (to its
// element type), so a domain over text reads as `text` and a `visit_status[]` as the enum. A NOT
// NULL domain makes the column NOT NULL, and a domain's default fills an omitted column just as a
// column default does (COPY applies both), but only for domains met before the array: a domain
// over the elements constrains the elements, not the column.
const COLUMNS_SQL = `
  WITH RECURSIVE ${TARGET_TABLES_CTE},
  target_columns AS (
    SELECT t.table_name, a.attrelid, a.attnum, a.attname::text AS name, a.atttypid, a.atttypmod, a.attnotnull,
           a.attidentity, a.attgenerated
    FROM target_tables t
    JOIN pg_catalog.pg_attribute a ON a.attrelid = t.oid
    WHERE a.attnum > 0 AND NOT a.attisdropped
  ),
  type_walk AS (
    SELECT attrelid, attnum, atttypid AS type_oid, false AS is_array, false AS domain_not_null,
           NULL::text AS domain_default, 0 AS depth
    FROM target_columns
    UNION ALL
    SELECT w.attrelid, w.attnum,
           CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE ty.typelem END,
           w.is_array OR ty.typtype <> 'd',
           w.domain_not_null OR (ty.typtype = 'd' AND ty.typnotnull AND NOT w.is_array),
           coalesce(w.domain_default, CASE WHEN ty.typtype = 'd' AND NOT w.is_array THEN ty.typdefault COLLATE "default" END),
           w.depth + 1
    FROM type_walk w
    JOIN pg_catalog.pg_type ty ON ty.oid = w.type_oid
    -- typlen -1 with an element type is how PostgreSQL itself tells a true array from name or point
    WHERE ty.typtype = 'd' OR (ty.typelem <> 0 AND ty.typlen = -1 AND NOT w.is_array)
  ),
  resolved AS (
    SELECT DISTINCT ON (attrelid, attnum) * FROM type_walk ORDER BY attrelid, attnum, depth DESC
  )
  SELECT c.table_name, c.name,
         pg_catalog.format_type(c.atttypid, c.atttypmod) AS type,
         base.typname::text AS base_type,
         base.typtype::text AS type_category,
         r.is_array,
         c.attnotnull OR r.domain_not_null AS not_null,
         CASE WHEN c.attidentity = '' AND c.attgenerated = ''
              THEN coalesce(pg_catalog.pg_get_expr(d.adbin, d.adrelid), r.domain_default) END AS "default",
         c.attidentity::text AS identity,
         -- 's' stored; PostgreSQL 18 adds 'v' virtual, which COPY cannot write either
         c.attgenerated <> '' AS generated,
         (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
          FROM pg_catalog.pg_enum e WHERE e.enumtypid = base.oid) AS enum_values,
         pg_catalog.pg_get_serial_sequence(format('%I.%I', $1::text, c.table_name), c.name) AS sequence
  FROM target_columns c
  JOIN resolved r ON r.attrelid = c.attrelid AND r.attnum = c.attnum
  JOIN pg_catalog.pg_type base ON base.oid = r.type_oid
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.attrelid AND d.adnum = c.attnum
  ORDER BY c.table_name COLLATE "C", c.attnum`;

interface ColumnRow {
  table_name: string;
  name: string;
  type: string;
  base_type: string;
  type_category: string;
  is_array: boolean;
  not_null: boolean;
  default: string | null;
  identity: string;
  generated: boolean;
  enum_values: string[] | null;
  sequence: string | null;
}

const IDENTITY = { a: 'always', d: 'by default' } as const;

/**
 * Every column of every target table of `schema`, in table order, by table name; allowedValues
 * are left to the CHECK constraints (see allowedValuesFor).
 */
export async function readColumns(client: Queryable, schema: string): Promise<Map<string, TargetColumn[]>> {
  const { rows } = await client.query<ColumnRow>(COLUMNS_SQL, [schema]);
  return groupByTable(rows, toColumn);
}

function toColumn(row: ColumnRow): TargetColumn {
  const identity = IDENTITY[row.identity as keyof typeof IDENTITY];
  return {
    name: row.name,
    type: row.type,
    baseType: row.base_type,
    typeCategory: row.type_category,
    isArray: row.is_array,
    notNull: row.not_null,
    generated: row.generated,
    ...(row.default !== null ? { default: row.default } : {}),
    ...(identity ? { identity } : {}),
    ...(row.enum_values ? { enumValues: row.enum_values } : {}),
    ...(row.sequence !== null ? { sequence: row.sequence } : {}),
  };
}
