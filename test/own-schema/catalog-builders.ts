import type { TargetColumn, TargetForeignKey, TargetTable, TargetCatalog } from '../../src/own-schema/catalog/target-catalog.js';

// Hand-built catalogs for binder tests: the catalog reader has its own tests against PostgreSQL.
const BASE: Record<string, string> = {
  uuid: 'uuid', bigint: 'int8', integer: 'int4', text: 'text', date: 'date', jsonb: 'jsonb', boolean: 'bool', numeric: 'numeric',
  'timestamp with time zone': 'timestamptz', 'timestamp without time zone': 'timestamp', 'double precision': 'float8',
};

export function col(name: string, type: string, extra: Partial<TargetColumn> = {}): TargetColumn {
  return { name, type, baseType: BASE[type] ?? type, typeCategory: 'b', isArray: false, notNull: false, generated: false, ...extra };
}

export function tbl(name: string, columns: TargetColumn[], extra: Partial<TargetTable> = {}): TargetTable {
  return {
    schema: 'public', name, columns, primaryKey: ['id'], uniques: [], foreignKeys: [], checks: [], indexes: [], triggers: [],
    rowSecurity: { enabled: false, forced: false, policies: [] }, ...extra,
  };
}

export function fk(name: string, columns: string[], refTable: string, refColumns: string[], deferrable = false): TargetForeignKey {
  return { name, columns, refSchema: 'public', refTable, refColumns, deferrable };
}

export function catalogOf(...tables: TargetTable[]): TargetCatalog {
  return { schema: 'public', tables: new Map(tables.map((t) => [t.name, t])) };
}
