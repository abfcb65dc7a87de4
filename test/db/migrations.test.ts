import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/migrations/apply-migrations.js';
import { readMigrations } from '../../src/db/migrations/read-migrations.js';
import { createTestDatabase } from '../support/test-database.js';

describe('migrations', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('migrations');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('apply on an empty database, then a second run changes nothing', async () => {
    const all = readMigrations().map((migration) => migration.tag);
    expect(await applyMigrations(client)).toEqual(all);
    expect(await applyMigrations(client)).toEqual([]);
    const tables = await client.query<{ tablename: string; rowsecurity: boolean; forced: boolean }>(
      `SELECT c.relname AS tablename, c.relrowsecurity AS rowsecurity, c.relforcerowsecurity AS forced
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`,
    );
    expect(tables.rows.length).toBe(9);
    for (const table of tables.rows) {
      expect(table.rowsecurity && table.forced, `${table.tablename} has RLS enabled and forced`).toBe(true);
    }
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited = readMigrations().map((migration, index) =>
      index === 0 ? { ...migration, checksum: 'edited' } : migration,
    );
    await expect(applyMigrations(client, { migrations: edited })).rejects.toThrow(/changed after it was applied/);
  });

  it('gives the application roles no BYPASSRLS', async () => {
    const roles = await client.query<{ rolname: string; rolbypassrls: boolean; rolsuper: boolean }>(
      "SELECT rolname, rolbypassrls, rolsuper FROM pg_roles WHERE rolname LIKE 'medseed\\_%' ORDER BY 1",
    );
    expect(roles.rows.map((row) => row.rolname)).toEqual(['medseed_app', 'medseed_org_admin', 'medseed_owner']);
    for (const role of roles.rows) expect(role.rolbypassrls || role.rolsuper).toBe(false);
  });
});
