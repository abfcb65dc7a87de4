import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadQueryCatalog } from '../../src/bench/catalog/load-query-catalog.js';
import { DRAW_KIND_INFO } from '../../src/bench/params/draw-kinds.js';
import type { BenchReport } from '../../src/bench/report/bench-report.js';
import { validateBenchJson } from '../../src/bench/report/validate-bench-json.js';
import { convertParameterSet } from '../../src/own-schema/bench/convert-parameter-sets.js';
import { ID_PARAMETERS } from '../../src/own-schema/bench/id-keys.js';
import { parseSessionFile } from '../../src/own-schema/bench/session-template.js';
import { splitSqlStatements } from '../../src/own-schema/bench/split-sql-statements.js';
import { idToBigint } from '../../src/own-schema/bind/value-conversion.js';
import { closedPort } from '../support/closed-port.js';
import { medseedSync } from '../support/medseed-sync.js';
import { createTestDatabase } from '../support/test-database.js';
import { withClient } from '../support/with-client.js';

// `bench --mapping` on each example through the real CLI: seeded through its mapping into the suite's
// PostgreSQL, then benched under the example's own session file and policies.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const VOLUME = ['--profile', 'ci', '--patients', '120'];
const files = (example: string) => ({
  mapping: path.join('examples', example, 'mapping.ts'),
  queries: path.join('examples', example, 'queries'),
  session: path.join('examples', example, 'session.sql'),
});
const benchFlags = (example: string) => {
  const f = files(example);
  return ['--mapping', f.mapping, '--queries', f.queries, '--session', f.session];
};

async function createExampleDatabase(example: string, label: string) {
  const db = await createTestDatabase(label);
  await withClient(db.url, (client) => client.query(readFileSync(path.join(ROOT, 'examples', example, 'schema.sql'), 'utf8')));
  return db;
}

// The role each session file switches to, and how the example keys its rows. composite-keys takes
// seed 42: at 120 patients seed 7 has no lab result in the 7 days before the reference date (the
// last is 9.2 days before), so its care_team_recent_labs query (draw recent_results) cannot be drawn.
const EXAMPLES = [
  { example: 'supabase', role: 'authenticated', conversion: 'id-bigint', seed: '7' },
  { example: 'timeline-app', role: 'app', conversion: 'as-is', seed: '7' },
  { example: 'composite-keys', role: 'ehr_clinician', conversion: 'as-is', seed: '42' },
] as const;

