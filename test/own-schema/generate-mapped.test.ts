import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { medseedSync } from '../support/medseed-sync.js';
import { createTestDatabase } from '../support/test-database.js';

// generate --mapping: COPY scripts for the user's tables, the same for any workers and batch size,
// and a load.sql that psql loads into an empty schema so that verify --mapping passes.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAPPING = 'examples/composite-keys/mapping.ts';
const VOLUME = ['--profile', 'ci', '--patients', '80'];

let source: Awaited<ReturnType<typeof createTestDatabase>>;
let target: Awaited<ReturnType<typeof createTestDatabase>>;
let dir: string;

async function applySchema(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(readFileSync(path.join(ROOT, 'examples', 'composite-keys', 'schema.sql'), 'utf8'));
  await client.end();
}

function psql(url: string, file: string) {
  const result = spawnSync('psql', ['-X', '-q', '-d', url, '-f', file], { encoding: 'utf8' });
  if (result.error) throw new Error(`psql is needed for the files path (apt-get install postgresql-client): ${result.error.message}`);
  return { code: result.status, stderr: result.stderr };
}

beforeAll(async () => {
  source = await createTestDatabase('generate_mapped_source');
  target = await createTestDatabase('generate_mapped_target');
  await applySchema(source.url);
  await applySchema(target.url);
  dir = mkdtempSync(path.join(os.tmpdir(), 'medseed-generate-mapped-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await source?.drop();
  await target?.drop();
});

describe('generate --mapping', () => {
  it('writes the same files for any workers and batch size, and psql loads them into a schema verify accepts', async () => {
    const one = path.join(dir, 'one');
    const many = path.join(dir, 'many');
    const first = medseedSync('generate', '--mapping', MAPPING, '--db', source.url, '--out', one, ...VOLUME, '--workers', '1', '--json');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const second = medseedSync('generate', '--mapping', MAPPING, '--db', source.url, '--out', many, ...VOLUME, '--workers', '3', '--batch-size', '9', '--json');
    expect(second.code).toBe(0);
    const manifest = JSON.parse(first.stdout) as { tables: Record<string, { rows: number; sha256: string }> };
    expect(JSON.parse(second.stdout).tables).toEqual(manifest.tables);
    expect(Object.keys(manifest.tables)).toEqual(['Tenant', 'Provider', 'Patient', 'CareTeamMember', 'Encounter', 'Observation', 'Note']);

    const loaded = psql(target.url, path.join(one, 'load.sql'));
    expect(loaded.stderr).toBe('');
    expect(loaded.code).toBe(0);
    const verify = medseedSync('verify', '--mapping', MAPPING, '--db', target.url);
    expect(verify.stdout).toContain('Your tables hold exactly the data of the recorded run.');
    expect(verify.code).toBe(0);

    // a second load finds rows and loads nothing
    const again = psql(target.url, path.join(one, 'load.sql'));
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('medseed: Tenant, Provider, Patient, CareTeamMember, Encounter, Observation, Note already hold rows');
  }, 180_000);

  it('leaves the first patients\' rows of every table unchanged when the volume grows (prefix stability)', () => {
    const rowsOf = (out: string, file: string) => readFileSync(path.join(out, file), 'utf8').split('\n').slice(2, -2).join('\n');
    const [smaller, larger] = ['30', '60'].map((patients) => {
      const out = path.join(dir, `prefix-${patients}`);
      const result = medseedSync('generate', '--mapping', MAPPING, '--db', source.url, '--out', out, '--profile', 'ci', '--patients', patients);
      expect(result.code, result.stderr).toBe(0);
      return out;
    });
    for (const file of ['Tenant.sql', 'Provider.sql', 'Patient.sql', 'CareTeamMember.sql', 'Encounter.sql', 'Observation.sql', 'Note.sql']) {
      const before = rowsOf(smaller!, file);
      const after = rowsOf(larger!, file);
      expect(before.length, file).toBeGreaterThan(0);
      expect(after.startsWith(before), `${file} of 30 patients is a prefix of 60`).toBe(true);
    }
  }, 120_000);

  it('takes over the folder an interrupted run left, says so, and leaves no partial file', async () => {
    const out = path.join(dir, 'interrupted');
    const child = spawn(process.execPath, [path.resolve('bin', 'medseed.js'), 'generate', '--mapping', MAPPING, '--db', source.url, '--out', out, '--profile', 'baseline', '--workers', '1'], { env: { ...process.env, DATABASE_URL: '' } });
    const ended = new Promise((resolve) => child.on('close', resolve));
    for (let i = 0; i < 300 && !existsSync(path.join(out, 'Note.sql.partial')); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGKILL');
    await ended;
    expect(readdirSync(out)).toContain('manifest.json.partial');
    const again = medseedSync('generate', '--mapping', MAPPING, '--db', source.url, '--out', out, '--profile', 'tiny');
    expect(again.stderr).toMatch(/A previous medseed generate --mapping into .* did not finish: it left \d+ incomplete file\(s\)/);
    expect(again.code).toBe(0);
    expect(readdirSync(out).filter((name) => name.endsWith('.partial'))).toEqual([]);
  }, 120_000);

  it.each([
    ['--format csv', ['--format', 'csv'], '--format csv: with --mapping, generate writes COPY scripts for your tables only'],
    ['--shard', ['--shard', '1/2'], '--shard: not supported with --mapping yet'],
    ['a folder holding other files', ['--out', 'FOREIGN'], 'is not empty'],
  ])('refuses %s before connecting', (_label, args, expected) => {
    const foreign = path.join(dir, 'foreign');
    const resolved = args.map((arg) => (arg === 'FOREIGN' ? foreign : arg));
    if (resolved.includes(foreign)) {
      spawnSync('mkdir', ['-p', foreign]);
      writeFileSync(path.join(foreign, 'notes.txt'), 'mine');
    }
    const out = resolved.includes('--out') ? [] : ['--out', path.join(dir, 'refused')];
    // an unreachable --db proves nothing was connected to: the refusal comes first
    const result = medseedSync('generate', '--mapping', MAPPING, '--db', 'postgres://nobody@127.0.0.1:1/none', ...out, ...resolved);
    expect(result.stderr).toContain(expected);
    expect(result.code).toBe(2);
  });

  it('refuses --db without --mapping', () => {
    const result = medseedSync('generate', '--out', path.join(dir, 'x'), '--db', source.url);
    expect(result.stderr).toContain('--db: generate reads a database only with --mapping');
    expect(result.code).toBe(2);
  });
});
