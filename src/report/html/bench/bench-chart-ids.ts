/** The data-chart ids of the bench report's charts. */
export const benchChartIds = {
  latency: 'bench-latency',
  overhead: 'bench-overhead',
  baseline: 'bench-baseline',
} as const;
