import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createWorkloadProgress, formatProgressLine } from '../../../src/workload/report/format-workload-progress.js';
import type { IntervalPoint } from '../../../src/workload/report/workload-report.js';

const figures = { count: 120, errors: 1, throughputPerS: 120, p50Ms: 3, p95Ms: 12.345, p99Ms: 30, maxMs: 40 };
const point = (phase: IntervalPoint['phase'], t: number): IntervalPoint => ({ t, phase, activeUsers: 8, total: figures, operations: {} });

describe('workload progress', () => {
  it('says the interval\'s throughput and p95, and the measured window\'s p95 and errors so far', () => {
    expect(formatProgressLine(1, 4, 8, point('measure', 12), { count: 900, p95Ms: 9.5, errors: 2 })).toBe(
      '[workload stage 2/4, 8 users] 12 s measure (8 active): 120.0 ops/s, p95 12.3 ms; measured so far 900 ops, p95 9.50 ms, errors 2',
    );
    expect(formatProgressLine(0, 1, 8, point('warmup', 3), { count: 0, p95Ms: 0, errors: 0 })).toBe('[workload 8 users] 3 s warmup (8 active): 120.0 ops/s, p95 12.3 ms');
  });

  it('writes plain lines at most every 5 s when not a terminal', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const progress = createWorkloadProgress(out, false);
    for (let t = 1; t <= 3; t++) progress.interval(0, 1, 8, point('measure', t), { count: t, p95Ms: 1, errors: 0 });
    expect(text.trim().split('\n')).toHaveLength(1);
  });

  it('writes nothing with --quiet', () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const progress = createWorkloadProgress(out, true);
    progress.interval(0, 1, 8, point('measure', 1), { count: 1, p95Ms: 1, errors: 0 });
    progress.line('hello');
    expect(text).toBe('');
  });
});
