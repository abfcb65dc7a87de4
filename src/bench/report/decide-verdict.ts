import type { BenchVerdict, QueryResult } from './bench-report.js';
import type { BaselineComparison } from './compare-baseline.js';

/** The run fails when any query errs, breaks its threshold (p95 under RLS), or regressed against the baseline. */
export function decideVerdict(queries: readonly QueryResult[], comparison: BaselineComparison | null): BenchVerdict {
  const errors = queries.filter((q) => q.error !== null).map((q) => q.name);
  const overThreshold = queries.filter((q) => q.error === null && !q.thresholdMet).map((q) => q.name);
  const regressed = [...(comparison?.regressed ?? [])];
  return { pass: errors.length + overThreshold.length + regressed.length === 0, overThreshold, regressed, errors };
}

/** One query's verdict in a word or two, for tables. */
export function verdictLabel(query: QueryResult, verdict: BenchVerdict): string {
  if (query.error !== null) return 'ERROR';
  const labels = [
    verdict.overThreshold.includes(query.name) ? 'OVER THRESHOLD' : '',
    verdict.regressed.includes(query.name) ? 'REGRESSED' : '',
  ].filter(Boolean);
  return labels.length > 0 ? labels.join(', ') : 'ok';
}

/** The closing line: pass, or which queries failed and why. */
export function describeVerdict(verdict: BenchVerdict, compared: boolean): string {
  if (verdict.pass) return `PASS: every query within its threshold${compared ? ', none regressed against the baseline' : ''}`;
  const parts = [
    verdict.overThreshold.length > 0 ? `over threshold (p95 under RLS): ${verdict.overThreshold.join(', ')}` : '',
    verdict.regressed.length > 0 ? `regressed against the baseline (plan, buffers or a significant >20% slowdown; see the reasons above): ${verdict.regressed.join(', ')}` : '',
    verdict.errors.length > 0 ? `failed to run: ${verdict.errors.join(', ')}` : '',
  ].filter(Boolean);
  return `FAIL: ${parts.join('; ')}`;
}
