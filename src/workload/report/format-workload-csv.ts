import type { WorkloadReport } from './workload-report.js';

type CsvValue = string | number | boolean | null;

/** One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF, quotes doubled; null is empty. */
function field(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// RFC 4180 ends every record, the last included, with CRLF.
const toCsv = (rows: readonly (readonly CsvValue[])[]) => rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';

export const OPERATIONS_CSV_HEADER = [
  'stage', 'users', 'rate', 'operation', 'kind', 'role', 'count', 'errors', 'errorRate', 'throughputPerS', 'meanMs', 'p50Ms', 'p90Ms', 'p95Ms', 'p99Ms', 'maxMs',
  'rows', 'isolationViolations', 'thresholdP95Ms', 'thresholdP99Ms', 'thresholdErrorRate', 'passed', 'failures',
] as const;

/**
 * operations.csv: one row per stage (1-based, in run order) and operation with every summary figure,
 * its budgets and whether it passed (failures joined by "; ").
 *
 * @example
 * writeFileSync('operations.csv', formatOperationsCsv(report));
 */
export function formatOperationsCsv(report: WorkloadReport): string {
  const rows: CsvValue[][] = [[...OPERATIONS_CSV_HEADER]];
  report.stages.forEach((stage, i) => {
    for (const op of stage.operations) {
      rows.push([
        i + 1, stage.users, stage.rate, op.name, op.kind, op.role, op.count, op.errors, op.count > 0 ? op.errors / op.count : 0, op.throughputPerS,
        op.meanMs, op.p50Ms, op.p90Ms, op.p95Ms, op.p99Ms, op.maxMs, op.rows, op.isolationViolations,
        op.thresholds.p95Ms, op.thresholds.p99Ms, op.thresholds.errorRate, op.failures.length === 0, op.failures.join('; '),
      ]);
    }
  });
  return toCsv(rows);
}

export const TIMESERIES_CSV_HEADER = ['stage', 't', 'phase', 'activeUsers', 'operation', 'count', 'errors', 'throughputPerS', 'p50Ms', 'p95Ms', 'p99Ms', 'maxMs'] as const;

/**
 * timeseries.csv: per stage (1-based) and interval, one row for all operations together
 * (operation `*`), then one per operation; every phase, so ramp and warm-up can be filtered out.
 *
 * @example
 * writeFileSync('timeseries.csv', formatTimeseriesCsv(report));
 */
export function formatTimeseriesCsv(report: WorkloadReport): string {
  const rows: CsvValue[][] = [[...TIMESERIES_CSV_HEADER]];
  report.stages.forEach((stage, i) => {
    for (const point of stage.series) {
      const figures = [['*', point.total] as const, ...Object.entries(point.operations)];
      for (const [operation, f] of figures) {
        rows.push([i + 1, point.t, point.phase, point.activeUsers, operation, f.count, f.errors, f.throughputPerS, f.p50Ms, f.p95Ms, f.p99Ms, f.maxMs]);
      }
    }
  });
  return toCsv(rows);
}
