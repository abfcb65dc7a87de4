import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpSchema } from '../../src/db/dump-schema.js';
import { applyMigrations } from '../../src/db/migrations/apply-migrations.js';
import { createTestDatabase } from '../support/test-database.js';

describe('schema drift', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('drift');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await applyMigrations(client);
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('migrations/ produce the checked-in schema dump', async () => {
    await expect(await dumpSchema(client)).toMatchFileSnapshot('../schema.sql');
  });

  it('schemas/ has no change that migrations/ lacks (drizzle-kit generate finds nothing to do)', () => {
    // drizzle-kit takes --out relative to the working directory
    mkdirSync('.medseed', { recursive: true });
    const scratch = path.relative(process.cwd(), mkdtempSync(path.join('.medseed', 'drift-')));
    try {
      cpSync('migrations', scratch, { recursive: true });
      const result = spawnSync(
        'npx',
        ['drizzle-kit', 'generate', '--dialect', 'postgresql', '--schema', './schemas/index.ts', '--out', scratch],
        { encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(`${result.stdout}${result.stderr}`).toMatch(/No schema changes/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
