import { describe, expect, it } from 'vitest';
import { renderWorkloadHtml, workloadChartIds } from '../../src/report/html/render-workload-html.js';
import { SUMMARY_HEADER } from '../../src/report/html/workload/workload-summary-section.js';
import type { WorkloadReport } from '../../src/workload/report/workload-report.js';
import { sampleWorkloadReport } from '../support/sample-workload-report.js';
import { chartIds, expectedWorkloadCharts } from './expected-charts.js';
import { showsFigure, tableCells } from './html-table-cells.js';

const report = sampleWorkloadReport();
const html = renderWorkloadHtml(report);


describe('renderWorkloadHtml', () => {
  it('draws every chart once, each an accessible image with a title', () => {
    const expected = expectedWorkloadCharts(report);
    expect(expected).toHaveLength(2 * 7 + 6 + 3 + 6);
    expect(chartIds(html).sort()).toEqual([...expected].sort());
    for (const svg of html.match(/<svg [^>]*>/g)!) expect(svg).toMatch(/ role="img"/);
    expect(html.match(/<svg [^>]*><title>[^<]+<\/title>/g)).toHaveLength(expected.length);
  });

  it('shows in each summary table the figures of the JSON', () => {
    report.stages.forEach((stage, s) => {
      const [header, ...rows] = tableCells(html, `summary-stage-${s + 1}`);
      expect(header).toEqual([...SUMMARY_HEADER]);
      const column = (name: string) => header!.indexOf(name);
      expect(rows.map((row) => row[0])).toEqual([...stage.operations.map((op) => op.name), 'all operations']);
      stage.operations.forEach((op, i) => {
        const row = rows[i]!;
        const checks: [string, number, number?][] = [
          ['count', op.count], ['ops/s', op.throughputPerS], ['p50 ms', op.p50Ms], ['p90 ms', op.p90Ms], ['p95 ms', op.p95Ms],
          ['p99 ms', op.p99Ms], ['max ms', op.maxMs], ['errors', op.errors], ['error rate', op.errors / op.count, 100],
        ];
        for (const [name, figure, scale] of checks) expect(showsFigure(row[column(name)]!, figure, scale), `${stage.users} users, ${op.name}, ${name}: ${row[column(name)]} vs ${figure}`).toBe(true);
        expect(row[column('result')]).toBe(op.failures.length === 0 ? 'pass' : 'FAIL');
      });
      const total = rows[rows.length - 1]!;
      expect(showsFigure(total[column('count')]!, stage.total.count)).toBe(true);
      expect(showsFigure(total[column('p95 ms')]!, stage.total.p95Ms)).toBe(true);
    });
  });

  it('states the verdict with every failure, in red', () => {
    expect(report.verdict.passed).toBe(false);
    const verdict = /<div class="verdict fail" data-verdict="fail">([^]*?)<\/div>/.exec(html)![1]!;
    for (const failure of report.verdict.failures) expect(verdict).toContain(failure);
  });

  it('lists every error by SQLSTATE', () => {
    const [, ...rows] = tableCells(html, 'errors');
    const expected = report.stages.flatMap((stage) => stage.operations.flatMap((op) => op.errorsBySqlState.map((e) => [String(stage.users), op.name, e.sqlState, e.label, String(e.count)])));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((row) => row.slice(0, 5))).toEqual(expected);
  });

  it('keeps a hostile operation name as text, in tables, titles and chart ids alike', () => {
    const hostile = '<script>alert("x")</script>&';
    const renamed = JSON.parse(JSON.stringify(report).replaceAll('note_search', hostile.replace(/"/g, '\\"'))) as WorkloadReport;
    const page = renderWorkloadHtml(renamed);
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;');
    expect(chartIds(page)).toContain(`distribution-${'&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;'}`);
    expect(tableCells(page, 'summary-stage-1').map((row) => row[0])).toContain(hostile);
  });

  it('references nothing outside itself: no URL, no src, no script', () => {
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('gives the same bytes for the same report', () => {
    expect(renderWorkloadHtml(sampleWorkloadReport())).toBe(html);
  });

  it('leaves out what the report does not hold, and says so for a single stage', () => {
    const single: WorkloadReport = { ...report, stages: report.stages.slice(0, 1), sweep: { points: report.sweep.points.slice(0, 1), bend: null }, rlsOverhead: null, history: null };
    const page = renderWorkloadHtml(single);
    const ids = chartIds(page);
    expect(ids).not.toContain(workloadChartIds.rlsOverhead);
    expect(ids).not.toContain(workloadChartIds.sweepLatency);
    expect(ids.filter((id) => id.startsWith('history-'))).toEqual([]);
    expect(page).toContain('One stage only');
  });
});
