import type { BenchReport } from '../../src/bench/report/bench-report.js';
import { benchChartIds } from '../../src/report/html/render-bench-html.js';
import { workloadChartIds } from '../../src/report/html/render-workload-html.js';
import type { WorkloadReport } from '../../src/workload/report/workload-report.js';

/** Every chart a workload report with a sweep, RLS figures and history must draw, by data-chart id. */
export function expectedWorkloadCharts(report: WorkloadReport): string[] {
  const names = report.stages[0]!.operations.map((op) => op.name);
  return [
    ...report.stages.flatMap((stage, i) => [workloadChartIds.throughput(i + 1), ...stage.operations.map((op) => workloadChartIds.latency(i + 1, op.name))]),
    ...names.map((name) => workloadChartIds.distribution(name)),
    workloadChartIds.sweepLatency,
    workloadChartIds.sweepThroughput,
    workloadChartIds.rlsOverhead,
    ...names.map((name) => workloadChartIds.history(name)),
  ];
}

/** Every chart a bench report draws; the baseline chart only with a comparison. */
export function expectedBenchCharts(report: BenchReport): string[] {
  return [benchChartIds.latency, benchChartIds.overhead, ...(report.comparison ? [benchChartIds.baseline] : [])];
}

export const chartIds = (page: string) => [...page.matchAll(/<svg [^>]*data-chart="([^"]*)"/g)].map((m) => m[1]!);
