import { postLoadObjects } from '../../src/load/post-load-objects.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { runMedseed } from './run-medseed.js';

type Database = Awaited<ReturnType<typeof createTestDatabase>>;

interface VerifyJson {
  ok: boolean;
  complete: boolean;
  identical: boolean;
  config: { source: string; runId: number | null; profile: string; seed: string; volumes: { patients: number } };
  schema: { migrations: { missing: string[] }; indexes: { expected: number; missing: string[] }; run: { status: string } | null };
}

describe('verify compares with what the database records, and checks its schema', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('verify_recorded');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('an empty, unmigrated database fails naming the missing tables and migrations', async () => {
    const verify = await runMedseed('verify', '--db', database.url);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/missing tables \(9 of 9\)/);
    expect(verify.stdout).toMatch(/migrations not applied .*0000_tables/);
    expect(verify.stdout).toMatch(/Data not compared/);
  });

  it('after seed --profile tiny, verify without flags uses tiny and passes', async () => {
    const seed = await runMedseed('seed', '--db', database.url, '--profile', 'tiny', '--seed', '7', '--quiet');
    expect(seed.code, seed.stderr).toBe(0);
    const verify = await runMedseed('verify', '--db', database.url);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Comparing with profile tiny, seed 7 \(orgs 2, staff from panels, patients 5\), as recorded by run #\d+/);
    expect(verify.stdout).toMatch(/Data identical to profile tiny, seed 7/);
    const json = JSON.parse((await runMedseed('verify', '--db', database.url, '--json')).stdout) as VerifyJson;
    expect(json).toMatchObject({ ok: true, complete: true, identical: true, config: { source: 'run', profile: 'tiny', seed: '7' } });
    expect(json.schema.indexes).toMatchObject({ expected: postLoadObjects().filter((o) => o.kind === 'index').length, missing: [] });
    expect(json.schema.run?.status).toBe('succeeded');
  });

  it('flags still decide when given: another seed differs', async () => {
    const verify = await runMedseed('verify', '--db', database.url, '--profile', 'tiny', '--seed', '8');
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/as given by the flags/);
    expect(verify.stdout).toMatch(/Data differs from profile tiny, seed 8/);
  });

  it('after seed --patients 30, verify without flags compares with 30 patients and passes', async () => {
    const seed = await runMedseed('seed', '--db', database.url, '--reset', '--patients', '30', '--quiet');
    expect(seed.code, seed.stderr).toBe(0);
    const verify = await runMedseed('verify', '--db', database.url, '--json');
    const json = JSON.parse(verify.stdout) as VerifyJson;
    expect(verify.code, verify.stdout).toBe(0);
    expect(json.config).toMatchObject({ source: 'run', profile: 'ci', seed: '42', volumes: { patients: 30 } });
  });

  it('after seed --config with changed dates and params, verify reproduces them exactly', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'medseed-verify-config-'));
    try {
      const file = path.join(dir, 'custom.json');
      writeFileSync(file, JSON.stringify({ profile: 'tiny', historyMonths: 2, referenceDate: '2024-12-31', params: { femaleShare: 0.9 } }));
      const seed = await runMedseed('seed', '--db', database.url, '--reset', '--config', file, '--quiet');
      expect(seed.code, seed.stderr).toBe(0);
      const verify = await runMedseed('verify', '--db', database.url);
      expect(verify.code, verify.stdout).toBe(0);
      // What --config changed is not in the profile's file: without the recorded manifest it would differ.
      const fromFile = await runMedseed('verify', '--db', database.url, '--profile', 'tiny');
      expect(fromFile.code).toBe(1);
      expect(fromFile.stdout).toMatch(/Data differs/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad data flag is refused before anything connects', async () => {
    const verify = await runMedseed('verify', '--db', 'postgres://nobody@127.0.0.1:1/none', '--profile', 'huge');
    expect(verify.code).toBe(2);
    expect(verify.stderr).toMatch(/unknown profile "huge"/);
    expect(verify.stderr).not.toMatch(/cannot reach/);
  });
});
