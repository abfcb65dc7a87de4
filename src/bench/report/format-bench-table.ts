import type { BenchReport } from './bench-report.js';
import { describeVerdict } from './decide-verdict.js';
import { describeLeakproof } from './describe-leakproof.js';
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
    ...(report.ownSchema
      ? [`Your schema ${report.ownSchema.schema} through ${report.ownSchema.mapping} (run #${report.ownSchema.mappedRunId}); queries ${report.ownSchema.queries}; session ${report.ownSchema.session} runs them as ${report.ownSchema.sessionRole ?? '?'}`]
      : []),
    '',
    ...table([header, ...rows], new Set([1, 2, 3, 4, 5])),
  ];
  const notes: string[] = [];
  for (const query of report.queries) {
    if (query.error) notes.push(`  ${query.name}: error: ${query.error}`);
    for (const flag of query.rls?.plan.flags ?? []) notes.push(`  ${query.name}: plan under RLS: ${flag.message}`);
    if (query.rlsIndexGap) notes.push(`  ${query.name}: the owner plan uses ${query.rlsIndexGap.indexes.join(', ')} and the plan under RLS does not: ${query.rlsIndexGap.reason}`);
    for (const warning of query.warnings) notes.push(`  ${query.name}: ${warning}`);
  }
  for (const check of report.ownSchema?.checks ?? []) if (check.status !== 'passed') notes.push(`  ${check.status}: ${check.name}: ${check.detail}`);
  notes.push(`  ${describeLeakproof(report.environment.textSearchLeakproof)}`);
  if (notes.length > 0) lines.push('', 'Notes:', ...notes);
  const judged = report.comparison?.queries.filter((q) => q.reasons.length + q.notes.length > 0) ?? [];
  if (judged.length > 0) {
    lines.push('', `Against the baseline ${report.comparison!.baselineFile}:`);
    for (const q of judged) {
      for (const reason of q.reasons) lines.push(`  ${q.name}: REGRESSED: ${reason}`);
      for (const note of q.notes) lines.push(`  ${q.name}: not counted: ${note}`);
    }
  }
  if (report.comparison && report.comparison.warnings.length > 0) {
    lines.push('', `Baseline ${report.comparison.baselineFile} differs from this run in:`, ...report.comparison.warnings.map((w) => `  ${w}`));
  }
  if (!report.statStatements.available) lines.push('', `pg_stat_statements: ${report.statStatements.note}`);
  lines.push('', describeVerdict(report.verdict, compared), '');
  return lines.join('\n');
}
