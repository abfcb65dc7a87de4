import { describe, expect, it } from 'vitest';
import type { BenchReport, QueryResult } from '../../src/bench/report/bench-report.js';
import { compareBaseline } from '../../src/bench/report/compare-baseline.js';

// Only the fields the comparison reads.
function report(p95: Record<string, number | null>, settings: Record<string, string> = {}): BenchReport {
  const queries = Object.entries(p95).map(([name, p95Ms]) => ({ name, rls: p95Ms === null ? null : { stats: { p95Ms } } }) as unknown as QueryResult);
  return {
    startedAt: '2025-01-01T00:00:00Z',
    data: { profile: 'ci', seed: '42', generatorVersion: '1' },
    options: { iterations: 100, concurrency: 2 },
    environment: { serverVersion: '17', settings },
    queries,
  } as unknown as BenchReport;
}

describe('compareBaseline', () => {
  it('flags a p95 more than 20% worse, and only that', () => {
    const result = compareBaseline(report({ a: 12.1, b: 11.9, c: 3 }), report({ a: 10, b: 10, c: 3 }), 'base.json');
    expect(result.regressed).toEqual(['a']);
    expect(result.queries.map((q) => [q.name, q.change])).toEqual([
      ['a', 0.21],
      ['b', 0.19],
      ['c', 0],
    ]);
  });

  it('passes an identical baseline and treats queries it lacks as new', () => {
    const result = compareBaseline(report({ a: 5, d: 1 }), report({ a: 5 }), 'base.json');
    expect(result.regressed).toEqual([]);
    expect(result.queries.find((q) => q.name === 'd')?.status).toBe('new');
  });

  it('counts a query that fails now but ran before as regressed', () => {
    expect(compareBaseline(report({ a: null }), report({ a: 5 }), 'base.json').regressed).toEqual(['a']);
  });

  it('ignores changes under the noise floor when one is set', () => {
    expect(compareBaseline(report({ a: 0.3 }), report({ a: 0.2 }), 'base.json', 0.5).regressed).toEqual([]);
    expect(compareBaseline(report({ a: 0.3 }), report({ a: 0.2 }), 'base.json').regressed).toEqual(['a']);
  });

  it('warns when the runs differ in settings', () => {
    const result = compareBaseline(report({ a: 1 }, { work_mem: '4096' }), report({ a: 1 }, { work_mem: '1024' }), 'base.json');
    expect(result.warnings).toEqual(['setting work_mem differs: baseline 1024, this run 4096']);
  });
});
