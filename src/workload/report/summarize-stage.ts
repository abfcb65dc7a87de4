import type { OperationInfo } from '../operations/operation-info.js';
import type { StageRun } from '../run/run-stage.js';
import type { OperationSummary, OperationThresholds, StageResult } from './workload-report.js';

const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`;

/** The threshold checks one operation failed, as sentences a person can act on. */
export function thresholdFailures(summary: Omit<OperationSummary, 'failures'>): string[] {
  const failures: string[] = [];
  const { thresholds: t } = summary;
  if (summary.isolationViolations > 0) failures.push(`${summary.name}: ${summary.isolationViolations} row(s) outside the user's tenant or care team`);
  if (summary.count === 0) return failures;
  if (t.p95Ms !== null && summary.p95Ms > t.p95Ms) failures.push(`${summary.name}: p95 ${ms(summary.p95Ms)} is over its budget of ${ms(t.p95Ms)}`);
  if (t.p99Ms !== null && summary.p99Ms > t.p99Ms) failures.push(`${summary.name}: p99 ${ms(summary.p99Ms)} is over its budget of ${ms(t.p99Ms)}`);
  const rate = summary.errors / summary.count;
  if (t.errorRate !== null && rate > t.errorRate) failures.push(`${summary.name}: ${(rate * 100).toFixed(2)}% of operations failed, more than the ${(t.errorRate * 100).toFixed(2)}% allowed`);
  return failures;
}

/** A stage's figures: every operation of the mix that ran, with its thresholds judged, and the totals. */
export function summarizeStage(
  users: number,
  rate: number | null,
  run: StageRun,
  operations: ReadonlyMap<string, OperationInfo>,
  thresholds: Readonly<Record<string, OperationThresholds>>,
): StageResult {
  const summaries: OperationSummary[] = [];
  for (const [name, recorder] of run.recorders.byOperation) {
    const info = operations.get(name) as OperationInfo;
    const figures = recorder.summary(run.measuredS);
    if (figures.count === 0 && figures.isolationViolations === 0) continue;
    const partial = { name, kind: info.kind, role: info.role, description: info.description, thresholds: thresholds[name] ?? info.thresholds, ...figures };
    summaries.push({ ...partial, failures: thresholdFailures(partial) });
  }
  const total = run.recorders.total.summary(run.measuredS);
  return {
    users,
    rate,
    measuredS: Math.round(run.measuredS * 1000) / 1000,
    total: {
      count: total.count,
      errors: total.errors,
      throughputPerS: total.throughputPerS,
      meanMs: total.meanMs,
      p50Ms: total.p50Ms,
      p90Ms: total.p90Ms,
      p95Ms: total.p95Ms,
      p99Ms: total.p99Ms,
      maxMs: total.maxMs,
      late: run.counts.late,
      dropped: run.counts.dropped,
    },
    operations: summaries,
    series: run.series,
  };
}
