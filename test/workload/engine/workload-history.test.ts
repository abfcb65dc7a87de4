import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendHistory, compareWithHistory, readHistory } from '../../../src/workload/history/workload-history.js';
import type { HistoryEntry } from '../../../src/workload/report/workload-report.js';

const entry = (p95Ms: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  startedAt: '2026-11-30T10:00:00.000Z',
  commit: 'abc',
  label: null,
  medseedVersion: '0.1.0',
  profile: 'ci',
  seed: '42',
  server: 'PostgreSQL 17',
  settings: {},
  users: 16,
  rate: null,
  operations: { patient_timeline: { p95Ms, p99Ms: p95Ms * 2, throughputPerS: 100, errorRate: 0 } },
  ...overrides,
});

describe('workload history', () => {
  it('appends one line per run and reads them back in order', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'medseed-history-'));
    appendHistory(dir, entry(10));
    appendHistory(dir, entry(11));
    expect(readHistory(dir).map((e) => e.operations.patient_timeline?.p95Ms)).toEqual([10, 11]);
    expect(readFileSync(path.join(dir, 'history.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('names the line of a history file that does not parse', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'medseed-history-'));
    writeFileSync(path.join(dir, 'history.jsonl'), `${JSON.stringify(entry(10))}\nnot json\n`);
    expect(() => readHistory(dir)).toThrow(/history.jsonl:2: not a workload history entry/);
  });

  it('sets no limit with fewer than 3 comparable earlier runs', () => {
    const { section, regressions } = compareWithHistory('h', [entry(10), entry(10)], entry(50));
    expect(section.limits.patient_timeline).toBeNull();
    expect(regressions).toEqual([]);
  });

  it('flags a p95 more than 20% above the median of comparable runs, and only comparable ones count', () => {
    const earlier = [entry(10), entry(12), entry(11), entry(500, { users: 64 }), entry(500, { profile: '10x' })];
    const { section, regressions } = compareWithHistory('h', earlier, entry(14));
    expect(section.limits.patient_timeline).toBeCloseTo(13.2, 6);
    expect(section.runs).toHaveLength(4);
    expect(regressions).toHaveLength(1);
    expect(regressions[0]).toContain('patient_timeline: p95 14.00 ms regressed');
    expect(compareWithHistory('h', earlier, entry(13)).regressions).toEqual([]);
  });

  it('ignores sub-millisecond noise on fast operations', () => {
    const { regressions, section } = compareWithHistory('h', [entry(0.5), entry(0.5), entry(0.5)], entry(0.9));
    expect(section.limits.patient_timeline).toBe(1.5);
    expect(regressions).toEqual([]);
  });
});
