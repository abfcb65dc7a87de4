import type { BenchReport } from '../bench/report/bench-report.js';
import type { RlsOverheadSection } from './report/workload-report.js';

/** The RLS overhead chart's figures from a bench.json: each query's p95 under RLS and as owner. */
export function rlsOverheadFromBench(file: string, report: BenchReport): RlsOverheadSection {
  return {
    source: file,
    queries: report.queries.flatMap((q) => (q.rls && q.owner ? [{ name: q.name, rlsP95Ms: q.rls.stats.p95Ms, ownerP95Ms: q.owner.stats.p95Ms, thresholdMs: q.thresholdMs }] : [])),
  };
}
