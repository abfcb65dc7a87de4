import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_NAMES } from '../../src/tables/table-specs.js';
import { createTestDatabase } from '../support/test-database.js';
import { connectTo, runMedseed } from './run-medseed.js';

type Database = Awaited<ReturnType<typeof createTestDatabase>>;

/** The files path needs psql, as the README says; a machine without it cannot run this test at all. */
function psqlPath(): string {
  const which = spawnSync('which', ['psql'], { encoding: 'utf8' });
  if (which.status !== 0) {
    throw new Error('psql is not installed: the files-for-CI path (psql -f load.sql) needs it. Install postgresql-client (apt-get install postgresql-client).');
  }
  return which.stdout.trim();
}

function psql(url: string, file: string) {
  const result = spawnSync(psqlPath(), ['-X', '-q', '-d', url, '-f', file], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function counts(url: string): Promise<{ rows: number; runs: number }> {
  const client = await connectTo(url);
  try {
    let rows = 0;
    for (const table of TABLE_NAMES) rows += Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${table}`)).rows[0]!.n);
    const runs = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM medseed.runs')).rows[0]!.n);
    return { rows, runs };
  } finally {
    await client.end();
  }
}

describe('the files path: generate, migrate, psql -f load.sql', () => {
  let out: string;
  let database: Database;
  beforeAll(async () => {
    out = mkdtempSync(path.join(os.tmpdir(), 'medseed-load-script-'));
    database = await createTestDatabase('load_script');
    const generate = await runMedseed('generate', '--profile', 'tiny', '--seed', '9', '--out', out);
    expect(generate.code, generate.stderr).toBe(0);
  });
  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await database?.drop();
  });

  it('refuses an unmigrated database with a hint, leaving nothing behind', async () => {
    const loaded = psql(database.url, path.join(out, 'load.sql'));
    expect(loaded.code).not.toBe(0);
    expect(loaded.stderr).toMatch(/medseed: this database is not migrated/);
    expect(loaded.stderr).toMatch(/medseed migrate/);
    const client = await connectTo(database.url);
    try {
      expect((await client.query("SELECT to_regclass('medseed.runs') AS t")).rows[0]).toEqual({ t: null });
    } finally {
      await client.end();
    }
  });

  it('loads, records its run (source load.sql) in the same transaction, and verify without flags passes', async () => {
    const migrate = await runMedseed('migrate', '--db', database.url);
    expect(migrate.code, migrate.stderr).toBe(0);
    const loaded = psql(database.url, path.join(out, 'load.sql'));
    expect(loaded.code, loaded.stderr).toBe(0);
    const client = await connectTo(database.url);
    try {
      const run = (await client.query('SELECT status, source, seed, profile, volumes, manifest FROM medseed.runs ORDER BY id DESC LIMIT 1')).rows[0] as Record<string, unknown>;
      const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
      expect(run).toMatchObject({ status: 'succeeded', source: 'load.sql', seed: '9', profile: 'tiny', volumes: manifest.volumes });
      expect(run.manifest).toEqual(manifest);
    } finally {
      await client.end();
    }
    const verify = await runMedseed('verify', '--db', database.url);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/last run\s+#\d+ succeeded \(load\.sql\)/);
    expect(verify.stdout).toMatch(/Comparing with profile tiny, seed 9 .*as recorded by run #\d+/);
  });

  it('a second load into the loaded database fails and changes nothing', async () => {
    const before = await counts(database.url);
    const loaded = psql(database.url, path.join(out, 'load.sql'));
    expect(loaded.code).not.toBe(0);
    expect(loaded.stderr).toMatch(/medseed: the database already holds rows in organizations, providers, /);
    expect(await counts(database.url)).toEqual(before);
  });

  it('a load that fails part-way rolls back every table and the run', async () => {
    const fresh = await createTestDatabase('load_script_broken');
    const broken = mkdtempSync(path.join(os.tmpdir(), 'medseed-load-broken-'));
    try {
      for (const file of ['load.sql', ...TABLE_NAMES.map((t) => `${t}.sql`)]) writeFileSync(path.join(broken, file), readFileSync(path.join(out, file)));
      // A row that breaks COPY in the last table: everything before it was already copied in the transaction.
      const last = path.join(broken, `${TABLE_NAMES[TABLE_NAMES.length - 1]}.sql`);
      writeFileSync(last, readFileSync(last, 'utf8').replace(/\\\.\n$/, 'not-a-uuid\tgarbage\n\\.\n'));
      expect((await runMedseed('migrate', '--db', fresh.url)).code).toBe(0);
      const loaded = psql(fresh.url, path.join(broken, 'load.sql'));
      expect(loaded.code).not.toBe(0);
      expect(loaded.stderr).toMatch(/invalid input syntax|missing data/);
      expect(await counts(fresh.url)).toEqual({ rows: 0, runs: 0 });
      const verify = await runMedseed('verify', '--db', fresh.url);
      expect(verify.code).toBe(1);
    } finally {
      rmSync(broken, { recursive: true, force: true });
      await fresh.drop();
    }
  });
});
