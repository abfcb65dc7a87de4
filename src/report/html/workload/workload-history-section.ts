import type { HistoryEntry, HistorySection, WorkloadReport } from '../../../workload/report/workload-report.js';
import { escapeHtml } from '../escape-html.js';
import { renderFigure } from '../html-table.js';
import { formatGiven, formatMillis, formatNumber, formatPercent } from '../svg/format-number.js';
import { BUDGET_COLOR } from '../svg/chart-palette.js';
import { renderLineChart } from '../svg/line-chart.js';
import type { ReferenceLine } from '../svg/reference-lines.js';
import { workloadChartIds } from './workload-chart-ids.js';

/** A run as an axis label: its label, else its commit's short hash, else its date. */
function runLabel(run: HistoryEntry): string {
  return run.label ?? run.commit?.slice(0, 7) ?? run.startedAt.slice(0, 10);
}

function historyChart(history: HistorySection, name: string, budgetMs: number | null): string {
  const references: ReferenceLine[] = [];
  const limit = history.limits[name];
  if (limit !== null && limit !== undefined) references.push({ value: limit, label: `regression limit ${formatMillis(limit)} ms`, kind: 'limit' });
  if (budgetMs !== null) references.push({ value: budgetMs, label: `p95 budget ${formatGiven(budgetMs)} ms`, kind: 'budget' });
  const runs = history.runs;
  const latest = runs[runs.length - 1]?.operations[name]?.p95Ms ?? null;
  const over = latest !== null && references.some((line) => latest > line.value);
  return renderLineChart({
    id: workloadChartIds.history(name),
    title: `${name}: p95 per run`,
    description: `p95 of ${name} in each comparable run, oldest first, this run last, with its regression limit and budget.`,
    xLabel: 'run (commit), oldest first',
    yLabel: 'p95 (ms)',
    series: [
      { name: 'p95', points: runs.map((run, i) => ({ x: i + 1, y: run.operations[name]?.p95Ms ?? null })), color: '#0072B2' },
      // this run stands out, red when it is above its limit or budget
      { name: over ? 'this run, above a line' : 'this run', points: [{ x: runs.length, y: latest }], color: over ? BUDGET_COLOR : '#0072B2' },
    ],
    references,
    dots: true,
    xDomain: [0.5, runs.length + 0.5],
    xTicks: runs.map((run, i) => ({ value: i + 1, label: runLabel(run) })),
    columnTips: runs.map((run, i) => {
      const figures = run.operations[name];
      return { x: i + 1, text: `${runLabel(run)} · ${run.startedAt}${i === runs.length - 1 ? ' (this run)' : ''}: ` + (figures ? `p95 ${formatMillis(figures.p95Ms)} ms, p99 ${formatMillis(figures.p99Ms)} ms, errors ${formatPercent(figures.errorRate)}` : 'not run') };
    }),
    height: 260,
  });
}

/** Per operation, its p95 over the comparable runs of the history, against the limit it was held to. */
export function renderWorkloadHistory(report: WorkloadReport): string {
  const history = report.history;
  if (!history) return '';
  const last = report.stages[report.stages.length - 1];
  const operations = last?.operations ?? [];
  const intro = `${formatNumber(history.runs.length)} comparable runs (same profile, users and rate) from <code>${escapeHtml(history.dir)}</code>, this run last. ` +
    `A p95 above the median of the earlier runs by more than ${formatGiven(history.tolerance * 100)}% and ${formatGiven(history.minMs)} ms is a regression; with fewer than 3 earlier runs there is no limit.`;
  const charts = operations.map((op) => renderFigure(historyChart(history, op.name, op.thresholds.p95Ms)));
  return ['<section id="history"><h2>History</h2>', `<p>${intro}</p>`, `<div class="charts">${charts.join('')}</div>`, '</section>'].join('\n');
}
