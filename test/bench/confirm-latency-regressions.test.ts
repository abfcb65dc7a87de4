import { describe, expect, it } from 'vitest';
import { confirmLatencyRegressions } from '../../src/bench/compare/confirm-latency-regressions.js';
import type { QueryComparison } from '../../src/bench/compare/compare-query.js';
import type { BaselineComparison } from '../../src/bench/report/compare-baseline.js';

const latency = (ratio: number, regressed: boolean) => ({ method: 'mann-whitney' as const, baselineMs: 1, currentMs: ratio, ratio, controlRatio: 1, pValue: regressed ? 1e-6 : 0.4, regressed });

function query(name: string, evidence: { plan?: boolean; buffers?: boolean; latency?: boolean }): QueryComparison {
  const reasons = [evidence.plan ? 'plan under RLS no longer uses index i' : '', evidence.latency ? 'median under RLS 1.00 -> 1.90 ms' : ''].filter(Boolean);
  return {
    name,
    status: 'compared',
    baselineP95Ms: 1,
    currentP95Ms: 2,
    change: 1,
    regressed: reasons.length > 0 || evidence.buffers === true,
    reasons,
    notes: [],
    plan: { changed: evidence.plan ?? false, lostIndexes: [], newSeqScans: [], newFlags: [], regressed: evidence.plan ?? false },
    buffers: { source: 'explain', baseline: 10, current: 10, controlGrowth: 0, excess: 0, regressed: evidence.buffers ?? false },
    latency: latency(evidence.latency ? 1.9 : 1, evidence.latency ?? false),
  };
}

function comparison(queries: QueryComparison[]): BaselineComparison {
  return { queries, regressed: queries.filter((q) => q.regressed).map((q) => q.name) } as unknown as BaselineComparison;
}

describe('confirmLatencyRegressions', () => {
  const first = comparison([query('burst', { latency: true }), query('slow', { latency: true }), query('plan', { plan: true, latency: true }), query('fine', {})]);

  it('measures again only the queries whose regression rests on latency alone, and keeps those that reproduce', async () => {
    const asked: string[][] = [];
    const result = await confirmLatencyRegressions(first, async (names) => {
      asked.push([...names]);
      return [query('burst', {}), query('slow', { latency: true })];
    });
    expect(asked).toEqual([['burst', 'slow']]);
    expect(result.regressed).toEqual(['slow', 'plan']);
    const burst = result.queries.find((q) => q.name === 'burst')!;
    expect(burst.reasons).toEqual([]);
    expect(burst.notes).toEqual([expect.stringMatching(/^median under RLS 1\.00 -> 1\.90 ms: not confirmed by a second measurement \(median under RLS .*\), a transient slowdown; not counted$/)]);
    expect(result.queries.find((q) => q.name === 'slow')!.reasons).toEqual(['median under RLS 1.00 -> 1.90 ms', expect.stringMatching(/^confirmed by a second measurement: median under RLS/)]);
  });

  it('does not measure again when nothing rests on latency alone', async () => {
    const plain = comparison([query('plan', { plan: true, latency: true }), query('fine', {})]);
    expect(await confirmLatencyRegressions(plain, async () => expect.unreachable())).toBe(plain);
  });
});
