import { describe, expect, it } from 'vitest';
import { classifySqlError } from '../../../src/workload/latency/classify-sql-error.js';
import { OperationRecorder } from '../../../src/workload/latency/operation-recorder.js';

const ok = { rows: 1, isolationViolations: 0 };

describe('operation recorder', () => {
  it('gives percentiles within HdrHistogram\'s 0.1% of the recorded latencies, measured window only', () => {
    const recorder = new OperationRecorder('patient_timeline');
    for (let i = 0; i < 50; i++) recorder.record(1000, false, ok); // warm-up: left out of the figures
    for (let ms = 1; ms <= 100; ms++) recorder.record(ms, true, ok);
    const summary = recorder.summary(10);
    expect(summary.count).toBe(100);
    expect(summary.throughputPerS).toBe(10);
    expect(summary.p50Ms).toBeCloseTo(50, 0);
    expect(Math.abs(summary.p95Ms - 95) / 95).toBeLessThan(0.001);
    expect(Math.abs(summary.maxMs - 100) / 100).toBeLessThan(0.001);
    expect(summary.rows).toBe(100);
    expect(summary.distribution[0]?.percentile).toBe(0);
    expect(summary.distribution.at(-1)?.ms).toBe(summary.maxMs);
  });

  it('counts every interval, warm-up included, and starts a fresh one each time', () => {
    const recorder = new OperationRecorder('x');
    recorder.record(5, false, ok);
    recorder.record(7, true, ok);
    const first = recorder.takeInterval(2);
    expect(first.count).toBe(2);
    expect(first.throughputPerS).toBe(1);
    expect(recorder.takeInterval(1).count).toBe(0);
  });

  it('groups errors by SQLSTATE with a label and the first message', () => {
    const recorder = new OperationRecorder('note_saved');
    const rls = Object.assign(new Error('new row violates row-level security policy for table "documents"'), { code: '42501' });
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    recorder.record(3, true, { error: classifySqlError(rls) });
    recorder.record(3, true, { error: classifySqlError(rls) });
    recorder.record(9, true, { error: classifySqlError(deadlock) });
    recorder.record(9, true, { error: classifySqlError(new Error('Connection terminated unexpectedly')) });
    const summary = recorder.summary(1);
    expect(summary.errors).toBe(4);
    expect(summary.errorsBySqlState).toEqual([
      { sqlState: '42501', label: 'rls_violation', count: 2, example: 'new row violates row-level security policy for table "documents"' },
      { sqlState: '40P01', label: 'deadlock_detected', count: 1, example: 'deadlock detected' },
      { sqlState: 'client', label: 'client_error', count: 1, example: 'Connection terminated unexpectedly' },
    ]);
  });
});
