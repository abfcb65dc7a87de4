import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { seedDatabase } from '../../src/load/seed-database.js';
import { createTestDatabase } from '../support/test-database.js';

const cli = path.resolve('bin', 'medseed.js');
const DB = '<db>';

/**
 * Bad command lines, each with what its message must name. Every one must exit 2 with that message,
 * no stack trace and no password, and leave the database, the output folder and the embedded
 * server's home exactly as they were: validation comes before any side effect.
 */
const CASES: [string[], RegExp][] = [
  // the command line itself
  [[], /name a command: db, migrate, generate, seed, verify, bench/],
  [['seeed'], /did you mean seed/i],
  [["frobnicate"], /unknown command "frobnicate": the commands are db, migrate/],
  [["generate", "--out", "<out>", "extra"], /unexpected argument "extra"/],
  [['db'], /Name a db command: start, stop, status, url or destroy/],
  [['db', 'strat'], /unknown command: did you mean start/],
  [['db', 'start', '--port', 'abc'], /--port: expected a number, got "abc"/],
  [['db', 'start', '--port'], /--port needs a value/],
  [['db', 'stop', '--bogus'], /unknown flag --bogus/],
  [['db', 'url', '--all'], /unknown flag --all/],
  // seed
  [["seed", DB, "--bogus-flag"], /unknown flag --bogus-flag/],
  [["seed", DB, "--no-such-flag-xyz"], /unknown flag --no-such-flag-xyz/],
  [['seed', DB, '--reset', '--patinets', '3'], /unknown flag --patinets: did you mean --patients\?/],
  [['seed', DB, '--patients'], /--patients needs a value/],
  [['seed', DB, '--patients', 'abc'], /--patients: expected a number, got "abc"/],
  [['seed', DB, '--patients', '-5'], /volumes\.patients: must be an integer >= 0, got -5/],
  [['seed', DB, '--patients', '1.5'], /volumes\.patients: must be an integer >= 0, got 1\.5/],
  [['seed', DB, '--orgs', '0'], /volumes\.orgs: must be an integer >= 1, got 0/],
  [['seed', DB, '--providers', 'many'], /--providers: expected a number, got "many"/],
  [['seed', DB, '--workers', '-1'], /--workers: must be an integer from 0 to 64, got -1/],
  [['seed', DB, '--workers', '1000'], /--workers: must be an integer from 0 to 64, got 1000/],
  [['seed', DB, '--batch-size', '0'], /--batch-size: must be an integer >= 1, got 0/],
  [['seed', DB, '--index-concurrency', '0'], /--index-concurrency: must be an integer from 1 to 32, got 0/],
  [['seed', DB, '--index-concurrency', '2.5'], /--index-concurrency: must be an integer from 1 to 32, got 2\.5/],
  [['seed', DB, '--profile', 'huge'], /unknown profile "huge"; available: 100x, 10x, baseline, ci, tiny/],
  [['seed', DB, '--config', '<missing.json>'], /--config: file .*missing\.json does not exist/],
  [['seed', DB, '--config', '<broken.json>'], /--config .*broken\.json/],
  [['seed', DB, '--reference-date', '2025-02-30'], /referenceDate: must be a real date written YYYY-MM-DD/],
  [['seed', DB, '--history-months', '-1'], /historyMonths/],
  [['seed', DB, '--reset', '--profile', 'tiny', '--seed'], /--seed needs a value/],
  [['seed', '--db', ''], /--db is empty/],
  [['seed', '--db', 'not a url'], /--db: not a URL/],
  [['seed', '--db', 'mysql://u:secret-pw@h/d'], /scheme "mysql:" is not supported/],
  [['seed', '--db'], /--db needs a value/],
  // migrate
  [['migrate', DB, '--bogus'], /unknown flag --bogus/],
  [['migrate', DB, '--rest'], /unknown flag --rest/],
  [['migrate', '--db', ''], /--db is empty/],
  [['migrate', '--db', 'http://u:secret-pw@h/d'], /scheme "http:" is not supported/],
  // generate
  [['generate', '--out', '<out>', '--bogus'], /unknown flag --bogus/],
  [['generate', '--out', '<out>', '--format', 'xml'], /--format: "xml" is not one of "copy", "csv", "fhir"/],
  [['generate'], /--out is required/],
  [['generate', '--out'], /--out needs a value/],
  [['generate', '--out', '<out>', '--shard', '3/2'], /shard: K must be between 1 and N, got 3\/2/],
  [['generate', '--out', '<out>', '--shard', 'half'], /shard/],
  [['generate', '--out', '<out>', '--workers', 'x'], /--workers: expected a number, got "x"/],
  [['generate', '--out', '<out>', '--batch-size', '-3'], /--batch-size: must be an integer >= 1, got -3/],
  [['generate', '--out', '<out>', '--profile', 'tiny', '--patients', '1e3x'], /--patients: expected a number, got "1e3x"/],
  [['generate', '--out', '<out>', '--fromat', 'csv'], /did you mean --format\?/],
  [['generate', '--out', '<out>', '--format', 'fhir', '--fhir-part-resources', '0'], /--fhir-part-resources: must be an integer >= 1, got 0/],
  [['generate', '--out', '<out>', '--format', 'fhir', '--fhir-part-resources', '-5'], /--fhir-part-resources: must be an integer >= 1, got -5/],
  [['generate', '--out', '<out>', '--format', 'fhir', '--fhir-part-resources', '2.5'], /--fhir-part-resources: must be an integer >= 1, got 2\.5/],
  [['generate', '--out', '<out>', '--format', 'fhir', '--fhir-part-resources', 'many'], /--fhir-part-resources: expected a number, got "many"/],
  [['generate', '--out', '<out>', '--format', 'fhir', '--fhir-part-resources'], /--fhir-part-resources needs a value/],
  // verify
  [['verify', DB, '--bogus'], /unknown flag --bogus/],
  [['verify', DB, '--profile', 'nope'], /unknown profile "nope"/],
  [['verify', DB, '--workers', '-2'], /--workers: must be an integer from 0 to 64, got -2/],
  [['verify', '--db', ''], /--db is empty/],
  [['verify', DB, '--jsno'], /did you mean --json\?/],
  // bench
  [['bench', DB, '--bogus'], /unknown flag --bogus/],
  [['bench', DB, '--iterations', '0'], /--iterations: must be an integer from 1 to 1000000, got 0/],
  [['bench', DB, '--concurrency', '0'], /--concurrency: must be an integer from 1 to 64, got 0/],
  [['bench', DB, '--concurrency', 'lots'], /--concurrency: expected a number, got "lots"/],
  [['bench', DB, '--parameter-sets', '0'], /--parameter-sets: must be an integer/],
  [['bench', DB, '--sample-size', '-1'], /--sample-size: must be an integer/],
  [['bench', DB, '--min-regression-ms', '-1'], /--min-regression-ms: must be a number from 0/],
  [['bench', DB, '--only', 'no_such_query'], /no_such_query/],
  [['bench', DB, '--only', ','], /--only: name at least one query/],
  [['bench', DB, '--baseline', '<missing.json>'], /missing\.json/],
  [['bench', DB, '--baseline', '<broken.json>'], /broken\.json/],
  [['bench', DB, '--catalog', '<missing-dir>'], /missing-dir/],
  [['bench', DB, '--iteratoins', '5'], /did you mean --iterations\?/],
];

