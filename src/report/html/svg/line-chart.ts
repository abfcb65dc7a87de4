import { escapeHtml } from '../escape-html.js';
import { REFERENCE_COLOR, seriesColor } from './chart-palette.js';
import { CLOSE_CHART, LEGEND_TOP, openChart, renderLegend, renderXAxis, renderYAxis, yLabelWidth, type AxisTick, type ChartIdentity, type LegendItem, type PlotArea } from './chart-frame.js';
import { estimateTextWidth } from './estimate-text-width.js';
import { formatNumber } from './format-number.js';
import { linearScale, px } from './linear-scale.js';
import { niceTicks } from './nice-ticks.js';
import { referenceLegend, renderReferenceLines, type ReferenceLine } from './reference-lines.js';

export interface LinePoint {
  readonly x: number;
  /** null leaves a gap (no sample in that interval). */
  readonly y: number | null;
}

export interface LineSeries {
  readonly name: string;
  readonly points: readonly LinePoint[];
  /** Defaults to the palette colour of the series' position. */
  readonly color?: string;
  readonly dashed?: boolean;
}

/** A shaded stretch of the x axis (ramp, warm-up), labelled at its top. */
export interface XBand {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

/** A labelled vertical line (the sweep's bend). */
export interface XMarker {
  readonly x: number;
  readonly label: string;
}

export interface LineChartSpec extends ChartIdentity {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** Horizontal dashed lines: budgets, regression limits. */
  readonly references?: readonly ReferenceLine[];
  readonly bands?: readonly XBand[];
  readonly markers?: readonly XMarker[];
  /** Fixed x ticks (labelled runs, nines); default: nice numbers over the data. */
  readonly xTicks?: readonly AxisTick[];
  readonly xDomain?: readonly [number, number];
  /** Start the x axis at zero (users, rates), not at the smallest x. */
  readonly xFromZero?: boolean;
  /** Formats y tick labels; default: the ticks' own decimals. */
  readonly formatY?: (value: number, decimals: number) => string;
  /** Draw a dot at each point (sparse series: sweeps, history). */
  readonly dots?: boolean;
  /** One tooltip per x: hovering anywhere over that column of the plot shows the text. */
  readonly columnTips?: readonly { readonly x: number; readonly text: string }[];
  readonly width?: number;
  readonly height?: number;
}

// A budget far above the data would squash every line into the floor: past this multiple it is named, not drawn.
const MAX_REFERENCE_STRETCH = 4;

/** The series as one path, broken at missing values; a point alone between gaps is a zero-length piece, drawn as a dot by the round cap. */
function pathOf(points: readonly LinePoint[], x: (v: number) => number, y: (v: number) => number): string {
  const pieces: string[][] = [[]];
  for (const point of points) {
    if (point.y === null || !Number.isFinite(point.y)) {
      if (pieces[pieces.length - 1]!.length > 0) pieces.push([]);
      continue;
    }
    pieces[pieces.length - 1]!.push(`${px(x(point.x))} ${px(y(point.y))}`);
  }
  return pieces
    .filter((piece) => piece.length > 0)
    .map((piece) => (piece.length === 1 ? `M${piece[0]}h0` : `M${piece.join('L')}`))
    .join('');
}

/**
 * A multi-series line chart as inline SVG: nice-number axes, a wrapping legend, optional shaded
 * bands, labelled vertical markers and dashed horizontal reference lines, tooltips by <title>.
 * Deterministic: the same spec gives the same bytes.
 *
 * @example
 * renderLineChart({ id: 'tput', title: 'Throughput', xLabel: 's', yLabel: 'ops/s', series: [{ name: 'total', points: [{ x: 5, y: 120 }] }] })
 */
export function renderLineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 720;
  const height = spec.height ?? 300;
  const points = spec.series.flatMap((s) => s.points);
  const ys = points.map((p) => p.y).filter((v): v is number => v !== null && Number.isFinite(v));
  const dataMax = Math.max(0, ...ys);
  const references = spec.references ?? [];
  const drawable = (line: ReferenceLine) => line.value >= 0 && (dataMax === 0 || line.value <= dataMax * MAX_REFERENCE_STRETCH);
  const yTop = Math.max(dataMax, ...references.filter(drawable).map((line) => line.value * 1.08));
  const yNice = niceTicks(0, yTop);
  const formatY = spec.formatY ?? ((value: number, decimals: number) => formatNumber(value, decimals));
  const yTicks = yNice.values.map((value) => ({ value, label: formatY(value, yNice.decimals) }));

  const xs = points.map((p) => p.x).concat((spec.markers ?? []).map((m) => m.x));
  const xNice = niceTicks(Math.min(...xs, spec.xDomain?.[0] ?? Infinity, spec.xFromZero ? 0 : Infinity), Math.max(...xs, spec.xDomain?.[1] ?? -Infinity), 7);
  const xDomain: [number, number] = spec.xDomain ? [spec.xDomain[0], spec.xDomain[1]] : [xNice.min, xNice.max];
  const xTicks = spec.xTicks ?? xNice.values.map((value) => ({ value, label: formatNumber(value, xNice.decimals) }));

