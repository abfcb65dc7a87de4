import type { Queryable } from '../queryable.js';
import type { PlannedObject, PlannedObjectKind } from './derive-planned-objects.js';

/** An existing object that stands where a pending migration would create one. */
export interface Conflict {
  readonly planned: PlannedObject;
  /** The existing object as the catalog describes it, e.g. "table public.patients". */
  readonly existing: string;
  /** An index, constraint or policy on one of medseed's own tables: left by an interrupted medseed run. */
  readonly onMedseedTable: boolean;
}

interface Found {
  i: number;
  existing: string;
  on_table: string | null;
}

// One query per kind, each joining the planned objects (as jsonb) to the catalog, so a remote
// server costs a handful of round trips however many objects the migrations create.
const QUERIES: Record<PlannedObjectKind, string> = {
  schema: `
    SELECT p.i, format('schema %I', n.nspname) AS existing, NULL AS on_table
    FROM jsonb_to_recordset($1::jsonb) AS p(i int, name text)
    JOIN pg_namespace n ON n.nspname = p.name`,
  relation: `
    SELECT p.i,
           format('%s %I.%I', CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'i' THEN 'index'
             WHEN 'I' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
             WHEN 'f' THEN 'foreign table' WHEN 'c' THEN 'composite type' ELSE 'relation' END,
             n.nspname, c.relname) AS existing,
           (SELECT t.relname FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid WHERE x.indexrelid = c.oid) AS on_table
    FROM jsonb_to_recordset($1::jsonb) AS p(i int, schema text, name text)
    JOIN pg_namespace n ON n.nspname = p.schema
    JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = p.name
    UNION ALL
    -- A table or view brings a row type of its name, which a standalone type (an enum) would block.
    SELECT p.i, format('type %I.%I', n.nspname, t.typname), NULL
    FROM jsonb_to_recordset($1::jsonb) AS p(i int, schema text, name text, label text)
    JOIN pg_namespace n ON n.nspname = p.schema
    JOIN pg_type t ON t.typnamespace = n.oid AND t.typname = p.name AND t.typrelid = 0
    WHERE p.label IN ('table', 'view', 'materialized view')`,
  function: `
    SELECT p.i, format('function %I.%I(%s)', n.nspname, f.proname, pg_get_function_identity_arguments(f.oid)) AS existing,
           NULL AS on_table
    FROM jsonb_to_recordset($1::jsonb) AS p(i int, schema text, name text)
    JOIN pg_namespace n ON n.nspname = p.schema
    JOIN pg_proc f ON f.pronamespace = n.oid AND f.proname = p.name`,
  policy: `
    SELECT p.i, format('policy %I on %I.%I', pol.polname, p.schema, p.table) AS existing, p.table AS on_table
    FROM jsonb_to_recordset($1::jsonb) AS p(i int, schema text, name text, "table" text)
    JOIN pg_policy pol ON pol.polrelid = to_regclass(format('%I.%I', p.schema, p.table)) AND pol.polname = p.name`,
  constraint: `
    SELECT p.i, format('constraint %I on %I.%I', con.conname, p.schema, p.table) AS existing, p.table AS on_table
    FROM jsonb_to_recordset($1::jsonb) AS p(i int, schema text, name text, "table" text)
    JOIN pg_constraint con ON con.conrelid = to_regclass(format('%I.%I', p.schema, p.table)) AND con.conname = p.name`,
  // A trigger named like medseed's on its own table is someone else's (medseed never leaves one
  // half-made: migrations run in one transaction), so it is reported as foreign (on_table NULL).
  trigger: `
    SELECT p.i, format('trigger %I on %I.%I', tg.tgname, p.schema, p.table) AS existing, NULL AS on_table
    FROM jsonb_to_recordset($1::jsonb) AS p(i int, schema text, name text, "table" text)
    JOIN pg_trigger tg ON tg.tgrelid = to_regclass(format('%I.%I', p.schema, p.table)) AND tg.tgname = p.name AND NOT tg.tgisinternal`,
  // Roles are cluster-wide and 0001 reuses existing ones on purpose (every medseed database of a
  // cluster shares them). One that bypasses row-level security would void the RLS model, though.
  role: `
    SELECT p.i,
           format('role %I%s', r.rolname, CASE WHEN r.rolsuper THEN ' (SUPERUSER)' WHEN r.rolbypassrls THEN ' (BYPASSRLS)' ELSE '' END)
             AS existing,
           NULL AS on_table
    FROM jsonb_to_recordset($1::jsonb) AS p(i int, name text, reused boolean)
    JOIN pg_roles r ON r.rolname = p.name
    WHERE NOT p.reused OR r.rolsuper OR r.rolbypassrls`,
};

/**
 * Finds every existing object that a planned one would collide with. Objects created with IF NOT
 * EXISTS are reused, so they never conflict (roles only when they bypass RLS). `medseedTables`
 * names the tables ("schema.name") that recorded migrations created, to tell an index left on
 * them by an interrupted run from a user's own object.
 */
export async function findConflicts(
  client: Queryable,
  planned: readonly PlannedObject[],
  medseedTables: ReadonlySet<string>,
): Promise<Conflict[]> {
  const conflicts: { i: number; conflict: Conflict }[] = [];
  for (const kind of Object.keys(QUERIES) as PlannedObjectKind[]) {
    const candidates = planned
      .map((object, i) => ({ ...object, i }))
      .filter((object) => object.kind === kind && (kind === 'role' || !object.reused));
    if (candidates.length === 0) continue;
    const found = await client.query<Found>(QUERIES[kind], [JSON.stringify(candidates)]);
    for (const row of found.rows) {
      const object = planned[row.i]!;
      const onMedseedTable =
        object.table !== undefined && row.on_table === object.table && medseedTables.has(`${object.schema}.${object.table}`);
      conflicts.push({ i: row.i, conflict: { planned: object, existing: row.existing, onMedseedTable } });
    }
  }
  return conflicts.sort((a, b) => a.i - b.i).map(({ conflict }) => conflict);
}