describe.each(EXAMPLES)('bench --mapping examples/$example', ({ example, role, conversion, seed }) => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let out: string;

  beforeAll(async () => {
    db = await createExampleDatabase(example, `bench_mapped_${example}`);
    const seeded = medseedSync('seed', '--mapping', files(example).mapping, '--db', db.url, ...VOLUME, '--seed', seed, '--quiet');
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    out = mkdtempSync(path.join(os.tmpdir(), `medseed-bench-mapped-${example}-`));
  }, 240_000);
  afterAll(async () => {
    await db?.drop();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('measures every query under the session file and as owner, with the same rows for set 0, in the key types of the schema', async () => {
    const result = medseedSync('bench', ...benchFlags(example), '--db', db.url, '--iterations', '5', '--out', out, '--quiet');
    const report = JSON.parse(readFileSync(path.join(out, 'bench.json'), 'utf8')) as BenchReport;
    expect(validateBenchJson(report)).toEqual([]);
    // exit 1 is only acceptable for a threshold broken on a loaded machine: never an error or a regression
    expect(report.verdict.errors, report.queries.map((q) => `${q.name}: ${q.error}`).join('\n')).toEqual([]);
    expect(report.verdict.regressed).toEqual([]);
    expect(result.code, result.stderr).toBe(report.verdict.overThreshold.length === 0 ? 0 : 1);
    expect(result.stdout).toContain(`session ${files(example).session} runs them as ${role}`);

    const catalog = loadQueryCatalog(path.join(ROOT, files(example).queries));
    expect(report.queries.map((q) => q.name)).toEqual(catalog.map((spec) => spec.name));
    expect(report.queries).toHaveLength(3);
    for (const query of report.queries) {
      expect(query.error, query.name).toBeNull();
      expect(query.rls!.stats.count, query.name).toBe(5);
      expect(query.owner!.stats.count, query.name).toBe(5);
      expect(query.overhead!.ratio, query.name).toBeGreaterThan(0);
      // the explained execution is set 0: the policies, through the session, keep what the owner's filters keep
      expect(query.rls!.plan.rows, `${query.name}: rows under RLS vs as owner for set 0`).toBe(query.owner!.plan.rows);
      expect(query.rls!.rows.max, `${query.name} returns rows under RLS`).toBeGreaterThan(0);
      expect(query.warnings.filter((w) => /does not filter as the policies do/.test(w)), query.name).toEqual([]);
    }

    const own = report.ownSchema!;
    expect({ mapping: own.mapping, queries: own.queries, session: own.session }).toEqual(files(example));
    expect(report.options.catalog).toBe(files(example).queries);
    expect(own.sessionRole).toBe(role);
    expect(own.keys.org_id!.conversion).toBe(conversion);
    expect(own.checks.filter((c) => c.name === 'drawn organizations exist').map((c) => c.status)).toEqual(['passed']);
    expect(own.checks.filter((c) => c.status === 'warning')).toEqual([]);
    expect(report.data.seedRunId).toBeNull();
    expect(report.data.seed).toBe(seed);
    expect(report.data.volumes.patients).toBe(120);

    // what was passed is what the tables hold: the drawn tenant is a row of the organization table, by its key
    const set = report.queries[0]!.parameterSets[0]!;
    const { table, column } = own.keys.org_id!;
    if (conversion === 'id-bigint') expect(set.orgId).toMatch(/^\d+$/);
    else expect(set.orgId).toMatch(/^[0-9a-f-]{36}$/);
    await withClient(db.url, async (client) => {
      const found = await client.query(`SELECT 1 FROM ${JSON.stringify(table)} WHERE ${JSON.stringify(column)}::text = $1`, [set.orgId]);
      expect(found.rowCount).toBe(1);
    });

    const markdown = readFileSync(path.join(out, 'bench.md'), 'utf8');
    for (const file of Object.values(files(example))) expect(markdown).toContain(file);
  }, 240_000);
});

describe('bench --mapping refuses bad input', () => {
  let scratch: string;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'medseed-bench-mapped-bad-'));
    db = await createExampleDatabase('timeline-app', 'bench_mapped_unseeded');
  });
  afterAll(async () => {
    await db?.drop();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it.each([
    ['--mapping', /--mapping needs --queries DIR and --session FILE/],
    ['--queries', /--queries needs --mapping FILE and --session FILE/],
    ['--session', /--session needs --mapping FILE and --queries DIR/],
  ])('%s alone: exit 2 naming the missing flags, before connecting', async (flag, message) => {
    const f = files('supabase');
    const value = { '--mapping': f.mapping, '--queries': f.queries, '--session': f.session }[flag]!;
    // a closed port: reaching the server would fail otherwise, so exit 2 proves nothing connected
    const result = medseedSync('bench', flag, value, '--db', `postgres://u:pw@127.0.0.1:${await closedPort()}/x`);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/cannot reach|\n\s+at /);
    expect(result.code).toBe(2);
  });

  it('a session file using a placeholder other than :org_id and :provider_id: exit 2 naming it, its file and line', async () => {
    const session = path.join(scratch, 'session.sql');
    writeFileSync(session, "SET LOCAL ROLE app;\nSELECT set_config('app.tenant_id', :org_id, true),\n       set_config('app.patient', :patient_id, true);\n");
    const f = files('timeline-app');
    const result = medseedSync('bench', '--mapping', f.mapping, '--queries', f.queries, '--session', session, '--db', `postgres://u:pw@127.0.0.1:${await closedPort()}/x`);
    expect(result.stderr).toContain(`${session}:3: uses :patient_id; a session file may use only :org_id`);
    expect(result.code).toBe(2);
  });

  it('before any seed through a mapping: exit 1 saying to seed first; after a failed run: exit 1 naming it', async () => {
    const before = medseedSync('bench', ...benchFlags('timeline-app'), '--db', db.url, '--iterations', '5', '--quiet');
    expect(before.stderr).toMatch(/no run through a mapping is recorded in this database \(medseed\.mapped_runs\): seed your tables first with "medseed seed --mapping FILE"/);
    expect(before.stderr).not.toMatch(/\n\s+at /);
    expect(before.code).toBe(1);

    await withClient(db.url, async (client) => {
      // a run as seed --mapping records one that failed half way
      const { ensureMappedRunsTable } = await import('../../src/own-schema/load/mapped-runs.js');
      await ensureMappedRunsTable(client);
      await client.query(
        `INSERT INTO medseed.mapped_runs (status, mapping_path, mapping_sha256, target_schema, seed, profile, generator_version, config, restored)
         VALUES ('failed', 'examples/timeline-app/mapping.ts', 'x', 'public', 7, 'ci', 'x', '{}', true)`,
      );
    });
    const failed = medseedSync('bench', ...benchFlags('timeline-app'), '--db', db.url, '--iterations', '5', '--quiet');
    expect(failed.stderr).toMatch(/the last run through a mapping, #1, failed: its data is incomplete/);
    expect(failed.code).toBe(1);
  });
});

