import type { MeasuredSoFar } from '../run/run-stage.js';
import type { IntervalPoint } from './workload-report.js';

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** One progress line: where the run is, the last interval's throughput and p95, and the measured window's p95 and errors so far. */
export function formatProgressLine(stage: number, stages: number, users: number, point: IntervalPoint, soFar: MeasuredSoFar): string {
  const where = stages > 1 ? `stage ${stage + 1}/${stages}, ${users} users` : `${users} users`;
  const { total } = point;
  const measured = soFar.count > 0 ? `; measured so far ${soFar.count} ops, p95 ${ms(soFar.p95Ms)} ms, errors ${soFar.errors}` : '';
  return `[workload ${where}] ${point.t.toFixed(0)} s ${point.phase} (${point.activeUsers} active): ${total.throughputPerS.toFixed(1)} ops/s, p95 ${ms(total.p95Ms)} ms${measured}`;
}

/**
 * Progress on stderr while the workload runs: on a terminal the line is redrawn every interval;
 * elsewhere (CI logs) a plain line at most every 5 s, so a long run does not flood the log.
 */
export function createWorkloadProgress(out: NodeJS.WritableStream & { isTTY?: boolean }, quiet: boolean) {
  const tty = out.isTTY === true;
  let lastPlain = -Infinity;
  let drawn = false;
  return {
    interval(stage: number, stages: number, users: number, point: IntervalPoint, soFar: MeasuredSoFar) {
      if (quiet) return;
      const line = formatProgressLine(stage, stages, users, point, soFar);
      if (tty) {
        out.write(`${drawn ? '\r\x1b[2K' : ''}${line}`);
        drawn = true;
        return;
      }
      const now = performance.now();
      if (now - lastPlain < 5000) return;
      lastPlain = now;
      out.write(`${line}\n`);
    },
    line(text: string) {
      if (quiet) return;
      if (drawn) out.write('\n');
      drawn = false;
      out.write(`${text}\n`);
    },
  };
}
