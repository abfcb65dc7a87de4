import type { OperationSummary, WorkloadReport } from '../../../workload/report/workload-report.js';
import { renderFigure } from '../html-table.js';
import { renderLatencyDistributionChart } from '../svg/latency-distribution-chart.js';
import { workloadChartIds } from './workload-chart-ids.js';
import { budgetLines } from './workload-timeseries-section.js';

/** Per operation, its latency at every percentile, one line per stage, against its budgets. */
export function renderWorkloadDistributions(report: WorkloadReport): string {
  const names: string[] = [];
  for (const stage of report.stages) for (const op of stage.operations) if (!names.includes(op.name)) names.push(op.name);
  const charts = names.map((name) => {
    const found = report.stages.map((stage) => ({ stage, op: stage.operations.find((op) => op.name === name) }));
    const budgetsOf = found.map((f) => f.op).filter((op): op is OperationSummary => op !== undefined);
    return renderFigure(renderLatencyDistributionChart({
      id: workloadChartIds.distribution(name),
      title: `${name}: latency by percentile`,
      series: found.filter((f) => f.op).map((f) => ({ name: `${f.stage.users} users`, points: f.op!.distribution })),
      references: budgetLines(budgetsOf[budgetsOf.length - 1]!),
      height: 260,
    }));
  });
  return ['<section id="distribution"><h2>Latency distribution</h2>',
    '<p>Latency at each percentile of the measured window, one line per stage. The percentile axis counts nines, as HdrHistogram plots do: equal room for 90→99% and 99→99.9%.</p>',
    `<div class="charts">${charts.join('')}</div>`, '</section>'].join('\n');
}
