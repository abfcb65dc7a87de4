import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadQueryCatalog } from '../../src/bench/catalog/load-query-catalog.js';
import type { BenchMode, QuerySpec } from '../../src/bench/catalog/query-spec.js';
import { runInSession, sessionTargetFor, valuesFor } from '../../src/bench/measure/run-in-session.js';
import { captureSample } from '../../src/bench/params/capture-sample.js';
import type { DrawKind } from '../../src/bench/params/draw-kinds.js';
import { drawParameterSets } from '../../src/bench/params/draw-parameter-sets.js';
import type { ParameterSet } from '../../src/bench/params/parameter-set.js';
import type { BenchReport } from '../../src/bench/report/bench-report.js';
import { compareBaseline } from '../../src/bench/report/compare-baseline.js';
import { readBenchJson, validateBenchJson } from '../../src/bench/report/validate-bench-json.js';
import { writeBenchOutput } from '../../src/bench/report/write-bench-output.js';
import { runBench } from '../../src/bench/run-bench.js';
import { main } from '../../src/cli/main.js';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { seedDatabase } from '../../src/load/seed-database.js';
import { createWorldFor } from '../../src/runner/create-world-for.js';
import { createTestDatabase } from '../support/test-database.js';

const config = resolveRunConfig({ profile: 'ci', seed: '42' });
type Row = Record<string, unknown>;

