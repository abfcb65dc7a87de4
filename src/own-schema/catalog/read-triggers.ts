import type { Queryable } from '../../db/queryable.js';
import type { TargetTrigger } from './target-catalog.js';
import { groupByTable, TARGET_TABLES_CTE } from './target-tables-sql.js';

// Internal triggers are how PostgreSQL enforces foreign keys; they are listed as constraints.
const TRIGGERS_SQL = `
  WITH ${TARGET_TABLES_CTE}
  SELECT t.table_name, g.tgname::text AS name, pg_catalog.pg_get_triggerdef(g.oid) AS definition,
         g.tgenabled <> 'D' AS enabled
  FROM target_tables t
  JOIN pg_catalog.pg_trigger g ON g.tgrelid = t.oid
  WHERE NOT g.tgisinternal
  ORDER BY t.table_name COLLATE "C", g.tgname COLLATE "C"`;

interface TriggerRow {
  table_name: string;
  name: string;
  definition: string;
  enabled: boolean;
}

/** The user's triggers on every target table of `schema`, by table name. */
export async function readTriggers(client: Queryable, schema: string): Promise<Map<string, TargetTrigger[]>> {
  const { rows } = await client.query<TriggerRow>(TRIGGERS_SQL, [schema]);
  return groupByTable(rows, ({ name, definition, enabled }) => ({ name, definition, enabled }));
}
