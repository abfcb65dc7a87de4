import type { Queryable } from './queryable.js';

// Each query yields lines that describe one aspect of the schema; sorting makes the dump stable
// across PostgreSQL's catalog order, so the checked-in copy only changes when the schema does.
const SECTIONS: Record<string, string> = {
  columns: `
    SELECT format('%s.%s %s%s%s%s', c.table_name, c.column_name,
                  CASE WHEN c.data_type = 'USER-DEFINED' THEN c.udt_name ELSE c.data_type END,
                  CASE WHEN c.is_nullable = 'NO' THEN ' not null' ELSE '' END,
                  coalesce(' default ' || c.column_default, ''),
                  coalesce(' generated ' || c.generation_expression, ''))
    FROM information_schema.columns c
    WHERE c.table_schema IN ('public', 'medseed')`,
  constraints: `
    SELECT format('%s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid))
    FROM pg_constraint WHERE connamespace IN ('public'::regnamespace, 'medseed'::regnamespace)`,
  indexes: `SELECT indexdef FROM pg_indexes WHERE schemaname IN ('public', 'medseed')`,
  rls: `
    SELECT format('%s rls=%s force=%s owner=%s', c.oid::regclass, c.relrowsecurity, c.relforcerowsecurity,
                  pg_get_userbyid(c.relowner))
    FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'`,
  policies: `
    SELECT format('%s %s %s %s to %s using (%s) check (%s)', tablename, policyname, permissive, cmd,
                  array_to_string(roles, ','), qual, with_check)
    FROM pg_policies WHERE schemaname = 'public'`,
  functions: `
    SELECT regexp_replace(pg_get_functiondef(p.oid), '\\s+', ' ', 'g')
    FROM pg_proc p WHERE p.pronamespace = 'medseed'::regnamespace`,
  triggers: `
    SELECT pg_get_triggerdef(t.oid)
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
    WHERE c.relnamespace IN ('public'::regnamespace, 'medseed'::regnamespace) AND NOT t.tgisinternal`,
  grants: `
    SELECT format('%s %s %s', table_name, grantee, string_agg(privilege_type, ',' ORDER BY privilege_type))
    FROM information_schema.role_table_grants
    WHERE table_schema = 'public' AND grantee LIKE 'medseed\\_%'
    GROUP BY table_name, grantee`,
};

/** A normalised, sorted text description of medseed's schema, for drift detection. */
export async function dumpSchema(client: Queryable): Promise<string> {
  const parts: string[] = [];
  for (const [name, sql] of Object.entries(SECTIONS)) {
    const result = await client.query<Record<string, string>>(sql);
    const lines = result.rows.map((row) => Object.values(row)[0] ?? '').sort();
    parts.push(`-- ${name}\n${lines.join('\n')}`);
  }
  return `-- generated, do not edit: npx vitest run test/db/schema-drift.test.ts -u\n${parts.join('\n\n')}\n`;
}
