import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/html/escape-html.js';
import { renderBarChart } from '../../src/report/html/svg/bar-chart.js';
import { formatNumber } from '../../src/report/html/svg/format-number.js';
import { ninesOf, renderLatencyDistributionChart } from '../../src/report/html/svg/latency-distribution-chart.js';
import { renderLineChart } from '../../src/report/html/svg/line-chart.js';
import { niceTicks } from '../../src/report/html/svg/nice-ticks.js';
import { spreadLabels } from '../../src/report/html/svg/spread-labels.js';

const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>(?:<title>[^<]*<\/title>)?([^<]*)</g)].map((m) => m[1]);

describe('the SVG chart kit', () => {
  it('puts axis ticks at nice numbers that cover the data', () => {
    expect(niceTicks(0, 93).values).toEqual([0, 25, 50, 75, 100]);
    expect(niceTicks(0, 2500).values).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    expect(niceTicks(0, 0.37).values).toEqual([0, 0.1, 0.2, 0.3, 0.4]);
    expect(niceTicks(0, 1.234)).toMatchObject({ values: [0, 0.5, 1, 1.5], decimals: 1 });
    expect(niceTicks(0, 0).values.length).toBeGreaterThan(1);
    expect(niceTicks(5, 5).max).toBeGreaterThan(5);
  });

  it('formats numbers without the locale, and escapes text', () => {
    expect(formatNumber(1234567.891, 2)).toBe('1,234,567.89');
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('moves close labels apart, in order, within bounds', () => {
    expect(spreadLabels([100, 102, 50], 14, 0, 300)).toEqual([100, 114, 50]);
    expect(spreadLabels([295, 298], 14, 0, 300)).toEqual([286, 300]);
  });

  it('lays the percentile axis out in nines, with the maximum one step past the last', () => {
    expect([0, 90, 99, 99.9].map((p) => Math.round(ninesOf(p) * 1e9) / 1e9 + 0)).toEqual([0, 1, 2, 3]);
    const svg = renderLatencyDistributionChart({
      id: 'd', title: 'read', references: [{ value: 8, label: 'p95 budget 8 ms', kind: 'budget' }],
      series: [{ name: 'read', points: [{ percentile: 0, ms: 1 }, { percentile: 50, ms: 2 }, { percentile: 90, ms: 4 }, { percentile: 99, ms: 7 }, { percentile: 99.9, ms: 9 }, { percentile: 100, ms: 12 }] }],
    });
    expect(texts(svg)).toEqual(expect.arrayContaining(['0%', '50%', '90%', '99%', '99.9%', 'max', 'p95 budget 8 ms']));
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it('breaks a line where a value is missing, and names a budget far off the scale instead of squashing the data', () => {
    const svg = renderLineChart({
      id: 'l', title: 'p95', xLabel: 's', yLabel: 'ms',
      series: [{ name: 'p95', points: [{ x: 5, y: 3 }, { x: 10, y: 4 }, { x: 15, y: null }, { x: 20, y: 5 }] }],
      references: [{ value: 500, label: 'p95 budget 500 ms', kind: 'budget' }],
    });
    const path = /<path d="([^"]+)"/.exec(svg)![1]!;
    // two pieces; the lone last point is a zero-length piece, which the round cap draws as a dot
    expect(path.split('M').slice(1)).toEqual([expect.stringMatching(/^[\d.]+ [\d.]+L[\d.]+ [\d.]+$/), expect.stringMatching(/^[\d.]+ [\d.]+h0$/)]);
    expect(svg).toContain('stroke-linecap="round"');
    expect(texts(svg)).toContain('p95 budget 500 ms (off the scale)');
    expect(svg).not.toContain('<g class="reference');
  });

  it('draws a bar per value with its label, a threshold mark per category, and the same bytes twice', () => {
    const spec = { id: 'b', title: 'p95', valueLabel: 'ms', groups: [{ name: 'rls' }, { name: 'owner' }], categories: [{ label: 'q1', values: [3, 2], threshold: 5 }, { label: 'q2', values: [null, 1] as (number | null)[], threshold: null }] };
    const svg = renderBarChart(spec);
    expect(svg.match(/<rect [^>]*height="13"/g)).toHaveLength(3);
    expect(texts(svg)).toEqual(expect.arrayContaining(['q1', 'q2', '3.00', '2.00', '1.00', 'not measured']));
    expect(svg.match(/stroke-width="3"><title>q1: threshold 5.00<\/title>/g)).toHaveLength(1);
    expect(renderBarChart(spec)).toBe(svg);
  });
});
