import type { AxisTick, ChartIdentity } from './chart-frame.js';
import { formatMillis } from './format-number.js';
import { renderLineChart } from './line-chart.js';
import type { ReferenceLine } from './reference-lines.js';

export interface DistributionSeries {
  readonly name: string;
  /** Latency at each percentile (0..100, ascending), as a merged histogram reports it. */
  readonly points: readonly { readonly percentile: number; readonly ms: number }[];
  readonly color?: string;
}

export interface LatencyDistributionSpec extends ChartIdentity {
  readonly series: readonly DistributionSeries[];
  /** Budgets as horizontal lines (ms). */
  readonly references?: readonly ReferenceLine[];
  readonly width?: number;
  readonly height?: number;
}

/** How many nines a percentile has: 0 -> 0, 90 -> 1, 99 -> 2, 99.9 -> 3. */
export function ninesOf(percentile: number): number {
  return -Math.log10(1 - percentile / 100);
}

/** "99.9%" for 3 nines; "0%" for none. */
function percentileLabel(nines: number): string {
  if (nines === 0) return '0%';
  if (nines === 1) return '90%';
  return nines === 2 ? '99%' : `99.${'9'.repeat(nines - 2)}%`;
}

/**
 * Latency against percentile with the percentile axis in nines (0, 90, 99, 99.9, ...), as
 * HdrHistogram's plots draw it, so the tail gets as much room as the body. The maximum
 * (percentile 100, infinitely many nines) sits one step past the last finite percentile, marked "max".
 *
 * @example
 * renderLatencyDistributionChart({ id: 'd', title: 'read latency', series: [{ name: 'read', points: [{ percentile: 50, ms: 2 }, { percentile: 99, ms: 9 }, { percentile: 100, ms: 14 }] }] })
 */
export function renderLatencyDistributionChart(spec: LatencyDistributionSpec): string {
  const finite = spec.series.flatMap((s) => s.points).filter((p) => p.percentile < 100);
  const deepest = Math.max(1, ...finite.map((p) => ninesOf(p.percentile)));
  const hasMax = spec.series.some((s) => s.points.some((p) => p.percentile >= 100));
  const top = Math.max(2, Math.floor(deepest + 1e-9) + (hasMax ? 1 : 0));
  const at = (percentile: number) => (percentile >= 100 ? top : Math.min(top, ninesOf(percentile)));
  const ticks: AxisTick[] = [{ value: 0, label: '0%' }, { value: ninesOf(50), label: '50%' }];
  for (let nines = 1; nines <= top; nines++) ticks.push({ value: nines, label: nines === top && hasMax ? 'max' : percentileLabel(nines) });

  const percentiles = [...new Set(spec.series.flatMap((s) => s.points.map((p) => p.percentile)))].sort((a, b) => a - b);
  const columnTips = percentiles.map((percentile) => ({
    x: at(percentile),
    text: `${percentile >= 100 ? 'max' : `p${percentile}`}: ` +
      spec.series.map((s) => `${s.name} ${formatMillis(s.points.find((p) => p.percentile === percentile)?.ms)} ms`).join(' · '),
  }));
  return renderLineChart({
    id: spec.id,
    title: spec.title,
    description: spec.description ?? `${spec.title}: latency (ms) at each percentile; the percentile axis is in nines (90%, 99%, 99.9%) so the tail is readable.`,
    xLabel: 'percentile (log scale of nines)',
    yLabel: 'latency (ms)',
    xTicks: ticks,
    xDomain: [0, top],
    series: spec.series.map((s) => ({ name: s.name, ...(s.color ? { color: s.color } : {}), points: s.points.map((p) => ({ x: at(p.percentile), y: p.ms })) })),
    references: spec.references ?? [],
    columnTips,
    ...(spec.width ? { width: spec.width } : {}),
    ...(spec.height ? { height: spec.height } : {}),
  });
}
