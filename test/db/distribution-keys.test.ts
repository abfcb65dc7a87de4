import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKeysWithoutColumn, readTableKeys } from '../../src/db/distribution-keys.js';
import { applyMigrations } from '../../src/db/migrations/apply-migrations.js';
import { readCitusDistribution, readDocumentedKeysWithoutOrgId } from '../support/scale-out-docs.js';
import { createTestDatabase } from '../support/test-database.js';

const byName = (a: { table: string; name: string }, b: { table: string; name: string }) =>
  a.table.localeCompare(b.table) || a.name.localeCompare(b.name);

describe('keys without the distribution column, read from the catalog', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('distribution_keys');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('finds every kind of key, whichever way it was written', async () => {
    await client.query(`
      CREATE SCHEMA handmade;
      CREATE TABLE handmade.parent (id int PRIMARY KEY, org_id int NOT NULL, code text, name text,
        CONSTRAINT parent_code_key UNIQUE (code), CONSTRAINT parent_org_id_id_key UNIQUE (org_id, id));
      CREATE UNIQUE INDEX parent_lower_name_key ON handmade.parent (lower(name));
      CREATE UNIQUE INDEX parent_org_id_name_key ON handmade.parent (org_id, name) INCLUDE (code);
      CREATE TABLE handmade.child (org_id int NOT NULL, id int NOT NULL, parent_id int, other_id int,
        CONSTRAINT child_pkey PRIMARY KEY (org_id, id),
        CONSTRAINT child_parent_fkey FOREIGN KEY (org_id, parent_id) REFERENCES handmade.parent (org_id, id),
        CONSTRAINT child_other_fkey FOREIGN KEY (other_id) REFERENCES handmade.parent (id));
    `);
    const keys = await readTableKeys(client, ['parent', 'child'], 'handmade');
    expect(keys.map((k) => [k.table, k.name, k.kind, k.columns.join(',')])).toEqual([
      ['child', 'child_other_fkey', 'foreign key', 'other_id'],
      ['child', 'child_parent_fkey', 'foreign key', 'org_id,parent_id'],
      ['child', 'child_pkey', 'primary key', 'org_id,id'],
      ['parent', 'parent_code_key', 'unique constraint', 'code'],
      ['parent', 'parent_lower_name_key', 'unique index', '(expression)'],
      ['parent', 'parent_org_id_id_key', 'unique constraint', 'org_id,id'],
      ['parent', 'parent_org_id_name_key', 'unique index', 'org_id,name'],
      ['parent', 'parent_pkey', 'primary key', 'id'],
    ]);
    const missing = await findKeysWithoutColumn(client, ['parent', 'child'], 'org_id', 'handmade');
    expect(missing.map((k) => k.name)).toEqual(['child_other_fkey', 'parent_code_key', 'parent_lower_name_key', 'parent_pkey']);
  });

  it("reports on medseed's reference schema exactly the keys docs/scale-out.md lists", async () => {
    await applyMigrations(client);
    const { distributed } = readCitusDistribution();
    expect(distributed.length).toBeGreaterThan(0);
    const column = distributed[0]!.column;
    expect(distributed.every((d) => d.column === column)).toBe(true);
    const found = await findKeysWithoutColumn(client, distributed.map((d) => d.table), column);
    const documented = readDocumentedKeysWithoutOrgId();
    expect([...found].sort(byName)).toEqual([...documented].sort(byName));
  });
});
