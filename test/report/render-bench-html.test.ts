import { describe, expect, it } from 'vitest';
import type { BenchReport } from '../../src/bench/report/bench-report.js';
import { renderBenchHtml } from '../../src/report/html/render-bench-html.js';
import { chartIds, expectedBenchCharts } from './expected-charts.js';
import { showsFigure, tableCells } from './html-table-cells.js';
import { sampleBenchReport } from './sample-bench-report.js';

const report = sampleBenchReport({ withBaseline: true });
const html = renderBenchHtml(report);

describe('renderBenchHtml', () => {
  it('draws the latency, overhead and baseline charts; no baseline chart without a baseline', () => {
    expect(chartIds(html)).toEqual(expectedBenchCharts(report));
    expect(expectedBenchCharts(report)).toHaveLength(3);
    const alone = sampleBenchReport();
    expect(chartIds(renderBenchHtml(alone))).toEqual(expectedBenchCharts(alone));
    expect(expectedBenchCharts(alone)).toHaveLength(2);
  });

  it("shows each query's figures as bench.json holds them, and its verdict", () => {
    const [header, ...rows] = tableCells(html, 'bench-summary');
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((row) => row[0])).toEqual(report.queries.map((q) => q.name));
    report.queries.forEach((query, i) => {
      const row = rows[i]!;
      for (const [name, figure] of [['p50 ms', query.rls!.stats.p50Ms], ['p95 ms', query.rls!.stats.p95Ms], ['p99 ms', query.rls!.stats.p99Ms], ['max ms', query.rls!.stats.maxMs]] as const) {
        expect(showsFigure(row[column(name)]!, figure), `${query.name} ${name}: ${row[column(name)]} vs ${figure}`).toBe(true);
      }
    });
    const verdicts = Object.fromEntries(rows.map((row) => [row[0], row[column('verdict')]]));
    expect(verdicts).toMatchObject({ note_search: 'OVER THRESHOLD', open_tasks: 'REGRESSED', patient_timeline: 'ok' });
  });

  it('compares with the baseline query by query', () => {
    const [, ...rows] = tableCells(html, 'bench-baseline');
    expect(rows.map((row) => [row[0], row[4]])).toEqual(report.comparison!.queries.map((q) => [q.name, q.regressed ? 'REGRESSED' : 'no']));
    expect(report.comparison!.regressed).toEqual(['open_tasks']);
  });

  it('keeps a hostile query name as text, references nothing outside, and is deterministic', () => {
    const hostile = JSON.parse(JSON.stringify(report).replaceAll('open_tasks', '<script src=x>')) as BenchReport;
    const page = renderBenchHtml(hostile);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script src=x&gt;');
    expect(html).not.toMatch(/https?:\/\/|\ssrc\s*=|<script|<link|<img|url\(/i);
    expect(renderBenchHtml(sampleBenchReport({ withBaseline: true }))).toBe(html);
  });
});
