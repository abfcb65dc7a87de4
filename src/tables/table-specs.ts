import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../schemas/index.js';
import type { ColumnKind } from '../encoders/index.js';
import type { RowsByTable } from '../generators/row-types.js';

export type TableName = keyof RowsByTable;

/** What sinks and loaders need to know about a table, derived from its drizzle definition. */
export interface TableSpec {
  readonly name: TableName;
  /** Columns a loader writes, in table order (generated columns excluded). */
  readonly columns: readonly string[];
  /** The row object key (drizzle property name) of each column. */
  readonly keys: readonly string[];
  readonly kinds: readonly ColumnKind[];
}

const SQL_TYPE_KINDS: Record<string, ColumnKind> = {
  uuid: 'uuid',
  text: 'text',
  integer: 'int',
  bigint: 'int',
  numeric: 'numeric',
  boolean: 'bool',
  date: 'date',
  'timestamp with time zone': 'timestamptz',
  jsonb: 'jsonb',
  'text[]': 'text[]',
  tsvector: 'tsvector',
};

function specOf(table: PgTable): TableSpec {
  const config = getTableConfig(table);
  const byName = new Map(Object.entries(table as unknown as Record<string, unknown>));
  const columns: string[] = [];
  const keys: string[] = [];
  const kinds: ColumnKind[] = [];
  for (const column of config.columns) {
    if (column.generated) continue;
    const key = [...byName.entries()].find(([, value]) => value === column)?.[0];
    const kind = SQL_TYPE_KINDS[column.getSQLType()];
    if (!key || !kind) throw new Error(`${config.name}.${column.name}: no encoder for SQL type ${column.getSQLType()}`);
    columns.push(column.name);
    keys.push(key);
    kinds.push(kind);
  }
  return { name: config.name as TableName, columns, keys, kinds };
}

/** Every generated table in load order: parents before children. */
export const TABLE_SPECS: readonly TableSpec[] = [
  schema.organizations,
  schema.providers,
  schema.patients,
  schema.careTeamMembers,
  schema.encounters,
  schema.timelineEvents,
  schema.documents,
  schema.tasks,
  schema.auditLogs,
].map(specOf);

export const TABLE_NAMES: readonly TableName[] = TABLE_SPECS.map((spec) => spec.name);

export function tableSpec(name: TableName): TableSpec {
  const spec = TABLE_SPECS.find((s) => s.name === name);
  if (!spec) throw new Error(`unknown table ${name}`);
  return spec;
}
