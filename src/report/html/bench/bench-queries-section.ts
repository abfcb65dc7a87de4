import type { BenchReport } from '../../../bench/report/bench-report.js';
import { summaryCells } from '../../../bench/report/summary-cells.js';
import { renderFigure, renderTable, type CellInput } from '../html-table.js';
import { renderBarChart } from '../svg/bar-chart.js';
import { formatMillis } from '../svg/format-number.js';
import { benchChartIds } from './bench-chart-ids.js';

const NUMERIC_HEADERS = new Set(['p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'threshold', 'RLS overhead (p50)', 'p95 vs baseline']);

/** The summary table of the terminal and bench.md, with the verdicts coloured. */
function summaryTable(report: BenchReport): string {
  const { header, rows } = summaryCells(report);
  const verdictColumn = header.indexOf('verdict');
  return renderTable({
    id: 'bench-summary',
    header: header.map((text) => ({ text, numeric: NUMERIC_HEADERS.has(text) })),
    rows: rows.map((row) => row.map((text, i): CellInput => (i === verdictColumn ? { text, tone: text === 'ok' ? 'pass' : 'fail' } : { text, numeric: NUMERIC_HEADERS.has(header[i]!) }))),
  });
}

/** Per query p50 and p95 under RLS and as owner against its threshold, then the RLS overhead at the median. */
export function renderBenchQueries(report: BenchReport): string {
  const latency = renderBarChart({
    id: benchChartIds.latency,
    title: 'Latency per query: under RLS and as owner',
    valueLabel: 'latency (ms)',
    groups: [
      { name: 'p50 under RLS', color: '#56B4E9' },
      { name: 'p95 under RLS', color: '#0072B2' },
      { name: 'p50 as owner', color: '#C8C8C8' },
      { name: 'p95 as owner', color: '#8A8A8A' },
    ],
    categories: report.queries.map((q) => ({
      label: q.name,
      values: [q.rls?.stats.p50Ms ?? null, q.rls?.stats.p95Ms ?? null, q.owner?.stats.p50Ms ?? null, q.owner?.stats.p95Ms ?? null],
      threshold: q.thresholdMs,
    })),
    thresholdLabel: 'threshold (p95 under RLS)',
    formatValue: formatMillis,
    width: 900,
  });
  const overhead = renderBarChart({
    id: benchChartIds.overhead,
    title: 'RLS overhead per query: p50 under RLS ÷ p50 as owner',
    valueLabel: 'times the owner latency',
    groups: [{ name: 'RLS overhead (p50 ratio)', color: '#CC79A7' }],
    categories: report.queries.map((q) => ({ label: q.name, values: [q.overhead?.ratio ?? null] })),
    references: [{ value: 1, label: 'x1: no overhead', kind: 'reference' }],
    formatValue: (ratio) => `x${ratio.toFixed(2)}`,
    width: 900,
  });
  return ['<section id="queries"><h2>Queries</h2>',
    '<p>Times in milliseconds, as the application runs the queries; RLS overhead compares the medians with the same query run by the owner, without RLS, with the policies\' filters written into it. The threshold applies to the p95 under RLS.</p>',
    summaryTable(report),
    `<div class="charts">${renderFigure(latency, undefined, 'wide')}${renderFigure(overhead, undefined, 'wide')}</div>`,
    '</section>'].join('\n');
}
