import { describe, expect, it } from 'vitest';
import { nearestRank, summarizeTimings } from '../../src/bench/measure/summarize-timings.js';

describe('summarizeTimings', () => {
  it('uses nearest-rank percentiles, which are observed values', () => {
    const durations = Array.from({ length: 100 }, (_, i) => i + 1); // 1..100 ms
    expect(summarizeTimings(durations.reverse())).toEqual({ count: 100, minMs: 1, meanMs: 50.5, p50Ms: 50, p95Ms: 95, p99Ms: 99, maxMs: 100 });
  });

  it('takes the top value when there are few samples', () => {
    expect(nearestRank([1, 2, 3], 0.95)).toBe(3);
    expect(nearestRank([1, 2, 3], 0.5)).toBe(2);
    expect(summarizeTimings([0.12345678]).p99Ms).toBe(0.123);
  });
});
