import { describe, expect, it } from 'vitest';
import { findBend } from '../../../src/workload/report/find-bend.js';

const point = (users: number, throughputPerS: number, p95Ms: number) => ({ users, throughputPerS, p50Ms: p95Ms / 2, p95Ms, p99Ms: p95Ms * 2, errors: 0 });

describe('where latency bends in a sweep', () => {
  it('is nowhere while throughput grows with users and p95 holds', () => {
    expect(findBend([point(1, 10, 5), point(8, 78, 6), point(32, 300, 8)])).toBeNull();
  });

  it('is the first stage whose p95 more than doubles the first stage\'s', () => {
    expect(findBend([point(1, 10, 5), point(8, 78, 9), point(32, 300, 11), point(64, 590, 30)])).toEqual({
      users: 32,
      reason: 'p95 11.0 ms is 2.2x the 1-user p95 (5.0 ms)',
    });
  });

  it('is where added users stop adding throughput (saturation)', () => {
    const bend = findBend([point(1, 100, 5), point(8, 790, 6), point(32, 900, 9)]);
    expect(bend?.users).toBe(32);
    expect(bend?.reason).toContain('raised throughput only x1.14');
  });

  it('needs two stages', () => {
    expect(findBend([point(8, 80, 5)])).toBeNull();
  });
});
