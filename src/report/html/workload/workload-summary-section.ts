import type { OperationSummary, StageResult, WorkloadReport } from '../../../workload/report/workload-report.js';
import { escapeHtml } from '../escape-html.js';
import { renderTable, type Cell, type CellInput } from '../html-table.js';
import { formatGiven, formatMillis, formatNumber, formatPercent, formatRate } from '../svg/format-number.js';
import { stageLabel } from './stage-label.js';

const num = (text: string, over = false): Cell => ({ text, numeric: true, ...(over ? { tone: 'fail' as const } : {}) });

function budgets(op: OperationSummary): Cell {
  const { p95Ms, p99Ms, errorRate: allowed } = op.thresholds;
  const parts = [p95Ms === null ? '' : `p95 ≤ ${formatGiven(p95Ms)} ms`, p99Ms === null ? '' : `p99 ≤ ${formatGiven(p99Ms)} ms`, allowed === null ? '' : `errors ≤ ${formatGiven(allowed * 100)}%`].filter(Boolean);
  return { text: parts.length > 0 ? parts.join('\n') : 'none', lines: true };
}
const errorRate = (errors: number, count: number) => (count > 0 ? errors / count : 0);

export const SUMMARY_HEADER = ['operation', 'kind', 'count', 'ops/s', 'p50 ms', 'p90 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'error rate', 'budgets', 'result'] as const;
const NUMERIC_COLUMNS = new Set(['count', 'ops/s', 'p50 ms', 'p90 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'error rate']);

function operationRow(op: OperationSummary): CellInput[] {
  const { p95Ms, p99Ms, errorRate: allowed } = op.thresholds;
  const rate = errorRate(op.errors, op.count);
  return [
    { text: op.name, tip: op.description },
    `${op.kind}, ${op.role}`,
    num(formatNumber(op.count)),
    num(formatRate(op.throughputPerS)),
    num(formatMillis(op.p50Ms)),
    num(formatMillis(op.p90Ms)),
    num(formatMillis(op.p95Ms), p95Ms !== null && op.p95Ms > p95Ms),
    num(formatMillis(op.p99Ms), p99Ms !== null && op.p99Ms > p99Ms),
    num(formatMillis(op.maxMs)),
    num(formatNumber(op.errors), op.errors > 0 && allowed !== null && rate > allowed),
    num(formatPercent(rate), allowed !== null && rate > allowed),
    budgets(op),
    op.failures.length === 0 ? { text: 'pass', tone: 'pass' } : { text: 'FAIL', tone: 'fail', tip: op.failures.join('\n') },
  ];
}

function totalRow(stage: StageResult): CellInput[] {
  const t = stage.total;
  return [
    { text: 'all operations' }, '', num(formatNumber(t.count)), num(formatRate(t.throughputPerS)), num(formatMillis(t.p50Ms)), num(formatMillis(t.p90Ms)),
    num(formatMillis(t.p95Ms)), num(formatMillis(t.p99Ms)), num(formatMillis(t.maxMs)), num(formatNumber(t.errors)), num(formatPercent(errorRate(t.errors, t.count))), '', '',
  ];
}

/** Per stage, one row per operation with every figure and budget, the broken ones in red, then the total. */
export function renderWorkloadSummary(report: WorkloadReport): string {
  const parts = ['<section id="summary"><h2>Summary per operation</h2>',
    '<p>Figures over the measured window of each stage (ramp and warm-up excluded). Hover an operation for what it does, a FAIL for why.</p>'];
  report.stages.forEach((stage, i) => {
    const openLoop = stage.rate === null ? '' : ` ${formatNumber(stage.total.late)} operations started late, ${formatNumber(stage.total.dropped)} dropped.`;
    parts.push(`<h3>${escapeHtml(stageLabel(stage, i))}</h3>`);
    parts.push(`<p class="meta">${formatNumber(stage.measuredS)} s measured.${escapeHtml(openLoop)}</p>`);
    parts.push(renderTable({ id: `summary-stage-${i + 1}`, header: SUMMARY_HEADER.map((text) => ({ text, numeric: NUMERIC_COLUMNS.has(text) })), rows: [...stage.operations.map(operationRow), totalRow(stage)] }));
  });
  parts.push('</section>');
  return parts.join('\n');
}
