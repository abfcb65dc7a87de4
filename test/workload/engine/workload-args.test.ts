import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/errors.js';
import { parseThresholdFlags, parseUsers, validateWorkloadNumbers } from '../../../src/workload/validate-workload-args.js';

const NUMBERS = { durationS: 30, warmupS: 5, rampS: 5, intervalS: 1, thinkTimeMs: undefined, rate: undefined, lateAfterMs: 10, maxQueueMs: 10_000, statementTimeoutMs: 30_000, sampleSize: 1000 };

describe('workload flags', () => {
  it('takes one user count or an ascending sweep', () => {
    expect(parseUsers('16')).toEqual([16]);
    expect(parseUsers('1,8,32,64')).toEqual([1, 8, 32, 64]);
    expect(parseUsers(' 1, 8 ')).toEqual([1, 8]);
  });

  it.each([['0'], ['abc'], ['1,,8'], ['8,1'], ['4,4'], ['1.5'], ['1001'], ['']])('refuses --users %j with the form to use', (value) => {
    expect(() => parseUsers(value)).toThrow(UsageError);
    expect(() => parseUsers(value)).toThrow(/--users/);
  });

  it('names every bad number at once, with its range', () => {
    const error = (() => {
      try {
        validateWorkloadNumbers({ ...NUMBERS, durationS: 0, rate: -1, sampleSize: 2.5 });
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted bad numbers');
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error.message).toContain('--duration: must be a number from 1 to 86400, got 0');
    expect(error.message).toContain('--rate: must be a number from 0.01');
    expect(error.message).toContain('--sample-size: must be an integer');
  });

  it('refuses an interval longer than the measured window', () => {
    expect(() => validateWorkloadNumbers({ ...NUMBERS, durationS: 2, intervalS: 5 })).toThrow(/--interval 5 is longer than --duration 2/);
  });

  it('reads per-operation budgets, and a bare error rate for every operation', () => {
    const known = ['patient_timeline', 'note_saved'];
    expect(parseThresholdFlags({ maxP95: 'patient_timeline=80', maxP99: ['note_saved=300'], maxErrorRate: '0.05' }, known)).toEqual({
      patient_timeline: { p95Ms: 80, errorRate: 0.05 },
      note_saved: { p99Ms: 300, errorRate: 0.05 },
    });
  });

  it('refuses a budget for an unknown operation, without a name, or out of range', () => {
    const known = ['patient_timeline'];
    expect(() => parseThresholdFlags({ maxP95: 'patient_timelin=80' }, known)).toThrow(/no operation "patient_timelin"; operations are patient_timeline/);
    expect(() => parseThresholdFlags({ maxP95: '80' }, known)).toThrow(/name the operation, e.g. --max-p95 patient_timeline=80/);
    expect(() => parseThresholdFlags({ maxErrorRate: 'patient_timeline=2' }, known)).toThrow(/a rate from 0 to 1/);
    expect(() => parseThresholdFlags({ maxP99: 'patient_timeline=fast' }, known)).toThrow(/--max-p99 patient_timeline=fast: expected name=ms/);
  });
});
