import type { IntervalPoint } from '../report/workload-report.js';

/** The phases of a stage in seconds: users start over the ramp, the warm-up is run but not counted, then the measured window. */
export interface StagePhases {
  readonly rampS: number;
  readonly warmupS: number;
  readonly durationS: number;
}

/** Times relative to the stage's start, in milliseconds of performance.now(). */
export class StageClock {
  readonly startedAt = performance.now();
  readonly measureFromMs: number;
  readonly endMs: number;

  constructor(readonly phases: StagePhases) {
    this.measureFromMs = (phases.rampS + phases.warmupS) * 1000;
    this.endMs = this.measureFromMs + phases.durationS * 1000;
  }

  /** Milliseconds since the stage started. */
  now(): number {
    return performance.now() - this.startedAt;
  }

  /** Whether an operation that started at `at` (stage ms) counts in the figures. */
  isMeasured(at: number): boolean {
    return at >= this.measureFromMs && at < this.endMs;
  }

  phaseAt(at: number): IntervalPoint['phase'] {
    if (at <= this.phases.rampS * 1000) return 'ramp';
    return at <= this.measureFromMs ? 'warmup' : 'measure';
  }
}

/** Resolves after `ms`, or at once when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
