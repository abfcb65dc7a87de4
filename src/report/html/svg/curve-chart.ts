import type { ChartIdentity } from './chart-frame.js';
import { renderLineChart, type LineSeries, type XMarker } from './line-chart.js';
import type { ReferenceLine } from './reference-lines.js';

export interface CurveChartSpec extends ChartIdentity {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** A point of interest on x, e.g. the number of users where latency bends. */
  readonly marker?: XMarker | null;
  readonly references?: readonly ReferenceLine[];
  /** One tooltip per measured x. */
  readonly tips?: readonly { readonly x: number; readonly text: string }[];
}

/**
 * An x-y curve through a few measured points (latency or throughput against users): dots at the
 * measurements, the x axis from zero so a doubling looks like one, and an optional marker.
 *
 * @example
 * renderCurveChart({ id: 'sweep', title: 'p95 vs users', xLabel: 'users', yLabel: 'ms', series: [{ name: 'p95', points: [{ x: 10, y: 4 }, { x: 20, y: 9 }] }] })
 */
export function renderCurveChart(spec: CurveChartSpec): string {
  return renderLineChart({
    ...spec,
    dots: true,
    // from zero: users are a ratio scale, and twice the users should look like twice as far
    xFromZero: true,
    markers: spec.marker ? [spec.marker] : [],
    references: spec.references ?? [],
    columnTips: spec.tips ?? [],
  });
}
