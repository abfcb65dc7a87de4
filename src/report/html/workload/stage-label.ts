import type { StageResult } from '../../../workload/report/workload-report.js';
import { formatNumber } from '../svg/format-number.js';

/** "stage 2: 40 users" or, open loop, "stage 2: 40 users at 120 ops/s". */
export function stageLabel(stage: StageResult, index: number): string {
  return `stage ${index + 1}: ${formatNumber(stage.users)} users${stage.rate === null ? '' : ` at ${formatNumber(stage.rate, stage.rate < 10 ? 1 : 0)} ops/s`}`;
}

const PHASE_NAMES = { ramp: 'ramp', warmup: 'warm-up', measure: 'measured' } as const;

/** The phase as a reader names it. */
export function phaseName(phase: keyof typeof PHASE_NAMES): string {
  return PHASE_NAMES[phase];
}
