import type { ErrorCount, IntervalFigures, LatencySummary } from '../report/workload-report.js';
import type { ClassifiedError } from './classify-sql-error.js';
import { createLatencyHistogram, distribution, maxMs, meanMs, percentileMs, recordMs, type LatencyHistogram } from './latency-histogram.js';

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/** Counts and latencies of one operation (or of all of them) since the last interval. */
class IntervalWindow {
  readonly histogram = createLatencyHistogram();
  errors = 0;

  figures(seconds: number): IntervalFigures {
    const count = this.histogram.totalCount;
    return {
      count,
      errors: this.errors,
      throughputPerS: round3(count / seconds),
      p50Ms: percentileMs(this.histogram, 50),
      p95Ms: percentileMs(this.histogram, 95),
      p99Ms: percentileMs(this.histogram, 99),
      maxMs: maxMs(this.histogram),
    };
  }

  reset(): void {
    this.histogram.reset();
    this.errors = 0;
  }
}

/**
 * Everything recorded about one operation in one stage. Each completion goes into the interval's
 * histogram (the time series, every phase) and, once the warm-up is over, into the measured one.
 * Failed operations count with their latency too: a timeout that took 5 s is part of what users saw.
 */
export class OperationRecorder {
  readonly measured: LatencyHistogram = createLatencyHistogram();
  private readonly interval = new IntervalWindow();
  private errorCount = 0;
  private rowCount = 0;
  private violations = 0;
  private readonly errorsByState = new Map<string, { label: string; count: number; example: string }>();

  constructor(readonly name: string) {}

  record(ms: number, measuring: boolean, outcome: { rows: number; isolationViolations: number } | { error: ClassifiedError }): void {
    recordMs(this.interval.histogram, ms);
    if ('error' in outcome) this.interval.errors += 1;
    if (!measuring) return;
    recordMs(this.measured, ms);
    if ('error' in outcome) {
      this.errorCount += 1;
      const { sqlState, label, message } = outcome.error;
      const seen = this.errorsByState.get(sqlState) ?? { label, count: 0, example: message };
      seen.count += 1;
      this.errorsByState.set(sqlState, seen);
    } else {
      this.rowCount += outcome.rows;
      this.violations += outcome.isolationViolations;
    }
  }

  /** The measured window so far, for progress: operations, their p95 and errors. */
  soFar(): { count: number; p95Ms: number; errors: number } {
    return { count: this.measured.totalCount, p95Ms: percentileMs(this.measured, 95), errors: this.errorCount };
  }

  /** The interval's figures, and a fresh interval. */
  takeInterval(seconds: number): IntervalFigures {
    const figures = this.interval.figures(seconds);
    this.interval.reset();
    return figures;
  }

  summary(measuredS: number): LatencySummary & { errorsBySqlState: ErrorCount[]; distribution: { percentile: number; ms: number }[]; rows: number; isolationViolations: number } {
    const h = this.measured;
    return {
      count: h.totalCount,
      errors: this.errorCount,
      throughputPerS: round3(measuredS > 0 ? h.totalCount / measuredS : 0),
      meanMs: meanMs(h),
      p50Ms: percentileMs(h, 50),
      p90Ms: percentileMs(h, 90),
      p95Ms: percentileMs(h, 95),
      p99Ms: percentileMs(h, 99),
      maxMs: maxMs(h),
      errorsBySqlState: [...this.errorsByState]
        .map(([sqlState, e]) => ({ sqlState, label: e.label, count: e.count, example: e.example }))
        .sort((a, b) => b.count - a.count || a.sqlState.localeCompare(b.sqlState)),
      distribution: distribution(h),
      rows: this.rowCount,
      isolationViolations: this.violations,
    };
  }
}
