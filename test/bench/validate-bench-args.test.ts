import { describe, expect, it } from 'vitest';
import { parseOnly, validateBenchNumbers } from '../../src/bench/validate-bench-args.js';

describe('bench flags', () => {
  const good = { iterations: 100, concurrency: 2, warmup: undefined, parameterSets: 24, sampleSize: 300, minRegressionMs: 0 };

  it('accepts sensible numbers', () => {
    expect(validateBenchNumbers(good)).toEqual(good);
  });

  it('names every bad number with its rule', () => {
    expect(() => validateBenchNumbers({ ...good, iterations: 0, concurrency: 1.5, minRegressionMs: -1 })).toThrow(
      /--iterations: must be an integer from 1 to 1000000, got 0\n--concurrency: must be an integer from 1 to 64, got 1\.5\n--min-regression-ms: must be a number from 0 to 1000000, got -1/,
    );
  });

  it('splits --only on commas and across repeats', () => {
    expect(parseOnly(['a,b', ' c '])).toEqual(['a', 'b', 'c']);
    expect(parseOnly(undefined)).toBeUndefined();
    expect(() => parseOnly(',')).toThrow(/--only: name at least one query/);
  });
});
