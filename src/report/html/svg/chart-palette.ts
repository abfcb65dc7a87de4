/**
 * Okabe-Ito's colour-blind safe palette (without its yellow, unreadable on white), then darker
 * tones: series keep their colour across charts when given the same index.
 */
export const SERIES_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#7F6D00', '#4B0092', '#8C564B', '#17BECF'] as const;
/** A total drawn over its parts. */
export const TOTAL_COLOR = '#222222';

/** The colour of the i-th series, cycling. */
export function seriesColor(index: number): string {
  return SERIES_COLORS[((index % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length]!;
}

/** Budgets a run is held to (thresholds): drawn red and dashed. */
export const BUDGET_COLOR = '#C62828';
/** Limits derived from history (regression limits): drawn dark orange with another dash. */
export const LIMIT_COLOR = '#B35C00';
/** Neutral references (x1, a marked stage): grey. */
export const REFERENCE_COLOR = '#555555';
export const AXIS_COLOR = '#444444';
export const GRID_COLOR = '#E3E3E3';
export const TEXT_COLOR = '#222222';
