/**
 * A CTE naming the tables a catalog describes, shared by every query so they all agree: ordinary and
 * partitioned tables of schema $1. Partitions are left out because rows are written through their
 * parent; views, foreign tables and sequences cannot be seeded with COPY.
 */
export const TARGET_TABLES_CTE = `
  target_tables AS (
    SELECT c.oid, c.relname::text AS table_name, c.relrowsecurity, c.relforcerowsecurity
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  )`;

/** Rows of one query, by the table they describe. */
export function groupByTable<Row extends { table_name: string }, T>(rows: readonly Row[], toItem: (row: Row) => T): Map<string, T[]> {
  const byTable = new Map<string, T[]>();
  for (const row of rows) {
    const items = byTable.get(row.table_name) ?? [];
    items.push(toItem(row));
    byTable.set(row.table_name, items);
  }
  return byTable;
}
