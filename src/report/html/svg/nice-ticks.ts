/** Axis ticks at round numbers: the axis spans [min, max], ticks every step. */
export interface NiceTicks {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly values: readonly number[];
  /** Decimals that show every tick exactly (0 for steps >= 1). */
  readonly decimals: number;
}

/** The nice number nearest to (round) or at least (ceil) x: 1, 2, 2.5, 5 or 10 times a power of ten. */
function niceNumber(x: number, round: boolean): number {
  const exponent = Math.floor(Math.log10(x));
  const fraction = x / 10 ** exponent;
  const nice = round
    ? fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10
    : fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * 10 ** exponent;
}

/**
 * About `count` ticks at round numbers covering [min, max] (Heckbert's "nice numbers for graph
 * labels"), so axes read 0, 50, 100, 150 rather than 0, 47.3, 94.6.
 *
 * @example
 * niceTicks(0, 93) // { min: 0, max: 100, step: 20, values: [0, 20, 40, 60, 80, 100], decimals: 0 }
 */
export function niceTicks(min: number, max: number, count = 5): NiceTicks {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return niceTicks(0, 1, count);
  if (max < min) return niceTicks(max, min, count);
  // a flat series still gets an axis around its value
  if (max === min) return max === 0 ? niceTicks(0, 1, count) : niceTicks(Math.min(0, min), Math.max(0, max) + Math.abs(max) * 0.1, count);
  const step = niceNumber(niceNumber(max - min, false) / Math.max(1, count - 1), true);
  const low = Math.floor(min / step + 1e-9) * step;
  const high = Math.ceil(max / step - 1e-9) * step;
  const decimals = decimalsOf(step);
  const values: number[] = [];
  for (let i = 0; low + i * step <= high + step * 1e-9; i++) values.push(Number((low + i * step).toFixed(decimals)));
  return { min: Number(low.toFixed(decimals)), max: Number(high.toFixed(decimals)), step, values, decimals };
}

/** Decimals of a nice step (0.25 -> 2, 2.5 -> 1, 50 -> 0). */
function decimalsOf(step: number): number {
  if (step >= 1 && Number.isInteger(Number(step.toPrecision(3)))) return 0;
  let decimals = 0;
  while (decimals < 12 && Math.abs(Number(step.toFixed(decimals)) - step) > step * 1e-6) decimals++;
  return decimals;
}