describe('session files and id parameters, without a database', () => {
  it('splits statements at semicolons outside strings, quoted names, comments and dollar quotes', () => {
    const script = "-- header; not a statement\nSET LOCAL ROLE \"a;b\";\nSELECT ';', $$x;y$$ /* ; */;\n\n-- trailing comment\n";
    expect(splitSqlStatements(script)).toEqual([
      { text: 'SET LOCAL ROLE "a;b"', line: 2 },
      { text: "SELECT ';', $$x;y$$ /* ; */", line: 3 },
    ]);
  });

  it('refuses transaction control and an empty file, and binds :org_id and :provider_id', () => {
    expect(parseSessionFile('s.sql', 'BEGIN;\nSET LOCAL ROLE app;\nCOMMIT;').problems).toEqual([
      expect.stringMatching(/^s\.sql:1: BEGIN controls the transaction/),
      expect.stringMatching(/^s\.sql:3: COMMIT controls the transaction/),
    ]);
    expect(parseSessionFile('s.sql', '-- nothing\n').problems).toEqual([expect.stringMatching(/^s\.sql: holds no SQL statement/)]);
    const parsed = parseSessionFile('s.sql', "SELECT set_config('a', :provider_id, true), set_config('b', :org_id::text, true)");
    expect(parsed.problems).toEqual([]);
    expect(parsed.template.statements[0]!.names).toEqual(['provider_id', 'org_id']);
  });

  it('knows the entity of every id parameter a draw kind provides', () => {
    const drawn = new Set(Object.values(DRAW_KIND_INFO).flatMap((info) => info.values.filter((name) => name.endsWith('_id'))));
    expect([...drawn].sort()).toEqual(Object.keys(ID_PARAMETERS).sort());
  });

  it('converts every id of a set, and only the ids, as the key column of its entity is written', () => {
    const bigint = (entity: string) => ({ entity, table: 't', column: 'id', type: 'bigint', conversion: 'id-bigint' as const });
    const keys = { org_id: bigint('organization'), provider_id: bigint('provider'), patient_id: { ...bigint('patient'), type: 'uuid', conversion: 'as-is' as const }, actor_id: bigint('provider') };
    const [org, clinician, admin, patient] = ['0f10f354-0642-82ff-8103-38258f369264', '711edaa2-0919-8a74-8286-220567425c3e', '711edaa2-0919-8a74-8286-220567425c3f', '6eb9cdeb-0805-803d-83eb-cdb9ee9c5127'] as const;
    const set = { label: 'x', orgIndex: 0, orgId: org, clinicianId: clinician, adminId: admin, values: { org_id: org, provider_id: clinician, patient_id: patient, actor_id: clinician, since: '2025-06-01 00:00:00+00', term: 'pain' } };
    expect(convertParameterSet(set, keys)).toEqual({
      ...set,
      orgId: idToBigint(org),
      clinicianId: idToBigint(clinician),
      adminId: idToBigint(admin),
      values: { org_id: idToBigint(org), provider_id: idToBigint(clinician), patient_id: patient, actor_id: idToBigint(clinician), since: set.values.since, term: 'pain' },
    });
  });
});
