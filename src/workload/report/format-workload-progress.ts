import type { IntervalPoint } from './workload-report.js';

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** One progress line: where the run is, and the interval's throughput, p95 and errors. */
export function formatProgressLine(stage: number, stages: number, users: number, point: IntervalPoint): string {
  const where = stages > 1 ? `stage ${stage + 1}/${stages}, ${users} users` : `${users} users`;
  const { total } = point;
  return `[workload ${where}] ${point.t.toFixed(0)} s ${point.phase} (${point.activeUsers} active): ${total.throughputPerS.toFixed(1)} ops/s, p95 ${ms(total.p95Ms)} ms, p99 ${ms(total.p99Ms)} ms, errors ${total.errors}`;
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
    interval(stage: number, stages: number, users: number, point: IntervalPoint) {
      if (quiet) return;
      const line = formatProgressLine(stage, stages, users, point);
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
