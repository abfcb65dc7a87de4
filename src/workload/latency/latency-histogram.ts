import hdr from 'hdr-histogram-js';

/**
 * Latencies are recorded in microseconds into HdrHistograms: fixed memory however many operations
 * a run makes, mergeable across intervals and stages, 3 significant digits (0.1% error).
 */
export type LatencyHistogram = hdr.Histogram;

// One hour in microseconds: anything slower is recorded as an hour (autoResize keeps it exact anyway).
const HIGHEST_US = 3_600_000_000;

export function createLatencyHistogram(): LatencyHistogram {
  return hdr.build({ bitBucketSize: 'packed', lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3 });
}

export function recordMs(histogram: LatencyHistogram, ms: number): void {
  histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
}

/** Milliseconds at a percentile (0..100), rounded to microseconds; 0 for an empty histogram. */
export function percentileMs(histogram: LatencyHistogram, percentile: number): number {
  if (histogram.totalCount === 0) return 0;
  return histogram.getValueAtPercentile(percentile) / 1000;
}

export function maxMs(histogram: LatencyHistogram): number {
  return histogram.totalCount === 0 ? 0 : histogram.maxValue / 1000;
}

export function meanMs(histogram: LatencyHistogram): number {
  return histogram.totalCount === 0 ? 0 : Math.round(histogram.mean) / 1000;
}

/** Percentiles for the distribution chart, spaced in "nines" as HdrHistogram plots them. */
export const DISTRIBUTION_PERCENTILES = [0, 10, 25, 50, 75, 90, 95, 97.5, 99, 99.5, 99.9, 99.95, 99.99, 100] as const;

export function distribution(histogram: LatencyHistogram): { percentile: number; ms: number }[] {
  if (histogram.totalCount === 0) return [];
  return DISTRIBUTION_PERCENTILES.map((percentile) => ({
    percentile,
    ms: percentile === 0 ? histogram.minNonZeroValue / 1000 : percentile === 100 ? maxMs(histogram) : percentileMs(histogram, percentile),
  }));
}
