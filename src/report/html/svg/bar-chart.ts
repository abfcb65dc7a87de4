import { escapeHtml } from '../escape-html.js';
import { BUDGET_COLOR, seriesColor } from './chart-palette.js';
import { CLOSE_CHART, FONT_SIZE, LEGEND_TOP, openChart, renderLegend, renderXAxis, type LegendItem, type PlotArea } from './chart-frame.js';
import { estimateTextWidth, truncateText } from './estimate-text-width.js';
import { formatNumber } from './format-number.js';
import { linearScale, px } from './linear-scale.js';
import { niceTicks } from './nice-ticks.js';
import { referenceColor, referenceLegend, type ReferenceLine } from './reference-lines.js';

export interface BarGroup {
  readonly name: string;
  readonly color?: string;
}

/** One row of bars: a value per group (null: not measured), and its own threshold marker. */
export interface BarCategory {
  readonly label: string;
  readonly values: readonly (number | null)[];
  readonly threshold?: number | null;
}

export interface BarChartSpec {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly valueLabel: string;
  readonly groups: readonly BarGroup[];
  readonly categories: readonly BarCategory[];
  /** Legend text of the per-category threshold marks. */
  readonly thresholdLabel?: string;
  /** Vertical lines across every category (x1 for a ratio, a common budget). */
  readonly references?: readonly ReferenceLine[];
  readonly formatValue?: (value: number) => string;
  readonly width?: number;
}

const BAR = 13;
const BAR_GAP = 2;
const CATEGORY_PAD = 10;
const MAX_LABEL_WIDTH = 230;
const VALUE_ROOM = 64;

/**
 * Horizontal grouped bars, one row per category (query, operation), one bar per group (under RLS,
 * as owner), each bar labelled with its value, and a red mark at the category's threshold.
 * Horizontal, so long query names stay readable; the height grows with the categories.
 *
 * @example
 * renderBarChart({ id: 'p95', title: 'p95', valueLabel: 'ms', groups: [{ name: 'rls' }], categories: [{ label: 'q', values: [3], threshold: 5 }] })
 */
export function renderBarChart(spec: BarChartSpec): string {
  const width = spec.width ?? 720;
  const format = spec.formatValue ?? ((value: number) => formatNumber(value, value < 10 ? 2 : 1));
  const references = spec.references ?? [];
  const values = spec.categories.flatMap((c) => [...c.values, c.threshold ?? null]).filter((v): v is number => v !== null && Number.isFinite(v));
  const ticks = niceTicks(0, Math.max(0, ...values, ...references.map((r) => r.value)));
  const hasThresholds = spec.categories.some((c) => c.threshold !== undefined && c.threshold !== null);
  const legendItems: LegendItem[] = [
    ...spec.groups.map((g, i) => ({ label: g.name, color: g.color ?? seriesColor(i), mark: 'bar' as const })),
    ...(hasThresholds ? [{ label: spec.thresholdLabel ?? 'threshold', color: BUDGET_COLOR, mark: 'tick' as const }] : []),
    ...referenceLegend(references, () => true),
  ];
  const labelWidth = Math.min(MAX_LABEL_WIDTH, Math.max(40, ...spec.categories.map((c) => estimateTextWidth(c.label, FONT_SIZE))));
  const left = 8 + labelWidth + 10;
  const legend = renderLegend(legendItems, 8, width - 12, LEGEND_TOP);
  const rowHeight = spec.groups.length * (BAR + BAR_GAP) - BAR_GAP + CATEGORY_PAD * 2;
  const top = LEGEND_TOP + legend.height + 10;
  const area: PlotArea = { left, top, right: width - VALUE_ROOM, bottom: top + Math.max(1, spec.categories.length) * rowHeight };
  const height = area.bottom + 44;
  const x = linearScale([ticks.min, ticks.max], [area.left, area.right]);

  const parts = [openChart(spec, width, height), legend.svg];
  parts.push(renderXAxis(ticks.values.map((value) => ({ value, label: formatNumber(value, ticks.decimals) })), x, area, spec.valueLabel, true));
  spec.categories.forEach((category, row) => {
    const rowTop = area.top + row * rowHeight;
    const shown = truncateText(category.label, labelWidth, FONT_SIZE);
    parts.push(`<g class="category"><text x="${px(left - 10)}" y="${px(rowTop + rowHeight / 2)}" dy="0.32em" text-anchor="end"><title>${escapeHtml(category.label)}</title>${escapeHtml(shown)}</text>`);
    category.values.forEach((value, i) => {
      const group = spec.groups[i];
      if (!group) return;
      const y = rowTop + CATEGORY_PAD + i * (BAR + BAR_GAP);
      const tip = `${category.label}, ${group.name}: ${value === null ? 'not measured' : format(value)}`;
      if (value === null || !Number.isFinite(value)) {
        parts.push(`<text x="${px(area.left + 4)}" y="${px(y + BAR / 2)}" dy="0.32em" font-size="11" fill="#777777"><title>${escapeHtml(tip)}</title>not measured</text>`);
        return;
      }
      const end = x(Math.max(0, value));
      parts.push(`<rect x="${px(area.left)}" y="${px(y)}" width="${px(Math.max(1, end - area.left))}" height="${BAR}" fill="${group.color ?? seriesColor(i)}"><title>${escapeHtml(tip)}</title></rect>`);
      parts.push(`<text x="${px(end + 4)}" y="${px(y + BAR / 2)}" dy="0.32em" font-size="11">${escapeHtml(format(value))}</text>`);
    });
    if (category.threshold !== undefined && category.threshold !== null) {
      const at = px(x(category.threshold));
      const label = `${category.label}: ${spec.thresholdLabel ?? 'threshold'} ${format(category.threshold)}`;
      parts.push(`<line x1="${at}" y1="${px(rowTop + 3)}" x2="${at}" y2="${px(rowTop + rowHeight - 3)}" stroke="${BUDGET_COLOR}" stroke-width="3"><title>${escapeHtml(label)}</title></line>`);
    }
    parts.push('</g>');
  });
  for (const reference of references) {
    const at = px(x(reference.value));
    parts.push(`<g class="reference ${reference.kind}"><title>${escapeHtml(reference.label)}</title><line x1="${at}" y1="${px(area.top)}" x2="${at}" y2="${px(area.bottom)}" stroke="${referenceColor(reference.kind)}" stroke-width="1.5" stroke-dasharray="4 4"/></g>`);
  }
  parts.push(CLOSE_CHART);
  return parts.join('');
}
