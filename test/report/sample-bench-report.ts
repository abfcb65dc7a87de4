import { summarizeTimings } from '../../src/bench/measure/summarize-timings.js';
import { BENCH_FORMAT, type BenchReport, type ModeResult, type QueryResult } from '../../src/bench/report/bench-report.js';
import { compareBaseline } from '../../src/bench/report/compare-baseline.js';
import { decideVerdict } from '../../src/bench/report/decide-verdict.js';
import type { DrawKind } from '../../src/bench/params/draw-kinds.js';
import { latencySamples } from '../bench/latency-samples.js';

/** A query of the sample: median latencies under RLS and as owner, and its threshold. */
interface QueryModel {
  readonly name: string;
  readonly draw: DrawKind;
  readonly role: QueryResult['role'];
  readonly rlsMs: number;
  readonly ownerMs: number;
  readonly thresholdMs: number;
  readonly index: string;
}

const QUERIES: readonly QueryModel[] = [
  { name: 'patient_timeline', draw: 'timeline_page', role: 'medseed_app', rlsMs: 1.8, ownerMs: 1.3, thresholdMs: 25, index: 'timeline_events_patient_id_occurred_at_idx' },
  { name: 'recent_results', draw: 'recent_results', role: 'medseed_app', rlsMs: 2.6, ownerMs: 2.1, thresholdMs: 25, index: 'timeline_events_patient_id_category_idx' },
  { name: 'open_tasks', draw: 'open_tasks', role: 'medseed_app', rlsMs: 0.9, ownerMs: 0.7, thresholdMs: 10, index: 'tasks_assignee_id_status_due_at_idx' },
  { name: 'note_search', draw: 'note_search', role: 'medseed_app', rlsMs: 48, ownerMs: 6.5, thresholdMs: 50, index: 'documents_search_vector_idx' },
  { name: 'audit_by_patient', draw: 'audit_patient', role: 'medseed_org_admin', rlsMs: 5.4, ownerMs: 4.8, thresholdMs: 40, index: 'audit_logs_patient_id_idx' },
];

function mode(seed: string, medianMs: number, index: string): ModeResult {
  const samplesMs = latencySamples(seed, 200, medianMs, medianMs * 0.3).map((ms) => Math.round(ms * 1000) / 1000);
  return {
    stats: summarizeTimings(samplesMs),
    samplesMs,
    rows: { min: 1, max: 40 },
    plan: {
      parameterSet: 0,
      text: `Index Scan using ${index}`,
      json: { Plan: { 'Node Type': 'Index Scan', 'Index Name': index, 'Relation Name': index.split('_')[0] } },
      planningMs: 0.2,
      executionMs: medianMs,
      rows: 20,
      sharedHitBlocks: 40,
      sharedReadBlocks: 0,
      flags: [],
      queryId: null,
    },
    statStatements: null,
  };
}

function query(model: QueryModel, seed: string, slowdown: number): QueryResult {
  const rls = mode(`${seed}-${model.name}-rls`, model.rlsMs * slowdown, model.index);
  const owner = mode(`${seed}-${model.name}-owner`, model.ownerMs, model.index);
  return {
    name: model.name,
    description: `The ${model.name.replace(/_/g, ' ')} query of the catalog.`,
    note: null,
    file: `bench/queries/${model.name}.sql`,
    role: model.role,
    draw: model.draw,
    writes: false,
    thresholdMs: model.thresholdMs,
    sql: { rls: `SELECT /* ${model.name} */ 1`, owner: `SELECT /* ${model.name}, owner */ 1` },
    parameterSets: [{ label: 'largest tenant, heavy patient', orgId: '00000000-0000-4000-8000-000000000001', sessionProviderId: '00000000-0000-4000-8000-000000000002', values: { org_id: '00000000-0000-4000-8000-000000000001' } }],
    rls,
    owner,
    overhead: { ratio: Math.round((rls.stats.p50Ms / owner.stats.p50Ms) * 1000) / 1000, ms: Math.round((rls.stats.p50Ms - owner.stats.p50Ms) * 1000) / 1000 },
    thresholdMet: rls.stats.p95Ms <= model.thresholdMs,
    rlsIndexGap: null,
    warnings: [],
    error: null,
  };
}

function report(seed: string, slowdowns: Readonly<Record<string, number>>, baseline: BenchReport | null): BenchReport {
  const queries = QUERIES.map((model) => query(model, seed, slowdowns[model.name] ?? 1));
  const draft: BenchReport = {
    format: BENCH_FORMAT,
    medseedVersion: '0.1.0',
    startedAt: '2026-11-20T09:00:00.000Z',
    finishedAt: '2026-11-20T09:04:31.000Z',
    options: { iterations: 200, concurrency: 2, warmup: 20, interleaveRound: 10, parameterSets: 8, sampleSize: 400, only: null, catalog: 'bench/queries' },
    data: { profile: 'ci', seed: '42', generatorVersion: '7', referenceDate: '2026-06-30', volumes: { patients: 1000 }, seedRunId: 3 },
    database: 'postgres://medseed@127.0.0.1:54329/medseed',
    environment: {
      serverVersion: 'PostgreSQL 17.6 on x86_64-pc-linux-gnu',
      settings: { shared_buffers: '512MB', work_mem: '4MB' },
      tables: { timeline_events: { rows: 120000, bytes: 24000000 } },
      load: null,
      textSearchLeakproof: false,
      client: { node: 'v20.19.0', platform: 'linux x64', cpus: 2, memoryGb: 8 },
    },
    statStatements: { available: false, createdByBench: false, note: 'pg_stat_statements is not preloaded on this server', top: [] },
    queries,
    comparison: null,
    verdict: { pass: true, overThreshold: [], regressed: [], errors: [] },
  };
  const comparison = baseline ? compareBaseline(draft, baseline, 'main/bench.json') : null;
  return { ...draft, comparison, verdict: decideVerdict(queries, comparison) };
}

/**
 * A bench report of five queries built from seeded samples with the bench's own summary, verdict
 * and baseline comparison; note_search is slow under RLS (over its threshold) and, with a baseline,
 * open_tasks has slowed down by half against it.
 */
export function sampleBenchReport(options: { readonly withBaseline?: boolean } = {}): BenchReport {
  const baseline = options.withBaseline ? report('baseline', {}, null) : null;
  return report('current', { open_tasks: 1.5 }, baseline);
}
