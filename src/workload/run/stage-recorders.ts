import type { ClassifiedError } from '../latency/classify-sql-error.js';
import { OperationRecorder } from '../latency/operation-recorder.js';
import type { IntervalFigures } from '../report/workload-report.js';

export const TOTAL = '*';

/** One recorder per operation plus one for all of them together, for one stage. */
export class StageRecorders {
  readonly total = new OperationRecorder(TOTAL);
  readonly byOperation = new Map<string, OperationRecorder>();

  constructor(names: readonly string[]) {
    for (const name of names) this.byOperation.set(name, new OperationRecorder(name));
  }

  record(name: string, ms: number, measured: boolean, outcome: { rows: number; isolationViolations: number } | { error: ClassifiedError }): void {
    (this.byOperation.get(name) as OperationRecorder).record(ms, measured, outcome);
    this.total.record(ms, measured, outcome);
  }

  takeInterval(seconds: number): { total: IntervalFigures; operations: Record<string, IntervalFigures> } {
    const operations: Record<string, IntervalFigures> = {};
    for (const [name, recorder] of this.byOperation) operations[name] = recorder.takeInterval(seconds);
    return { total: this.total.takeInterval(seconds), operations };
  }
}
