import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { medseedSync } from '../support/medseed-sync.js';

// Bad mappings and flags against the Supabase example: each exits 2 with what, where and the fix,
// and nothing is written (no medseed schema, no row).
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'supabase');

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A mapping file holding `tables` (plain data: a mapping needs no import). */
function mappingFile(name: string, source: string): string {
  const file = path.join(dir, `${name}.ts`);
  writeFileSync(file, source);
  return file;
}

const supabaseValueMaps = `
  clinicians: { entity: 'provider', columns: { role: { field: 'role', values: { physician: 'physician', nurse_practitioner: 'advanced_practice', physician_assistant: 'advanced_practice', nurse: 'nurse', medical_assistant: 'assistant', pharmacist: 'pharmacist', care_coordinator: 'coordinator' } } } },`;

beforeAll(async () => {
  db = await createTestDatabase('mapped_bad_input');
  dir = mkdtempSync(path.join(os.tmpdir(), 'medseed-bad-mapping-'));
  await query(readFileSync(path.join(EXAMPLE, 'schema.sql'), 'utf8'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await db?.drop();
});

async function expectNothingWritten(): Promise<void> {
  expect(await query(`SELECT to_regnamespace('medseed') AS schema`)).toEqual([{ schema: null }]);
  expect(await query(`SELECT (SELECT count(*) FROM tenants)::int + (SELECT count(*) FROM clinicians)::int AS rows`)).toEqual([{ rows: 0 }]);
}

describe('seed --mapping refuses bad input before writing', () => {
  it.each([
    ['a table that does not exist', `export default { tables: { tenant: { entity: 'organization' } } }`, 'tenant: table public.tenant does not exist'],
    ['a column that does not exist', `export default { tables: { tenants: { entity: 'organization', columns: { title: 'name' } } } }`, 'tenants.title: column "title" does not exist in tenants'],
    ['a field the entity does not have', `export default { tables: { tenants: { entity: 'organization', columns: { name: 'title' } } } }`, 'tenants.name: is bound to "title", which is not a organization field'],
    ['an unknown entity', `export default { tables: { tenants: { entity: 'clinic' } } }`, 'tenants: unknown entity "clinic"'],
    ['a type mismatch', `export default { tables: { tenants: { entity: 'organization', columns: { created_at: 'name' } } } }`, 'tenants.created_at: (timestamp with time zone) cannot hold organization.name (text)'],
    ['a value outside an enum', `export default { tables: { tenants: { entity: 'organization' }, ${supabaseValueMaps.replace("'coordinator'", "'case_manager'")} } }`, `clinicians.role: the value map writes 'care_coordinator' -> "case_manager", not a value of enum clinician_role`],
    ['a value map that misses a value', `export default { tables: { tenants: { entity: 'organization' }, clinicians: { entity: 'provider', columns: { role: { field: 'role', values: { physician: 'physician' } } } } } }`, "clinicians.role: the value map of provider.role has no entry for 'nurse_practitioner'"],
    ['an unbound NOT NULL column', `export default { tables: { tenants: { entity: 'organization', columns: { slug: { omit: true } } } } }`, 'tenants.slug: is omitted but NOT NULL without a default'],
    ['a required foreign key into an unmapped table', `export default { tables: { ${supabaseValueMaps} } }`, 'clinicians.tenant_id: references public.tenants (clinicians_tenant_id_fkey), which the mapping does not fill, and is NOT NULL'],
  ])('%s', async (_label, source, expected) => {
    const result = medseedSync('seed', '--mapping', mappingFile(_label.replace(/\W+/g, '_'), source), '--db', db.url);
    expect(result.stderr).toContain(expected);
    expect(result.stderr).toContain('fix: ');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.code).toBe(2);
    await expectNothingWritten();
  });

  it.each([
    ['a missing mapping file', ['--mapping', 'nowhere/mapping.ts'], '--mapping: nowhere/mapping.ts does not exist'],
    ['a file that does not parse', ['--mapping', 'BROKEN'], 'could not be loaded'],
    ['an index that does not exist', ['--mapping', 'examples/supabase/mapping.ts', '--defer-indexes', 'notes_serch_idx'], '--defer-indexes: nothing named "notes_serch_idx" on the mapped tables'],
    ['a foreign key that does not exist', ['--mapping', 'examples/supabase/mapping.ts', '--defer-foreign-keys', 'notes_fk'], '--defer-foreign-keys: nothing named "notes_fk" on the mapped tables (there are: clinicians_tenant_id_fkey,'],
    ['--defer-foreign-keys without --mapping', ['--defer-foreign-keys', 'all'], '--defer-foreign-keys applies to your own schema: add --mapping FILE'],
    ['an index that backs a constraint', ['--mapping', 'examples/supabase/mapping.ts', '--defer-indexes', 'notes_pkey'], '--defer-indexes: "notes_pkey" backs constraint notes_pkey'],
    ['--triggers without --mapping', ['--triggers', 'disable'], '--triggers applies to your own schema: add --mapping FILE'],
    ['a --triggers value that does not exist', ['--mapping', 'examples/supabase/mapping.ts', '--triggers', 'off'], '--triggers: "off" is not one of "keep", "disable"'],
    ['--leakproof-search with --mapping', ['--mapping', 'examples/supabase/mapping.ts', '--leakproof-search'], "--leakproof-search applies to medseed's reference schema only"],
  ])('%s', async (_label, args, expected) => {
    const resolved = args.map((arg) => (arg === 'BROKEN' ? mappingFile('broken', 'export default { tables: {') : arg));
    const result = medseedSync('seed', ...resolved, '--db', db.url);
    expect(result.stderr).toContain(expected);
    expect(result.code).toBe(2);
    await expectNothingWritten();
  });

  it('refuses tables that already hold rows, names them, and leaves them as they were', async () => {
    await query(`INSERT INTO tenants (id, name, slug, timezone, created_at) VALUES (1, 'Their clinic', 'theirs', 'UTC', now())`);
    try {
      const result = medseedSync('seed', '--mapping', 'examples/supabase/mapping.ts', '--db', db.url);
      expect(result.stderr).toContain('tenants already holds rows; medseed never overwrites data it did not load. Pass --reset');
      expect(result.code).toBe(2);
      expect(await query(`SELECT name FROM tenants`)).toEqual([{ name: 'Their clinic' }]);
      expect(await query(`SELECT to_regnamespace('medseed') AS schema`)).toEqual([{ schema: null }]);
    } finally {
      await query('DELETE FROM tenants');
    }
  });
});

describe('a cycle of required foreign keys', () => {
  it('is named before anything is written', async () => {
    await query(`CREATE SCHEMA cyclic;
      CREATE TABLE cyclic.a (id uuid PRIMARY KEY, name text NOT NULL, b_id uuid NOT NULL);
      CREATE TABLE cyclic.b (id uuid PRIMARY KEY, org_id uuid NOT NULL REFERENCES cyclic.a (id));
      ALTER TABLE cyclic.a ADD FOREIGN KEY (b_id) REFERENCES cyclic.b (id);`);
    const file = mappingFile('cycle', `export default { schema: 'cyclic', tables: { a: { entity: 'organization', columns: { b_id: 'id' } }, b: { entity: 'patient' } } }`);
    const result = medseedSync('seed', '--mapping', file, '--db', db.url);
    expect(result.stderr).toContain('foreign keys form a cycle checked row by row: a -> b -> a');
    expect(result.code).toBe(2);
    await expectNothingWritten();
  });
});
