import type { BenchReport } from './bench-report.js';
import { describeVerdict } from './decide-verdict.js';
import { summaryCells } from './summary-cells.js';

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) =>
    row
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The terminal summary: one line per query (p50, p95, p99 under RLS, threshold, RLS overhead, verdict), then flags and the verdict. */
export function formatBenchTable(report: BenchReport): string {
  const compared = report.comparison !== null;
  const { header, rows } = summaryCells(report);
  const lines = [
    `medseed bench: profile ${report.data.profile}, seed ${report.data.seed}, ${report.options.iterations} iterations at concurrency ${report.options.concurrency}; times under RLS`,
    '',
    ...table([header, ...rows], new Set([1, 2, 3, 4, 5])),
  ];
  const notes: string[] = [];
  for (const query of report.queries) {
    if (query.error) notes.push(`  ${query.name}: error: ${query.error}`);
    for (const flag of query.rls?.plan.flags ?? []) notes.push(`  ${query.name}: plan under RLS: ${flag.message}`);
    for (const warning of query.warnings) notes.push(`  ${query.name}: ${warning}`);
  }
  if (notes.length > 0) lines.push('', 'Notes:', ...notes);
  if (report.comparison && report.comparison.warnings.length > 0) {
    lines.push('', `Baseline ${report.comparison.baselineFile} differs from this run in:`, ...report.comparison.warnings.map((w) => `  ${w}`));
  }
  if (!report.statStatements.available) lines.push('', `pg_stat_statements: ${report.statStatements.note}`);
  lines.push('', describeVerdict(report.verdict, compared), '');
  return lines.join('\n');
}
