/** Latency figures of one query in one mode, in milliseconds. */
export interface TimingStats {
  readonly count: number;
  readonly minMs: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/** The nearest-rank percentile (q in (0, 1]) of ascending values: an observed value, never interpolated. */
export function nearestRank(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] as number;
}

/** Summarizes durations (ms); rounds to the microsecond. */
export function summarizeTimings(durationsMs: readonly number[]): TimingStats {
  if (durationsMs.length === 0) throw new Error('summarizeTimings: no durations');
  const sorted = [...durationsMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    minMs: round(sorted[0] as number),
    meanMs: round(sorted.reduce((sum, d) => sum + d, 0) / sorted.length),
    p50Ms: round(nearestRank(sorted, 0.5)),
    p95Ms: round(nearestRank(sorted, 0.95)),
    p99Ms: round(nearestRank(sorted, 0.99)),
    maxMs: round(sorted[sorted.length - 1] as number),
  };
}
