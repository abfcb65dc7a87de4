import { escapeHtml } from '../escape-html.js';
import { BUDGET_COLOR, LIMIT_COLOR, REFERENCE_COLOR } from './chart-palette.js';
import { FONT_SIZE, type LegendItem, type PlotArea } from './chart-frame.js';
import { estimateTextWidth } from './estimate-text-width.js';
import { px } from './linear-scale.js';
import { spreadLabels } from './spread-labels.js';

/** budget: a threshold that decides the verdict; limit: one derived from history; reference: context only. */
export const REFERENCE_KINDS = ['budget', 'limit', 'reference'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** A horizontal line across the plot at a value, dashed and labelled (a threshold, a limit). */
export interface ReferenceLine {
  readonly value: number;
  readonly label: string;
  readonly kind: ReferenceKind;
}

const STYLE: Readonly<Record<ReferenceKind, { color: string; dash: string; mark: LegendItem['mark'] }>> = {
  budget: { color: BUDGET_COLOR, dash: '6 4', mark: 'dashed' },
  limit: { color: LIMIT_COLOR, dash: '2 3', mark: 'dotted' },
  reference: { color: REFERENCE_COLOR, dash: '4 4', mark: 'dashed' },
};

export function referenceColor(kind: ReferenceKind): string {
  return STYLE[kind].color;
}

/** Legend entries for lines; a line outside the axis says so, rather than squashing the data to fit it. */
export function referenceLegend(lines: readonly ReferenceLine[], visible: (line: ReferenceLine) => boolean): LegendItem[] {
  return lines.map((line) => ({ label: visible(line) ? line.label : `${line.label} (off the scale)`, color: STYLE[line.kind].color, mark: STYLE[line.kind].mark }));
}

/**
 * Draws each line inside the plot with its label above its right end; labels of close lines are
 * pushed apart so none overprints another. Lines outside the axis are not drawn (the legend names them).
 */
export function renderReferenceLines(lines: readonly ReferenceLine[], y: (value: number) => number, area: PlotArea): string {
  const shown = lines.filter((line) => y(line.value) >= area.top - 0.5 && y(line.value) <= area.bottom + 0.5);
  const labelY = spreadLabels(shown.map((line) => y(line.value) - 4), FONT_SIZE + 2, area.top + FONT_SIZE, area.bottom - 2);
  return shown
    .map((line, i) => {
      const style = STYLE[line.kind];
      const at = px(y(line.value));
      // a pale backing keeps the label readable where a series runs through it
      const width = estimateTextWidth(line.label, FONT_SIZE) + 6;
      const backing = `<rect x="${px(area.right - 4 - width + 3)}" y="${px(labelY[i]! - FONT_SIZE + 1)}" width="${px(width)}" height="${FONT_SIZE + 2}" fill="#FFFFFF" fill-opacity="0.85"/>`;
      return `<g class="reference ${line.kind}"><title>${escapeHtml(line.label)}</title>` +
        `<line x1="${px(area.left)}" y1="${at}" x2="${px(area.right)}" y2="${at}" stroke="${style.color}" stroke-width="1.5" stroke-dasharray="${style.dash}"/>${backing}` +
        `<text x="${px(area.right - 4)}" y="${px(labelY[i]!)}" text-anchor="end" fill="${style.color}" stroke="#FFFFFF" stroke-width="3" paint-order="stroke">${escapeHtml(line.label)}</text></g>`;
    })
    .join('');
}
