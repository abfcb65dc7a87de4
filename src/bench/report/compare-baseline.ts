import { compareQuery, type GateRules, type QueryComparison } from '../compare/compare-query.js';
import type { BenchReport } from './bench-report.js';

export type { QueryComparison } from '../compare/compare-query.js';

/** A regression is a change of more than this much (the context's 20%), in latency or in buffers. */
export const REGRESSION_RATIO = 0.2;
/** Default --min-regression-ms: a slowdown smaller than this is round-trip noise, whatever its ratio. */
export const DEFAULT_MIN_REGRESSION_MS = 0.1;
/**
 * One-sided significance level of the latency shift test. Stricter than the usual 0.01 because
 * latencies are not independent draws: a burst of load slows a run of consecutive executions, so
 * 100 samples carry less evidence than the test assumes. Measured with npm run bench:gate: false
 * alarms on identical runs had p between 0.002 and 0.006; real slowdowns far below 0.001.
 */
export const LATENCY_ALPHA = 0.001;
/** Buffer growth smaller than this (shared blocks per execution) is not evidence. */
export const MIN_REGRESSION_BLOCKS = 8;

export interface BaselineComparison {
  readonly baselineFile: string;
  readonly baselineStartedAt: string;
  /** The baseline's bench.json format: a medseed-bench/1 baseline has no latency samples. */
  readonly baselineFormat: string;
  readonly minRegressionMs: number;
  readonly rules: GateRules;
  /** Differences between the runs that make figures less comparable (data, settings, options). */
  readonly warnings: readonly string[];
  readonly queries: readonly QueryComparison[];
  readonly regressed: readonly string[];
}

function describeWarnings(current: BenchReport, baseline: BenchReport): string[] {
  const warnings: string[] = [];
  const pairs: [string, unknown, unknown][] = [
    ['profile', current.data.profile, baseline.data.profile],
    ['seed', current.data.seed, baseline.data.seed],
    ['generator version', current.data.generatorVersion, baseline.data.generatorVersion],
    ['server', current.environment.serverVersion, baseline.environment.serverVersion],
    ['iterations', current.options.iterations, baseline.options.iterations],
    ['concurrency', current.options.concurrency, baseline.options.concurrency],
  ];
  if (current.ownSchema || baseline.ownSchema) {
    // another schema, mapping or session is another experiment (null: medseed's reference schema)
    for (const key of ['schema', 'mapping', 'session'] as const) pairs.push([`own schema's ${key}`, current.ownSchema?.[key] ?? null, baseline.ownSchema?.[key] ?? null]);
  }
  const leakproof = [current.environment.textSearchLeakproof, baseline.environment.textSearchLeakproof];
  if (leakproof.every((value) => typeof value === 'boolean')) pairs.push(['text search LEAKPROOF (ts_match_vq)', leakproof[0], leakproof[1]]);
  for (const [what, ours, theirs] of pairs) {
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) warnings.push(`${what} differs: baseline ${JSON.stringify(theirs)}, this run ${JSON.stringify(ours)}`);
  }
  for (const [name, value] of Object.entries(current.environment.settings)) {
    const before = baseline.environment.settings[name];
    if (before !== undefined && before !== value) warnings.push(`setting ${name} differs: baseline ${before}, this run ${value}`);
  }
  if (baseline.queries.some((query) => query.rls && !query.rls.samplesMs)) {
    warnings.push(`the baseline (${baseline.format}) has no per-execution samples: latency is compared by p95 (and p50) without a significance test, which is noisier; write a new baseline`);
  }
  return warnings;
}

/**
 * Compares each query with a previous bench.json. A query regressed when its plan under RLS got
 * worse (an index lost, a large table read whole, a policy evaluated per row), when an execution
 * touches more than 20% more shared buffers, or when its latency under RLS rose significantly
 * (rank test, p < 0.01) by more than 20% and at least `minRegressionMs`. Latency and buffers are
 * judged against the same query run as owner, so a busier machine is not a regression (runBench
 * also measures a latency-only regression again: see confirmLatencyRegressions). A query
 * that fails now but ran in the baseline is a regression; one the baseline lacks is new.
 */
export function compareBaseline(current: BenchReport, baseline: BenchReport, baselineFile: string, minRegressionMs = DEFAULT_MIN_REGRESSION_MS): BaselineComparison {
  const rules: GateRules = { alpha: LATENCY_ALPHA, minChange: REGRESSION_RATIO, floorMs: minRegressionMs, floorBlocks: MIN_REGRESSION_BLOCKS };
  const tableRows = new Map(Object.entries(current.environment.tables ?? {}).map(([name, table]) => [name, table.rows]));
  const before = new Map(baseline.queries.map((query) => [query.name, query]));
  // samples are matched to their interleaved round only when both runs used the same rounds
  const round = current.options.interleaveRound !== undefined && current.options.interleaveRound === baseline.options.interleaveRound ? current.options.interleaveRound : null;
  const queries = current.queries.map((query) => compareQuery(query, before.get(query.name), rules, { tableRows, round }));
  return {
    baselineFile,
    baselineStartedAt: baseline.startedAt,
    baselineFormat: baseline.format,
    minRegressionMs,
    rules,
    warnings: describeWarnings(current, baseline),
    queries,
    regressed: queries.filter((q) => q.regressed).map((q) => q.name),
  };
}
