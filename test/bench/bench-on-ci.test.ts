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
import type { BenchReport, QueryResult } from '../../src/bench/report/bench-report.js';
import { compareBaseline } from '../../src/bench/report/compare-baseline.js';
import { formatBenchMarkdown } from '../../src/bench/report/format-bench-markdown.js';
import { formatBenchTable } from '../../src/bench/report/format-bench-table.js';
import { readBenchJson, validateBenchJson } from '../../src/bench/report/validate-bench-json.js';
import { writeBenchOutput } from '../../src/bench/report/write-bench-output.js';
import { runBench } from '../../src/bench/run-bench.js';
import { main } from '../../src/cli/main.js';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { createWorldFor } from '../../src/runner/create-world-for.js';
import { CI_SEED_42, createSeededTestDatabase } from '../support/seeded-test-database.js';

const config = resolveRunConfig({ profile: 'ci', seed: '42' });
type Row = Record<string, unknown>;

describe('medseed bench on a seeded ci database', () => {
  let database: Awaited<ReturnType<typeof createSeededTestDatabase>>;
  let admin: pg.Client;
  let session: pg.Client;
  let specs: QuerySpec[];
  const sets = new Map<DrawKind, ParameterSet[]>();

  beforeAll(async () => {
    database = await createSeededTestDatabase('bench', CI_SEED_42);
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
      expect(validateBenchJson({ ...(written as object), format: 'other' })).toEqual(['$.format: must be one of "medseed-bench/1", "medseed-bench/2", got "other"']);
      expect(typeof (written as BenchReport).environment.textSearchLeakproof).toBe('boolean');
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

    it('passes a bench compared with its own baseline, and flags a query whose index was dropped', async () => {
      const bench = (only: QuerySpec[], baseline: BenchReport) =>
        runBench({ url: database.url, config, seedRunId: null, queries: only, catalogDir: path.resolve('bench', 'queries'), iterations: 3, concurrency: 2, warmup: 1, parameterSets: 4, sampleSize: 150, baseline: { file: 'baseline', report: baseline }, medseedVersion: 'test' });
      const again = await bench(specs, report);
      expect(again.comparison?.regressed, JSON.stringify(again.comparison?.queries.filter((q) => q.regressed))).toEqual([]);
      expect(again.verdict.regressed).toEqual([]);

      const timeline = specs.filter((spec) => spec.name === 'patient_timeline');
      const index = 'timeline_events_patient_id_occurred_at_idx';
      expect(JSON.stringify(report.queries.find((q) => q.name === 'patient_timeline')?.rls?.plan.json)).toContain(index);
      const definition = (await admin.query<{ def: string }>('SELECT pg_get_indexdef($1::regclass) AS def', [index])).rows[0]!.def;
      await admin.query(`DROP INDEX ${index}`);
      let dropped: BenchReport;
      try {
        dropped = await bench(timeline, report);
      } finally {
        await admin.query(definition);
      }
      expect(dropped.comparison?.regressed).toEqual(['patient_timeline']);
      expect(dropped.comparison?.queries[0]?.reasons).toContain(`plan under RLS no longer uses index ${index}`);
    }, 300_000);

    it('measures a query again when only its latency says it regressed, and keeps the verdict when that confirms it', async () => {
      const timeline = specs.filter((spec) => spec.name === 'patient_timeline');
      const bench = (baseline?: BenchReport) =>
        runBench({ url: database.url, config, seedRunId: null, queries: timeline, catalogDir: path.resolve('bench', 'queries'), iterations: 20, concurrency: 1, warmup: 2, parameterSets: 4, sampleSize: 150, baseline: baseline && { file: 'fast.json', report: baseline }, medseedVersion: 'test', log: (line) => lines.push(line) });
      const lines: string[] = [];
      const measured = await bench();
      // the same run, but five times faster under RLS only: what a real slowdown under RLS looks like from the other side
      const faster = (mode: NonNullable<QueryResult['rls']>) => ({ ...mode, samplesMs: mode.samplesMs!.map((ms) => ms / 5), stats: { ...mode.stats, p50Ms: mode.stats.p50Ms / 5, p95Ms: mode.stats.p95Ms / 5 } });
      const fast = { ...measured, queries: measured.queries.map((q) => ({ ...q, rls: q.rls && faster(q.rls) })) };
      const slower = await bench(fast);
      expect(lines).toContain('Measuring again to confirm a slowdown: patient_timeline');
      expect(slower.comparison?.regressed).toEqual(['patient_timeline']);
      expect(slower.comparison?.queries[0]?.reasons).toEqual([expect.stringMatching(/^median under RLS .* p = /), expect.stringMatching(/^confirmed by a second measurement: median under RLS/)]);
    }, 120_000);

    it('reports whether text search is LEAKPROOF, and the GIN index only the owner plan uses when it is not', async () => {
      // pg_proc is per database: this changes the test database only, and is put back
      const read = async () => (await admin.query<{ leakproof: boolean }>("SELECT proleakproof AS leakproof FROM pg_proc WHERE oid = 'pg_catalog.ts_match_vq(tsvector,tsquery)'::regprocedure")).rows[0]!.leakproof;
      const before = await read();
      expect(report.environment.textSearchLeakproof).toBe(before);
      await admin.query('ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) NOT LEAKPROOF');
      let notLeakproof: BenchReport;
      try {
        notLeakproof = await runBench({ url: database.url, config, seedRunId: null, queries: specs.filter((spec) => spec.name === 'document_search_tenant'), catalogDir: path.resolve('bench', 'queries'),
          iterations: 2, concurrency: 1, warmup: 0, parameterSets: 2, sampleSize: 100, medseedVersion: 'test' });
      } finally {
        await admin.query(`ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) ${before ? '' : 'NOT '}LEAKPROOF`);
      }
      expect(await read()).toBe(before);
      expect(notLeakproof.environment.textSearchLeakproof).toBe(false);
      expect(notLeakproof.queries[0]?.rlsIndexGap).toEqual({ indexes: expect.arrayContaining(['documents_search_vector_idx']), reason: expect.stringMatching(/uses @@, and ts_match_vq is not LEAKPROOF/) });
      const table = formatBenchTable(notLeakproof);
      expect(table).toMatch(/document_search_tenant: the owner plan uses [\w, ]*documents_search_vector_idx[\w, ]* and the plan under RLS does not/);
      expect(table).toMatch(/text search is not LEAKPROOF here/);
      expect(formatBenchMarkdown(notLeakproof)).toMatch(/Index used as owner but not under RLS: [`\w, ]*`documents_search_vector_idx`/);
    }, 120_000);

    it('reads a medseed-bench/1 baseline (no samples, no LEAKPROOF findings) and says latency falls back to p95', () => {
      const written = JSON.parse(readFileSync(path.join(dir, 'bench.json'), 'utf8')) as BenchReport;
      const stripMode = (mode: BenchReport['queries'][number]['rls']) => {
        if (!mode) return mode;
        const { samplesMs: _samples, ...rest } = mode;
        return rest;
      };
      const v1 = {
        ...written,
        format: 'medseed-bench/1',
        environment: Object.fromEntries(Object.entries(written.environment).filter(([key]) => key !== 'textSearchLeakproof')),
        queries: written.queries.map(({ rlsIndexGap: _gap, ...query }) => ({ ...query, rls: stripMode(query.rls), owner: stripMode(query.owner) })),
        comparison: { baselineFile: 'x', baselineStartedAt: 'y', minRegressionMs: 0, warnings: [], queries: [{ name: 'a', status: 'compared', baselineP95Ms: 1, currentP95Ms: 1, change: 0, regressed: false }], regressed: [] },
      };
      const file = path.join(dir, 'v1.json');
      writeFileSync(file, JSON.stringify(v1));
      const baseline = readBenchJson(file);
      const result = compareBaseline(report, baseline, file);
      expect(result.baselineFormat).toBe('medseed-bench/1');
      expect(result.warnings).toContainEqual(expect.stringMatching(/no per-execution samples: latency is compared by p95/));
      expect(result.queries.every((q) => q.latency?.method === 'p95')).toBe(true);
    });

    it('exits 1 from the CLI against a baseline whose plan used an index this run does not, naming the query and the reason', async () => {
      const baseline = path.join(dir, 'other-plan.json');
      const fast = JSON.parse(readFileSync(path.join(dir, 'bench.json'), 'utf8')) as BenchReport;
      const otherPlan = { Plan: { 'Node Type': 'Index Scan', 'Index Name': 'an_index_since_dropped', 'Relation Name': 'tasks' } };
      writeFileSync(baseline, JSON.stringify({ ...fast, queries: fast.queries.map((q) => ({ ...q, rls: q.rls && { ...q.rls, plan: { ...q.rls.plan, json: otherPlan } } })) }));
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
      expect(out.join('')).toMatch(/patient_timeline: REGRESSED: plan under RLS no longer uses index an_index_since_dropped/);
      expect(out.join('')).toMatch(/regressed against the baseline .*: clinician_open_tasks, patient_timeline/);
      expect(out.join('')).toMatch(/text search is (not )?LEAKPROOF here/);
      // the CLI's own bench.json (seed run id, comparison and all) is valid, and usable as a baseline
      const written = readBenchJson(path.join(dir, 'cli', 'bench.json'));
      expect(written.data.seedRunId).toEqual(expect.any(Number));
      expect(written.comparison?.regressed).toEqual(['clinician_open_tasks', 'patient_timeline']);
      expect(written.queries[0]?.rls?.samplesMs).toHaveLength(2);
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
