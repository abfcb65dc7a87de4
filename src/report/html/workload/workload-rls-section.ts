import type { RlsOverheadSection } from '../../../workload/report/workload-report.js';
import { escapeHtml } from '../escape-html.js';
import { renderFigure, renderTable } from '../html-table.js';
import { renderBarChart } from '../svg/bar-chart.js';
import { formatGiven, formatMillis } from '../svg/format-number.js';
import { workloadChartIds } from './workload-chart-ids.js';

/** p95 under RLS beside p95 as owner per query, from a bench.json, each against its threshold. */
export function renderWorkloadRlsOverhead(section: RlsOverheadSection | null): string {
  if (!section) return '';
  const chart = renderBarChart({
    id: workloadChartIds.rlsOverhead,
    title: 'RLS overhead per query: p95 under RLS and as owner',
    valueLabel: 'p95 latency (ms)',
    groups: [{ name: 'under RLS', color: '#0072B2' }, { name: 'as owner, no RLS', color: '#A0A0A0' }],
    categories: section.queries.map((q) => ({ label: q.name, values: [q.rlsP95Ms, q.ownerP95Ms], threshold: q.thresholdMs })),
    thresholdLabel: 'threshold (p95 under RLS)',
    formatValue: formatMillis,
  });
  const rows = section.queries.map((q) => [
    q.name,
    { text: formatMillis(q.rlsP95Ms), numeric: true, ...(q.rlsP95Ms > q.thresholdMs ? { tone: 'fail' as const } : {}) },
    { text: formatMillis(q.ownerP95Ms), numeric: true },
    { text: q.ownerP95Ms > 0 ? `x${(q.rlsP95Ms / q.ownerP95Ms).toFixed(2)}` : '-', numeric: true },
    { text: formatGiven(q.thresholdMs), numeric: true },
  ]);
  return ['<section id="rls-overhead"><h2>RLS overhead</h2>',
    `<p>From <code>${escapeHtml(section.source)}</code> (medseed bench): each query run as the application does, under RLS, and as the owner with the policies' filters written into it.</p>`,
    `<div class="charts">${renderFigure(chart)}</div>`,
    renderTable({ id: 'rls-overhead', header: ['query', 'p95 under RLS ms', 'p95 as owner ms', 'ratio', 'threshold ms'].map((text, i) => ({ text, numeric: i > 0 })), rows }),
    '</section>'].join('\n');
}
