import type { WorkloadReport } from '../../workload/report/workload-report.js';
import { renderPage } from './page-shell.js';
import { renderWorkloadDistributions } from './workload/workload-distribution-section.js';
import { renderWorkloadErrors } from './workload/workload-errors-section.js';
import { renderWorkloadHeader } from './workload/workload-header-section.js';
import { renderWorkloadHistory } from './workload/workload-history-section.js';
import { renderWorkloadRlsOverhead } from './workload/workload-rls-section.js';
import { renderWorkloadSummary } from './workload/workload-summary-section.js';
import { renderWorkloadSweep } from './workload/workload-sweep-section.js';
import { renderWorkloadTimeseries } from './workload/workload-timeseries-section.js';
import { renderWorkloadWrites } from './workload/workload-writes-section.js';

export { workloadChartIds } from './workload/workload-chart-ids.js';

/**
 * report.html of `medseed workload`: one self-contained page (inline CSS and SVG, no script, nothing
 * fetched) drawn from the same WorkloadReport as workload.json. Pure: the same report gives the same bytes.
 *
 * @example
 * writeFileSync(path.join(out, 'report.html'), renderWorkloadHtml(report));
 */
export function renderWorkloadHtml(report: WorkloadReport): string {
  const body = [
    renderWorkloadHeader(report),
    renderWorkloadSummary(report),
    renderWorkloadTimeseries(report),
    renderWorkloadDistributions(report),
    renderWorkloadErrors(report),
    renderWorkloadSweep(report),
    renderWorkloadRlsOverhead(report.rlsOverhead),
    renderWorkloadWrites(report.writes),
    renderWorkloadHistory(report),
  ].filter(Boolean).join('\n');
  return renderPage({ title: `medseed workload: ${report.data.profile}, ${report.verdict.passed ? 'PASS' : 'FAIL'}`, body });
}
