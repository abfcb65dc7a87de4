import type { BenchReport, QueryResult } from './bench-report.js';

/** A p95 more than this much worse than the baseline's is a regression (the context's 20%). */
export const REGRESSION_RATIO = 0.2;

export interface QueryComparison {
  readonly name: string;
  readonly status: 'compared' | 'new' | 'failed';
  readonly baselineP95Ms: number | null;
  readonly currentP95Ms: number | null;
  /** (current - baseline) / baseline; 0.25 means 25% slower. */
  readonly change: number | null;
  readonly regressed: boolean;
}

export interface BaselineComparison {
  readonly baselineFile: string;
  readonly baselineStartedAt: string;
  readonly minRegressionMs: number;
  /** Differences between the runs that make figures less comparable (data, settings, options). */
  readonly warnings: readonly string[];
  readonly queries: readonly QueryComparison[];
  readonly regressed: readonly string[];
}

function compareQuery(current: QueryResult, baseline: QueryResult | undefined, minRegressionMs: number): QueryComparison {
  const currentP95Ms = current.rls?.stats.p95Ms ?? null;
  const baselineP95Ms = baseline?.rls?.stats.p95Ms ?? null;
  if (baselineP95Ms === null) return { name: current.name, status: 'new', baselineP95Ms, currentP95Ms, change: null, regressed: false };
  if (currentP95Ms === null) return { name: current.name, status: 'failed', baselineP95Ms, currentP95Ms, change: null, regressed: true };
  const change = baselineP95Ms > 0 ? (currentP95Ms - baselineP95Ms) / baselineP95Ms : currentP95Ms > 0 ? Number.POSITIVE_INFINITY : 0;
  const regressed = change > REGRESSION_RATIO && currentP95Ms - baselineP95Ms >= minRegressionMs;
  return { name: current.name, status: 'compared', baselineP95Ms, currentP95Ms, change: Number.isFinite(change) ? Math.round(change * 10000) / 10000 : null, regressed };
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
  for (const [what, ours, theirs] of pairs) {
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) warnings.push(`${what} differs: baseline ${JSON.stringify(theirs)}, this run ${JSON.stringify(ours)}`);
  }
  for (const [name, value] of Object.entries(current.environment.settings)) {
    const before = baseline.environment.settings[name];
    if (before !== undefined && before !== value) warnings.push(`setting ${name} differs: baseline ${before}, this run ${value}`);
  }
  return warnings;
}

/**
 * Compares each query's p95 under RLS with a previous bench.json: more than 20% worse is a
 * regression (and, when `minRegressionMs` > 0, also at least that many milliseconds worse, to
 * ignore sub-millisecond noise). A query that fails now but ran in the baseline is a regression;
 * one the baseline lacks is new.
 */
export function compareBaseline(current: BenchReport, baseline: BenchReport, baselineFile: string, minRegressionMs = 0): BaselineComparison {
  const before = new Map(baseline.queries.map((query) => [query.name, query]));
  const queries = current.queries.map((query) => compareQuery(query, before.get(query.name), minRegressionMs));
  return {
    baselineFile,
    baselineStartedAt: baseline.startedAt,
    minRegressionMs,
    warnings: describeWarnings(current, baseline),
    queries,
    regressed: queries.filter((q) => q.regressed).map((q) => q.name),
  };
}
