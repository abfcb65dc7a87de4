import type { IntervalPoint, OperationSummary, StageResult, WorkloadReport } from '../../../workload/report/workload-report.js';
import { escapeHtml } from '../escape-html.js';
import { renderFigure } from '../html-table.js';
import { formatGiven, formatMillis, formatNumber, formatRate } from '../svg/format-number.js';
import { seriesColor, TOTAL_COLOR } from '../svg/chart-palette.js';
import { renderLineChart } from '../svg/line-chart.js';
import type { ReferenceLine } from '../svg/reference-lines.js';
import { phaseBands } from './phase-bands.js';
import { phaseName, stageLabel } from './stage-label.js';
import { workloadChartIds } from './workload-chart-ids.js';

/** An operation's budgets as dashed lines on a latency chart. */
export function budgetLines(op: OperationSummary): ReferenceLine[] {
  const lines: ReferenceLine[] = [];
  if (op.thresholds.p95Ms !== null) lines.push({ value: op.thresholds.p95Ms, label: `p95 budget ${formatGiven(op.thresholds.p95Ms)} ms`, kind: 'budget' });
  if (op.thresholds.p99Ms !== null) lines.push({ value: op.thresholds.p99Ms, label: `p99 budget ${formatGiven(op.thresholds.p99Ms)} ms`, kind: 'budget' });
  return lines;
}

const when = (point: IntervalPoint) => `t=${formatNumber(point.t)} s (${phaseName(point.phase)}, ${formatNumber(point.activeUsers)} users)`;

function throughputChart(stage: StageResult, index: number): string {
  const names = stage.operations.map((op) => op.name);
  return renderLineChart({
    id: workloadChartIds.throughput(index + 1),
    title: `Throughput over time, ${stageLabel(stage, index)}`,
    description: 'Completed operations per second in each interval, all together and per operation; ramp and warm-up are shaded.',
    xLabel: 'seconds since the stage started',
    yLabel: 'operations/s',
    series: [
      { name: 'all operations', points: stage.series.map((p) => ({ x: p.t, y: p.total.throughputPerS })), color: TOTAL_COLOR },
      ...names.map((name, i) => ({ name, color: seriesColor(i), points: stage.series.map((p) => ({ x: p.t, y: p.operations[name]?.throughputPerS ?? null })) })),
    ],
    bands: phaseBands(stage.series),
    xDomain: [0, Math.max(...stage.series.map((p) => p.t), 1)],
    columnTips: stage.series.map((p) => ({ x: p.t, text: `${when(p)}: all ${formatRate(p.total.throughputPerS)}/s, errors ${p.total.errors}` })),
    width: 900,
    height: 320,
  });
}

function latencyChart(stage: StageResult, index: number, op: OperationSummary): string {
  const figures = (p: IntervalPoint) => p.operations[op.name];
  // an interval without a completed operation has no latency: a gap, not a zero
  const value = (p: IntervalPoint, pick: 'p95Ms' | 'p99Ms') => { const f = figures(p); return f && f.count > 0 ? f[pick] : null; };
  return renderLineChart({
    id: workloadChartIds.latency(index + 1, op.name),
    title: `${op.name}: p95 and p99 over time`,
    description: `p95 and p99 latency of ${op.name} in each interval of ${stageLabel(stage, index)}, with its budgets.`,
    xLabel: 'seconds since the stage started',
    yLabel: 'latency (ms)',
    series: [
      { name: 'p95', points: stage.series.map((p) => ({ x: p.t, y: value(p, 'p95Ms') })), color: '#0072B2' },
      { name: 'p99', points: stage.series.map((p) => ({ x: p.t, y: value(p, 'p99Ms') })), color: '#D55E00' },
    ],
    references: budgetLines(op),
    bands: phaseBands(stage.series),
    xDomain: [0, Math.max(...stage.series.map((p) => p.t), 1)],
    columnTips: stage.series.map((p) => {
      const f = figures(p);
      return { x: p.t, text: f ? `${when(p)}: ${f.count} ops, p50 ${formatMillis(f.p50Ms)} · p95 ${formatMillis(f.p95Ms)} · p99 ${formatMillis(f.p99Ms)} · max ${formatMillis(f.maxMs)} ms, errors ${f.errors}` : `${when(p)}: none` };
    }),
    height: 260,
  });
}

/** Per stage: throughput over time, then p95/p99 over time for each operation against its budgets. */
export function renderWorkloadTimeseries(report: WorkloadReport): string {
  const parts = ['<section id="over-time"><h2>Over time</h2>',
    '<p>Every interval of every phase; the shaded ramp and warm-up are not part of the summary. Hover a chart for the figures of an interval.</p>'];
  report.stages.forEach((stage, i) => {
    parts.push(`<h3>${escapeHtml(stageLabel(stage, i))}</h3>`);
    parts.push(`<div class="charts">${renderFigure(throughputChart(stage, i), undefined, 'wide')}</div>`);
    parts.push(`<div class="charts">${stage.operations.map((op) => renderFigure(latencyChart(stage, i, op))).join('')}</div>`);
  });
  parts.push('</section>');
  return parts.join('\n');
}
