import type { BenchReport } from '../../../bench/report/bench-report.js';
import { escapeHtml } from '../escape-html.js';
import { renderFigure, renderTable } from '../html-table.js';
import { renderBarChart } from '../svg/bar-chart.js';
import { formatMillis } from '../svg/format-number.js';
import { formatChange } from '../../../bench/report/format-ms.js';
import { benchChartIds } from './bench-chart-ids.js';

/** With --baseline: p95 before and now per query, and the gate's verdict with its evidence. */
export function renderBenchBaseline(report: BenchReport): string {
  const c = report.comparison;
  if (!c) return '';
  const thresholds = new Map(report.queries.map((q) => [q.name, q.thresholdMs]));
  const chart = renderBarChart({
    id: benchChartIds.baseline,
    title: 'p95 under RLS: baseline and this run',
    valueLabel: 'p95 under RLS (ms)',
    groups: [{ name: 'baseline', color: '#A0A0A0' }, { name: 'this run', color: '#0072B2' }],
    categories: c.queries.map((q) => ({ label: q.name, values: [q.baselineP95Ms, q.currentP95Ms], threshold: thresholds.get(q.name) ?? null })),
    thresholdLabel: 'threshold',
    formatValue: formatMillis,
    width: 900,
  });
  const rows = c.queries.map((q) => [
    q.name,
    { text: formatMillis(q.baselineP95Ms), numeric: true },
    { text: formatMillis(q.currentP95Ms), numeric: true },
    { text: q.status === 'compared' ? formatChange(q.change) : q.status, numeric: true },
    q.regressed ? { text: 'REGRESSED', tone: 'fail' as const } : { text: 'no', tone: 'pass' as const },
    [...q.reasons, ...q.notes.map((note) => `(not counted) ${note}`)].join('; ') || '-',
  ]);
  const warnings = c.warnings.length > 0 ? `<p>The runs differ in:</p><ul>${c.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul>` : '';
  return ['<section id="baseline"><h2>Against the baseline</h2>',
    `<p>Compared with <code>${escapeHtml(c.baselineFile)}</code> (${escapeHtml(c.baselineFormat)}, started ${escapeHtml(c.baselineStartedAt)}). ` +
      'A query regressed when its plan under RLS got worse, when an execution touches more shared buffers, or when its median under RLS rose significantly; the p95 change is shown, not judged.</p>',
    `<div class="charts">${renderFigure(chart, undefined, 'wide')}</div>`,
    renderTable({ id: 'bench-baseline', header: ['query', { text: 'baseline p95 ms', numeric: true }, { text: 'p95 ms', numeric: true }, { text: 'p95 change', numeric: true }, 'regressed', 'why'], rows }),
    warnings,
    '</section>'].join('\n');
}
