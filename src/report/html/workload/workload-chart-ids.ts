/**
 * The data-chart ids of the workload report's charts, in one place so the renderer, its tests and
 * anything that links into a report agree. Stages are numbered from 1 in run order.
 */
export const workloadChartIds = {
  throughput: (stage: number) => `throughput-stage-${stage}`,
  latency: (stage: number, operation: string) => `latency-stage-${stage}-${operation}`,
  distribution: (operation: string) => `distribution-${operation}`,
  sweepLatency: 'sweep-latency',
  sweepThroughput: 'sweep-throughput',
  rlsOverhead: 'rls-overhead',
  history: (operation: string) => `history-${operation}`,
} as const;
