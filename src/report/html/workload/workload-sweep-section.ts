import type { WorkloadReport } from '../../../workload/report/workload-report.js';
import { escapeHtml } from '../escape-html.js';
import { renderFigure, renderTable } from '../html-table.js';
import { renderCurveChart } from '../svg/curve-chart.js';
import { formatMillis, formatNumber, formatRate } from '../svg/format-number.js';
import { workloadChartIds } from './workload-chart-ids.js';

/** Latency and throughput against users, one point per stage, the stage where latency bends marked. */
export function renderWorkloadSweep(report: WorkloadReport): string {
  const { points, bend } = report.sweep;
  const parts = ['<section id="sweep"><h2>Sweep: latency and throughput against users</h2>'];
  if (points.length < 2) {
    parts.push('<p>One stage only: run with several <code>--users</code> values to see where latency bends.</p>', '</section>');
    return parts.join('\n');
  }
  parts.push(bend
    ? `<p class="fail">Latency bends at ${formatNumber(bend.users)} users: ${escapeHtml(bend.reason)}.</p>`
    : '<p>Latency does not bend within the users measured.</p>');
  const marker = bend ? { x: bend.users, label: `bend: ${formatNumber(bend.users)} users` } : null;
  const tips = points.map((p) => ({ x: p.users, text: `${formatNumber(p.users)} users: ${formatRate(p.throughputPerS)} ops/s, p50 ${formatMillis(p.p50Ms)} · p95 ${formatMillis(p.p95Ms)} · p99 ${formatMillis(p.p99Ms)} ms, ${p.errors} errors` }));
  const first = points[0]!;
  const latency = renderCurveChart({
    id: workloadChartIds.sweepLatency,
    title: 'Latency against users (all operations)',
    xLabel: 'users',
    yLabel: 'latency (ms)',
    series: [
      { name: 'p50', points: points.map((p) => ({ x: p.users, y: p.p50Ms })), color: '#009E73' },
      { name: 'p95', points: points.map((p) => ({ x: p.users, y: p.p95Ms })), color: '#0072B2' },
      { name: 'p99', points: points.map((p) => ({ x: p.users, y: p.p99Ms })), color: '#D55E00' },
    ],
    marker,
    tips,
  });
  const throughput = renderCurveChart({
    id: workloadChartIds.sweepThroughput,
    title: 'Throughput against users',
    xLabel: 'users',
    yLabel: 'operations/s',
    series: [
      { name: 'measured', points: points.map((p) => ({ x: p.users, y: p.throughputPerS })), color: '#0072B2' },
      // what perfect scaling from the first stage would give: the gap is the cost of contention
      { name: `linear from ${formatNumber(first.users)} users`, points: points.map((p) => ({ x: p.users, y: (first.throughputPerS * p.users) / first.users })), color: '#999999', dashed: true },
    ],
    marker,
    tips,
  });
  parts.push(`<div class="charts">${renderFigure(latency)}${renderFigure(throughput)}</div>`);
  parts.push(renderTable({
    id: 'sweep',
    header: ['users', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'].map((text, i) => ({ text, numeric: i > 0 })),
    rows: points.map((p) => [formatNumber(p.users), formatRate(p.throughputPerS), formatMillis(p.p50Ms), formatMillis(p.p95Ms), formatMillis(p.p99Ms), formatNumber(p.errors)].map((text, i) => ({ text, numeric: i > 0 }))),
  }));
  parts.push('</section>');
  return parts.join('\n');
}
