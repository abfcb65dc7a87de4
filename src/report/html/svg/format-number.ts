/** Thousands grouped with commas, without Intl, so output is the same bytes on every machine and locale. */
function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A number with a fixed count of decimals and grouped thousands.
 *
 * @example
 * formatNumber(12345.678, 1) // '12,345.7'
 */
export function formatNumber(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return '-';
  const fixed = Math.abs(value).toFixed(decimals);
  const [integer, fraction] = fixed.split('.');
  const sign = value < 0 && Number(fixed) !== 0 ? '-' : '';
  return `${sign}${group(integer!)}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Milliseconds with as many decimals as their size deserves (0.123, 12.3, 1,234), as bench.md shows them. */
export function formatMillis(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  return formatNumber(ms, ms < 10 ? 2 : ms < 100 ? 1 : 0);
}

/**
 * A figure someone chose (a budget, a tolerance) as they wrote it: 40, 0.5, 1.25; never padded
 * like a measurement, so a budget of 40 ms does not read as 40.0.
 */
export function formatGiven(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** A rate per second: one decimal below 100, none above. */
export function formatRate(perSecond: number): string {
  return formatNumber(perSecond, perSecond < 100 ? 1 : 0);
}

/** A share 0..1 as a percentage with two decimals: 0.0123 -> '1.23%'. */
export function formatPercent(share: number): string {
  return `${formatNumber(share * 100, 2)}%`;
}