const SNAPSHOT_SQL = `
  SELECT json_build_object(
    'relations', (SELECT json_agg(n.nspname || '.' || c.relname ORDER BY 1) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname IN ('public', 'medseed')),
    'rows', (SELECT json_object_agg(table_name, (xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM public.' || table_name, false, true, '')))[1]::text)
             FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'),
    'runs', (SELECT json_agg(r ORDER BY r.id) FROM medseed.runs r),
    'migrations', (SELECT json_agg(tag ORDER BY tag) FROM medseed.schema_migrations)
  ) AS snapshot`;

describe('bad input: exit 2, a message naming the flag, and nothing touched', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let scratch: string;
  let home: string;

  async function snapshot(): Promise<unknown> {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<{ snapshot: unknown }>(SNAPSHOT_SQL)).rows[0]!.snapshot;
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase('bad_input');
    const config = resolveRunConfig({ profile: 'tiny', seed: '42' });
    await seedDatabase({ url: database.url, config, workers: 0, batchSize: 50, reset: false, vacuum: false, indexConcurrency: 2 });
    scratch = mkdtempSync(path.join(os.tmpdir(), 'medseed-bad-input-'));
    home = mkdtempSync(path.join(os.tmpdir(), 'medseed-bad-input-home-'));
    writeFileSync(path.join(scratch, 'broken.json'), '{ "volumes": ');
  });
  afterAll(async () => {
    await database?.drop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it(`covers at least 50 bad command lines across every command (${CASES.length})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    const commands = new Set(CASES.map(([args]) => args[0] ?? '(none)'));
    for (const command of ['(none)', 'db', 'seed', 'migrate', 'generate', 'verify', 'bench']) expect(commands, command).toContain(command);
  });

  it.each(CASES.map(([args, expected]) => [args.join(' ') || '(no arguments)', args, expected] as const))(
    'medseed %s',
    async (_label, args, expected) => {
      const out = path.join(scratch, 'out');
      const password = new URL(database.url).password;
      const argv = args.flatMap((arg) => {
        if (arg === DB) return ['--db', database.url];
        if (arg === '<out>') return [out];
        if (/^<.+>$/.test(arg)) return [path.join(scratch, arg.slice(1, -1))];
        return [arg];
      });
      const before = await snapshot();
      const result = spawnSync(process.execPath, [cli, ...argv], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '', MEDSEED_HOME: home },
        timeout: 30_000,
      });
      const output = `${result.stdout}${result.stderr}`;
      expect(result.status, output).toBe(2);
      expect(result.stderr).toMatch(expected);
      expect(output, 'no stack trace').not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
      if (password) expect(output, 'no password').not.toContain(password);
      expect(output).not.toContain('secret-pw');
      expect(await snapshot(), 'database unchanged').toEqual(before);
      expect(readdirSync(scratch).sort(), 'no output written').toEqual(['broken.json']);
      expect(readdirSync(home), 'no embedded server started').toEqual([]);
    },
  );
});
