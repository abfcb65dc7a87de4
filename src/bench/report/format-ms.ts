/** Milliseconds with as many decimals as their size deserves: 0.123, 12.3, 123. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '-';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** RLS overhead as "x1.25, +0.08 ms". */
export function formatOverhead(overhead: { ratio: number; ms: number } | null): string {
  if (!overhead) return '-';
  return `x${overhead.ratio.toFixed(2)}, ${overhead.ms >= 0 ? '+' : ''}${formatMs(overhead.ms)} ms`;
}

/** A relative change as "+12.3%". */
export function formatChange(change: number | null): string {
  if (change === null) return '-';
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
}
