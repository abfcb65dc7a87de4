import { escapeHtml } from '../escape-html.js';
import { AXIS_COLOR, GRID_COLOR, TEXT_COLOR } from './chart-palette.js';
import { estimateTextWidth } from './estimate-text-width.js';
import { px } from './linear-scale.js';

export const FONT_SIZE = 12;
export const TITLE_SIZE = 13;
const LEGEND_ROW = 18;
const LEGEND_SWATCH = 22;

/** What every chart of the kit carries: an id for tests and links, a title for people and screen readers. */
export interface ChartIdentity {
  /** Goes into data-chart; unique within a page. */
  readonly id: string;
  readonly title: string;
  /** A longer sentence for screen readers and tooltips: what is drawn and how to read it. */
  readonly description?: string;
}

/** Pixel bounds of the plotting area inside the chart. */
export interface PlotArea {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export type LegendMark = 'line' | 'dashed' | 'dotted' | 'bar' | 'band' | 'tick';

export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly mark: LegendMark;
}

/** A labelled tick on an axis. */
export interface AxisTick {
  readonly value: number;
  readonly label: string;
}

/**
 * The opening of a chart: inline SVG sized by its viewBox (CSS scales it to the page width), with
 * role="img" and a <title> (the accessible name and the tooltip) and the visible title drawn in it.
 */
export function openChart(chart: ChartIdentity, width: number, height: number): string {
  const title = escapeHtml(chart.title);
  const description = chart.description ? `<desc>${escapeHtml(chart.description)}</desc>` : '';
  return (
    `<svg class="chart" data-chart="${escapeHtml(chart.id)}" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif" font-size="${FONT_SIZE}" fill="${TEXT_COLOR}">` +
    `<title>${title}</title>${description}` +
    `<text x="8" y="17" font-size="${TITLE_SIZE}" font-weight="600">${title}</text>`
  );
}

export const CLOSE_CHART = '</svg>';

/** Where the legend starts: under the title. */
export const LEGEND_TOP = 28;

function legendMark(item: LegendItem, x: number, y: number): string {
  const mid = y - 4;
  switch (item.mark) {
    case 'bar':
    case 'band':
      return `<rect x="${px(x)}" y="${px(mid - 5)}" width="14" height="10" fill="${item.color}"${item.mark === 'band' ? ' stroke="#BBBBBB"' : ''}/>`;
    case 'tick':
      return `<line x1="${px(x + 7)}" y1="${px(mid - 6)}" x2="${px(x + 7)}" y2="${px(mid + 6)}" stroke="${item.color}" stroke-width="3"/>`;
    default: {
      const dash = item.mark === 'dashed' ? ' stroke-dasharray="6 4"' : item.mark === 'dotted' ? ' stroke-dasharray="2 3"' : '';
      return `<line x1="${px(x)}" y1="${px(mid)}" x2="${px(x + 16)}" y2="${px(mid)}" stroke="${item.color}" stroke-width="2"${dash}/>`;
    }
  }
}

/** The legend as rows that wrap within [left, right]; returns its SVG and the height it takes. */
export function renderLegend(items: readonly LegendItem[], left: number, right: number, top: number): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  let x = left;
  let row = 0;
  const parts: string[] = [];
  for (const item of items) {
    const width = LEGEND_SWATCH + estimateTextWidth(item.label, FONT_SIZE) + 14;
    if (x > left && x + width > right) {
      x = left;
      row++;
    }
    const y = top + 12 + row * LEGEND_ROW;
    parts.push(`<g class="legend-item">${legendMark(item, x, y)}<text x="${px(x + LEGEND_SWATCH - 2)}" y="${px(y)}">${escapeHtml(item.label)}</text></g>`);
    x += width;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: (row + 1) * LEGEND_ROW };
}

/** Horizontal grid lines, tick labels left of the plot, and the axis label written upwards. */
export function renderYAxis(ticks: readonly AxisTick[], y: (value: number) => number, area: PlotArea, label: string): string {
  const parts = ticks.map((tick) => {
    const at = px(y(tick.value));
    return `<line x1="${px(area.left)}" y1="${at}" x2="${px(area.right)}" y2="${at}" stroke="${GRID_COLOR}"/>` +
      `<text x="${px(area.left - 6)}" y="${at}" dy="0.32em" text-anchor="end">${escapeHtml(tick.label)}</text>`;
  });
  const middle = (area.top + area.bottom) / 2;
  parts.push(`<line x1="${px(area.left)}" y1="${px(area.top)}" x2="${px(area.left)}" y2="${px(area.bottom)}" stroke="${AXIS_COLOR}"/>`);
  parts.push(`<text transform="translate(12 ${px(middle)}) rotate(-90)" text-anchor="middle" fill="${AXIS_COLOR}">${escapeHtml(label)}</text>`);
  return `<g class="y-axis">${parts.join('')}</g>`;
}

/**
 * Tick marks and labels under the plot, and the axis label. Labels that would overprint their left
 * neighbour are left out (their tick stays), so dense axes stay readable.
 */
export function renderXAxis(ticks: readonly AxisTick[], x: (value: number) => number, area: PlotArea, label: string, grid = false): string {
  const parts: string[] = [];
  let lastRight = -Infinity;
  for (const tick of ticks) {
    const at = x(tick.value);
    if (grid) parts.push(`<line x1="${px(at)}" y1="${px(area.top)}" x2="${px(at)}" y2="${px(area.bottom)}" stroke="${GRID_COLOR}"/>`);
    parts.push(`<line x1="${px(at)}" y1="${px(area.bottom)}" x2="${px(at)}" y2="${px(area.bottom + 5)}" stroke="${AXIS_COLOR}"/>`);
    const half = estimateTextWidth(tick.label, FONT_SIZE) / 2;
    if (at - half < lastRight + 6) continue;
    lastRight = at + half;
    parts.push(`<text x="${px(at)}" y="${px(area.bottom + 18)}" text-anchor="middle">${escapeHtml(tick.label)}</text>`);
  }
  parts.push(`<line x1="${px(area.left)}" y1="${px(area.bottom)}" x2="${px(area.right)}" y2="${px(area.bottom)}" stroke="${AXIS_COLOR}"/>`);
  parts.push(`<text x="${px((area.left + area.right) / 2)}" y="${px(area.bottom + 36)}" text-anchor="middle" fill="${AXIS_COLOR}">${escapeHtml(label)}</text>`);
  return `<g class="x-axis">${parts.join('')}</g>`;
}

/** The width the y tick labels need, so the plot starts right after them. */
export function yLabelWidth(ticks: readonly AxisTick[]): number {
  return Math.max(...ticks.map((tick) => estimateTextWidth(tick.label, FONT_SIZE)), 10);
}
