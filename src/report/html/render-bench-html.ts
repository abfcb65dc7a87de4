import type { BenchReport } from '../../bench/report/bench-report.js';
import { renderBenchBaseline } from './bench/bench-baseline-section.js';
import { renderBenchHeader } from './bench/bench-header-section.js';
import { renderBenchQueries } from './bench/bench-queries-section.js';
import { renderPage } from './page-shell.js';

export { benchChartIds } from './bench/bench-chart-ids.js';

/**
 * report.html of `medseed bench --out DIR`: the verdict, per query the latency under RLS and as
 * owner against its threshold, the RLS overhead, and the baseline comparison, as one self-contained
 * page (inline CSS and SVG, no script). Pure: the same report gives the same bytes.
 *
 * @example
 * writeFileSync(path.join(out, 'report.html'), renderBenchHtml(report));
 */
export function renderBenchHtml(report: BenchReport): string {
  const body = [renderBenchHeader(report), renderBenchQueries(report), renderBenchBaseline(report)].filter(Boolean).join('\n');
  return renderPage({ title: `medseed bench: ${report.data.profile}, ${report.verdict.pass ? 'PASS' : 'FAIL'}`, body });
}
