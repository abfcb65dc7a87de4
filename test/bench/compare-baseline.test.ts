import { describe, expect, it } from 'vitest';
import { summarizeTimings } from '../../src/bench/measure/summarize-timings.js';
import type { BenchReport, ModeResult, QueryResult } from '../../src/bench/report/bench-report.js';
import { compareBaseline } from '../../src/bench/report/compare-baseline.js';
import { decideVerdict, describeVerdict } from '../../src/bench/report/decide-verdict.js';
import { latencySamples } from './latency-samples.js';

const plan = (index: string) => ({ Plan: { 'Node Type': 'Index Scan', 'Index Name': index, 'Relation Name': 'tasks' } });

function mode(samples: number[], blocks = 40, index = 'tasks_assignee_id_status_due_at_idx', withSamples = true): ModeResult {
  return {
    stats: summarizeTimings(samples),
    ...(withSamples ? { samplesMs: samples } : {}),
    rows: { min: 1, max: 5 },
    plan: { parameterSet: 0, text: '', json: plan(index), planningMs: 0, executionMs: 0, rows: 1, sharedHitBlocks: blocks, sharedReadBlocks: 0, flags: [], queryId: null },
    statStatements: null,
  };
}

// Only the fields the comparison reads.
function query(name: string, rls: ModeResult | null, owner: ModeResult | null = rls, error: string | null = null): QueryResult {
  return { name, sql: { rls: `SELECT ${name}`, owner: `SELECT ${name} /* owner */` }, rls, owner, error } as unknown as QueryResult;
}

function report(queries: QueryResult[], format = 'medseed-bench/2', settings: Record<string, string> = {}): BenchReport {
  return {
    format,
    startedAt: '2025-01-01T00:00:00Z',
    data: { profile: 'ci', seed: '42', generatorVersion: '1' },
    options: { iterations: 100, concurrency: 2, interleaveRound: 10 },
    environment: { serverVersion: '17', settings, tables: { tasks: { rows: 50_000, bytes: 0 } } },
    queries,
  } as unknown as BenchReport;
}

const base = latencySamples('base', 100, 1.5);
const owner = latencySamples('owner', 100, 0.8);

describe('compareBaseline', () => {
  it('passes a run against itself and against another draw of the same distributions', () => {
    const before = report([query('a', mode(base), mode(owner))]);
    expect(compareBaseline(before, before, 'base.json').regressed).toEqual([]);
    const again = report([query('a', mode(latencySamples('again', 100, 1.5)), mode(latencySamples('again-owner', 100, 0.8)))]);
    const result = compareBaseline(again, before, 'base.json');
    expect(result.regressed).toEqual([]);
    expect(result.queries[0]).toMatchObject({ status: 'compared', regressed: false, reasons: [], latency: { method: 'mann-whitney' }, buffers: { source: 'explain' } });
  });

  it('says which evidence made a query regress', () => {
    const before = report([query('slow', mode(base), mode(owner)), query('reads', mode(base, 40), mode(owner, 10)), query('plan', mode(base), mode(owner))]);
    const now = report([
      query('slow', mode(base.map((ms) => ms * 1.4)), mode(owner)),
      query('reads', mode(base, 60), mode(owner, 10)),
      query('plan', mode(base, 40, 'tasks_patient_id_idx'), mode(owner)),
    ]);
    const result = compareBaseline(now, before, 'base.json');
    expect(result.regressed).toEqual(['slow', 'reads', 'plan']);
    expect(result.queries.map((q) => q.reasons)).toEqual([
      [expect.stringMatching(/^median under RLS 1\.\d+ -> 2\.\d+ ms \(x1\.40, p = [\d.e-]+; as owner x1\.00\)$/)],
      ['shared buffers per execution under RLS 40 -> 60 (explain; as owner +0)'],
      ['plan under RLS no longer uses index tasks_assignee_id_status_due_at_idx'],
    ]);
    const verdict = decideVerdict([], result);
    expect(describeVerdict(verdict, true)).toMatch(/regressed against the baseline .*: slow, reads, plan$/);
  });

  it('counts a query that fails now but ran before as regressed, and one the baseline lacks as new', () => {
    const result = compareBaseline(report([query('a', null, null, 'canceling statement due to statement timeout'), query('d', mode(base))]), report([query('a', mode(base))]), 'base.json');
    expect(result.queries.map((q) => [q.name, q.status, q.regressed, q.reasons])).toEqual([
      ['a', 'failed', true, ['fails now: canceling statement due to statement timeout']],
      ['d', 'new', false, []],
    ]);
  });

  it('reads a medseed-bench/1 baseline (no samples): p95 and p50 rule, with a warning', () => {
    const old = report([query('a', mode(base, 40, undefined, false), mode(owner, 10, undefined, false))], 'medseed-bench/1');
    const same = compareBaseline(report([query('a', mode(base), mode(owner))]), old, 'old.json');
    expect(same.baselineFormat).toBe('medseed-bench/1');
    expect(same.regressed).toEqual([]);
    expect(same.queries[0]?.latency).toMatchObject({ method: 'p95', pValue: null });
    expect(same.warnings).toEqual([expect.stringMatching(/^the baseline \(medseed-bench\/1\) has no per-execution samples: latency is compared by p95/)]);
    const slower = compareBaseline(report([query('a', mode(base.map((ms) => ms * 1.5)), mode(owner))]), old, 'old.json');
    expect(slower.regressed).toEqual(['a']);
    expect(slower.queries[0]?.reasons).toEqual([expect.stringMatching(/^p95 under RLS .* \(x1\.50, baseline has no samples: p95 rule; as owner x1\.00\)$/)]);
  });

  it('warns when the runs differ in settings', () => {
    const result = compareBaseline(report([query('a', mode(base))], undefined, { work_mem: '4096' }), report([query('a', mode(base))], undefined, { work_mem: '1024' }), 'base.json');
    expect(result.warnings).toEqual(['setting work_mem differs: baseline 1024, this run 4096']);
  });
});