describe('medseed bench on a seeded ci database', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: pg.Client;
  let session: pg.Client;
  let specs: QuerySpec[];
  const sets = new Map<DrawKind, ParameterSet[]>();

  beforeAll(async () => {
    database = await createTestDatabase('bench');
    await seedDatabase({ url: database.url, config, workers: 0, batchSize: 200, reset: false, vacuum: false, indexConcurrency: 2 });
    admin = new pg.Client({ connectionString: database.url });
    session = new pg.Client({ connectionString: database.url });
    await Promise.all([admin.connect(), session.connect()]);
    specs = loadQueryCatalog();
    const sample = captureSample(createWorldFor(config), 300);
    for (const spec of specs) if (!sets.has(spec.draw)) sets.set(spec.draw, drawParameterSets(sample, spec.draw, 12));
  }, 300_000);
  afterAll(async () => {
    await session?.end();
    await admin?.end();
    await database?.drop();
  });

  async function run(spec: QuerySpec, mode: BenchMode, set: ParameterSet, as?: { orgId: string; providerId: string }): Promise<Row[]> {
    const target = { ...sessionTargetFor(spec, mode, set), ...as };
    const statement = spec.statements[mode];
    return runInSession(session, target, async () => (await session.query<Row>(statement.text, valuesFor(statement.names, set))).rows);
  }

  async function careTeam(providerId: string): Promise<Set<string>> {
    const result = await admin.query<{ patient_id: string }>('SELECT patient_id FROM care_team_members WHERE provider_id = $1 AND period_end IS NULL', [providerId]);
    return new Set(result.rows.map((row) => row.patient_id));
  }

  it('returns rows for every drawn parameter set, and the same rows under RLS as the owner with the policies written out', async () => {
    for (const spec of specs) {
      for (const set of sets.get(spec.draw)!) {
        const underRls = await run(spec, 'rls', set);
        const asOwner = await run(spec, 'owner', set);
        expect(underRls.length, `${spec.name} under RLS for ${set.label}`).toBeGreaterThan(0);
        // writes return a fresh gen_random_uuid() each time, and UPDATE ... RETURNING has no order: compare what the policies decide on
        const comparable = (rows: Row[]) => (spec.writes ? rows.map(({ id: _id, ...rest }) => JSON.stringify(rest)).sort() : rows);
        expect(comparable(underRls), `${spec.name} for ${set.label}`).toEqual(comparable(asOwner));
      }
    }
  });

  it("never shows a clinician another tenant's or another care team's rows", async () => {
    const clinicianSpecs = specs.filter((spec) => spec.role === 'medseed_app');
    expect(clinicianSpecs.length).toBeGreaterThanOrEqual(5);
    const check = async (spec: QuerySpec, set: ParameterSet, orgId: string, providerId: string) => {
      let rows: Row[];
      try {
        rows = await run(spec, 'rls', set, { orgId, providerId });
      } catch (error) {
        // a write the WITH CHECK policies refuse is isolation working
        expect((error as { code?: string }).code, `${spec.name}: ${(error as Error).message}`).toBe('42501');
        return 0;
      }
      const team = await careTeam(providerId);
      for (const row of rows) {
        expect(row.org_id, `${spec.name} returns org_id`).toBe(orgId);
        const patient = row.patient_id as string | null;
        const mine = (patient !== null && team.has(patient)) || row.assignee_id === providerId;
        expect(mine, `${spec.name} shows a row of patient ${patient} outside the care team of ${providerId}`).toBe(true);
      }
      return rows.length;
    };
    for (const spec of clinicianSpecs) {
      for (const set of sets.get(spec.draw)!) {
        expect(await check(spec, set, set.orgId, set.clinicianId!), `${spec.name}: the drawn clinician sees rows`).toBeGreaterThan(0);
        // a colleague of the same tenant who is not on the drawn patient's care team
        const colleague = await admin.query<{ id: string }>(
          `SELECT p.id FROM providers p WHERE p.org_id = $1 AND p.id <> $2 AND NOT EXISTS (
             SELECT 1 FROM care_team_members c WHERE c.provider_id = p.id AND c.patient_id = $3 AND c.period_end IS NULL)
           ORDER BY p.id LIMIT 1`,
          [set.orgId, set.clinicianId, set.values.patient_id ?? '00000000-0000-0000-0000-000000000000'],
        );
        if (colleague.rows[0]) await check(spec, set, set.orgId, colleague.rows[0].id);
        // a clinician of another tenant with the same values: only their own rows in their tenant,
        // and nothing at all when they claim the drawn tenant
        const stranger = await admin.query<{ id: string; org_id: string }>(
          'SELECT provider_id AS id, org_id FROM care_team_members WHERE org_id <> $1 AND period_end IS NULL ORDER BY provider_id LIMIT 1',
          [set.orgId],
        );
        const { id, org_id: otherOrg } = stranger.rows[0]!;
        await check(spec, set, otherOrg, id);
        expect(await check(spec, set, set.orgId, id), `${spec.name}: a clinician of another tenant claiming this one sees rows`).toBe(0);
      }
    }
  });

  describe('a bench run', () => {
    let report: BenchReport;
    let dir: string;

    beforeAll(async () => {
      report = await runBench({
        url: database.url,
        config,
        seedRunId: null,
        queries: specs,
        catalogDir: path.resolve('bench', 'queries'),
        iterations: 3,
        concurrency: 2,
        warmup: 1,
        parameterSets: 4,
        sampleSize: 150,
        medseedVersion: 'test',
      });
      dir = mkdtempSync(path.join(os.tmpdir(), 'medseed-bench-'));
      expect(writeBenchOutput(dir, report).problems).toEqual([]);
    }, 300_000);

    it('writes a bench.json that validates against its documented shape, and a bench.md with the plans', () => {
      const written = JSON.parse(readFileSync(path.join(dir, 'bench.json'), 'utf8')) as unknown;
      expect(validateBenchJson(written)).toEqual([]);
      expect(readBenchJson(path.join(dir, 'bench.json')).queries).toHaveLength(specs.length);
      expect(validateBenchJson({ ...(written as object), format: 'other' })).toEqual(['$.format: must be "medseed-bench/1", got "other"']);
      for (const query of report.queries) {
        expect(query.error, query.name).toBeNull();
        expect(query.rls?.rows.min, `${query.name} returned rows in every measured execution`).toBeGreaterThan(0);
        expect(query.rls?.plan.text).toMatch(/actual time=/);
      }
      const markdown = readFileSync(path.join(dir, 'bench.md'), 'utf8');
      expect(markdown).toMatch(/^# medseed bench/);
      expect(markdown).toMatch(/### patient_timeline[\s\S]*Plan under RLS[\s\S]*Plan as owner/);
      expect(markdown).not.toMatch(new RegExp(new URL(database.url).password || 'no-password-in-url'));
    });

    it('flags a regression against a baseline with a much lower p95, and passes an equal one', () => {
      const faster = {
        ...report,
        queries: report.queries.map((q) => ({ ...q, rls: q.rls && { ...q.rls, stats: { ...q.rls.stats, p95Ms: q.rls.stats.p95Ms / 10 } } })),
      };
      expect(compareBaseline(report, faster, 'faster.json').regressed).toEqual(report.queries.map((q) => q.name));
      expect(compareBaseline(report, report, 'same.json').regressed).toEqual([]);
    });

    it('exits 1 from the CLI against a regressed baseline, naming the queries', async () => {
      const baseline = path.join(dir, 'faster.json');
      const fast = JSON.parse(readFileSync(path.join(dir, 'bench.json'), 'utf8')) as BenchReport;
      writeFileSync(baseline, JSON.stringify({ ...fast, queries: fast.queries.map((q) => ({ ...q, rls: q.rls && { ...q.rls, stats: { ...q.rls.stats, p95Ms: 0.0001 } } })) }));
      const out: string[] = [];
      const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
      let code: number;
      try {
        code = await main(['bench', '--db', database.url, '--iterations', '2', '--warmup', '0', '--parameter-sets', '2', '--sample-size', '100',
          '--only', 'patient_timeline,clinician_open_tasks', '--baseline', baseline, '--out', path.join(dir, 'cli'), '--quiet']);
      } finally {
        spy.mockRestore();
      }
      expect(code).toBe(1);
      expect(out.join('')).toMatch(/regressed \(p95 more than 20% worse than the baseline\): clinician_open_tasks, patient_timeline/);
      // the CLI's own bench.json (seed run id, comparison and all) is valid, and usable as a baseline
      const written = readBenchJson(path.join(dir, 'cli', 'bench.json'));
      expect(written.data.seedRunId).toEqual(expect.any(Number));
      expect(written.comparison?.regressed).toEqual(['clinician_open_tasks', 'patient_timeline']);
    });

    it('refuses, with exit code 2, flags that do not describe the seeded data', async () => {
      const err: string[] = [];
      const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
      let code: number;
      try {
        code = await main(['bench', '--db', database.url, '--seed', '7', '--quiet']);
      } finally {
        spy.mockRestore();
      }
      expect(code).toBe(2);
      expect(err.join('')).toMatch(/seed: "7" here, "42" in the database/);
    });
  });
});
