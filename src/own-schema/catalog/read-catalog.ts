import type { Queryable } from '../../db/queryable.js';
import { allowedValuesFor } from './allowed-values.js';
import { readColumns } from './read-columns.js';
import { readConstraints } from './read-constraints.js';
import { readIndexes } from './read-indexes.js';
import { readPolicies } from './read-policies.js';
import { readTriggers } from './read-triggers.js';
import type { TargetCatalog, TargetTable } from './target-catalog.js';
import { TARGET_TABLES_CTE } from './target-tables-sql.js';

const TABLES_SQL = `
  WITH ${TARGET_TABLES_CTE}
  SELECT table_name, relrowsecurity AS row_security, relforcerowsecurity AS forced
  FROM target_tables
  ORDER BY table_name COLLATE "C"`;

interface TableRow {
  table_name: string;
  row_security: boolean;
  forced: boolean;
}

/**
 * Describes the ordinary and partitioned tables of `schema` from PostgreSQL's catalog, whatever
 * created them. A schema that does not exist reads as one without tables, so the binder can name
 * each missing table.
 * @example const catalog = await readCatalog(client, 'public'); catalog.tables.get('patient')?.primaryKey
 */
export async function readCatalog(client: Queryable, schema: string): Promise<TargetCatalog> {
  // one after another: a single pg.Client must not be given a second query before the first ends
  const tables = await client.query<TableRow>(TABLES_SQL, [schema]);
  const columns = await readColumns(client, schema);
  const constraints = await readConstraints(client, schema);
  const indexes = await readIndexes(client, schema);
  const triggers = await readTriggers(client, schema);
  const policies = await readPolicies(client, schema);
  const described = new Map<string, TargetTable>();
  for (const row of tables.rows) {
    const name = row.table_name;
    const keys = constraints.get(name) ?? { primaryKey: [], foreignKeys: [], checks: [] };
    const indexed = indexes.get(name) ?? { indexes: [], uniques: [] };
    described.set(name, {
      schema,
      name,
      columns: (columns.get(name) ?? []).map((column) => {
        const allowedValues = allowedValuesFor(column.name, keys.checks);
        return allowedValues ? { ...column, allowedValues } : column;
      }),
      primaryKey: keys.primaryKey,
      uniques: indexed.uniques,
      foreignKeys: keys.foreignKeys,
      checks: keys.checks,
      indexes: indexed.indexes,
      triggers: triggers.get(name) ?? [],
      rowSecurity: { enabled: row.row_security, forced: row.forced, policies: policies.get(name) ?? [] },
    });
  }
  return { schema, tables: described };
}