  const legendItems: LegendItem[] = [
    ...spec.series.map((s, i) => ({ label: s.name, color: s.color ?? seriesColor(i), mark: (s.dashed ? 'dashed' : 'line') as LegendItem['mark'] })),
    ...referenceLegend(references, drawable),
  ];
  const left = 8 + 18 + yLabelWidth(yTicks) + 8;
  const legend = renderLegend(legendItems, left, width - 12, LEGEND_TOP);
  const area: PlotArea = { left, top: LEGEND_TOP + legend.height + 10, right: width - 16, bottom: height - 44 };
  const x = linearScale(xDomain, [area.left, area.right]);
  const y = linearScale([yNice.min, yNice.max], [area.bottom, area.top]);

  const parts = [openChart(spec, width, height), legend.svg];
  for (const band of spec.bands ?? []) {
    const x0 = Math.max(area.left, x(band.from));
    const x1 = Math.min(area.right, x(band.to));
    if (x1 <= x0) continue;
    const fits = estimateTextWidth(band.label, 11) + 6 <= x1 - x0;
    parts.push(`<g class="band"><title>${escapeHtml(band.label)}</title><rect x="${px(x0)}" y="${px(area.top)}" width="${px(x1 - x0)}" height="${px(area.bottom - area.top)}" fill="#F1F1F1"/>` +
      (fits ? `<text x="${px(x0 + 4)}" y="${px(area.top + 13)}" font-size="11" fill="#666666">${escapeHtml(band.label)}</text>` : '') + '</g>');
  }
  parts.push(renderYAxis(yTicks, y, area, spec.yLabel), renderXAxis(xTicks, x, area, spec.xLabel));
  for (const marker of spec.markers ?? []) {
    const at = x(marker.x);
    const anchorEnd = at + estimateTextWidth(marker.label, 11) + 8 > area.right;
    parts.push(`<g class="marker"><title>${escapeHtml(marker.label)}</title><line x1="${px(at)}" y1="${px(area.top)}" x2="${px(at)}" y2="${px(area.bottom)}" stroke="${REFERENCE_COLOR}" stroke-width="1.5" stroke-dasharray="4 4"/>` +
      `<text x="${px(anchorEnd ? at - 4 : at + 4)}" y="${px(area.top + 13)}" font-size="11" text-anchor="${anchorEnd ? 'end' : 'start'}" fill="${REFERENCE_COLOR}" stroke="#FFFFFF" stroke-width="3" paint-order="stroke">${escapeHtml(marker.label)}</text></g>`);
  }
  // references under the data: a label may hide part of a line, never the newest point
  parts.push(renderReferenceLines(references.filter(drawable), y, area));
  spec.series.forEach((series, i) => {
    const color = series.color ?? seriesColor(i);
    const dash = series.dashed ? ' stroke-dasharray="6 3"' : '';
    const d = pathOf(series.points, x, y);
    parts.push(`<g class="series"><title>${escapeHtml(series.name)}</title>` + (d ? `<path d="${d}" fill="none" stroke="${color}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${dash}/>` : ''));
    if (spec.dots) {
      for (const point of series.points) {
        if (point.y === null || !Number.isFinite(point.y)) continue;
        parts.push(`<circle cx="${px(x(point.x))}" cy="${px(y(point.y))}" r="3.5" fill="${color}"><title>${escapeHtml(`${series.name}: ${formatNumber(point.y, point.y < 10 ? 2 : 1)}`)}</title></circle>`);
      }
    }
    parts.push('</g>');
  });
  parts.push(renderColumnTips(spec.columnTips ?? [], x, area));
  parts.push(CLOSE_CHART);
  return parts.join('');
}

/** Transparent columns between the midpoints of successive xs, each with its own <title>. */
function renderColumnTips(tips: readonly { x: number; text: string }[], x: (v: number) => number, area: PlotArea): string {
  if (tips.length === 0) return '';
  const sorted = [...tips].sort((a, b) => a.x - b.x);
  const parts = sorted.map((tip, i) => {
    const at = x(tip.x);
    const from = i === 0 ? Math.max(area.left, at - (x(sorted[1]?.x ?? tip.x) - at) / 2) : (x(sorted[i - 1]!.x) + at) / 2;
    const to = i === sorted.length - 1 ? Math.min(area.right, at + (at - x(sorted[i - 1]?.x ?? tip.x)) / 2) : (at + x(sorted[i + 1]!.x)) / 2;
    const left = Math.max(area.left, Math.min(from, to));
    const right = Math.min(area.right, Math.max(from, to, left + 2));
    return `<rect x="${px(left)}" y="${px(area.top)}" width="${px(right - left)}" height="${px(area.bottom - area.top)}" fill="#000000" fill-opacity="0"><title>${escapeHtml(tip.text)}</title></rect>`;
  });
  return `<g class="tips">${parts.join('')}</g>`;
}
