import type { StageResult, WorkloadReport } from './workload-report.js';

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

function stageTable(stage: StageResult): string[] {
  const header = '| operation | kind | count | ops/s | p50 ms | p95 ms | p99 ms | max ms | errors | budget p95 | |';
  const lines = [header, '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|'];
  for (const op of stage.operations) {
    lines.push(`| ${op.name} | ${op.kind} | ${op.count} | ${op.throughputPerS.toFixed(1)} | ${ms(op.p50Ms)} | ${ms(op.p95Ms)} | ${ms(op.p99Ms)} | ${ms(op.maxMs)} | ${op.errors} | ${op.thresholds.p95Ms ?? '-'} | ${op.failures.length > 0 ? 'FAIL' : 'ok'} |`);
  }
  const t = stage.total;
  lines.push(`| **all** | | ${t.count} | ${t.throughputPerS.toFixed(1)} | ${ms(t.p50Ms)} | ${ms(t.p95Ms)} | ${ms(t.p99Ms)} | ${ms(t.maxMs)} | ${t.errors} | | |`);
  return lines;
}

/** The summary printed on stdout: per stage a table of operations, then the sweep, the writes and the verdict. */
export function formatWorkloadTable(report: WorkloadReport): string {
  const out: string[] = [];
  for (const stage of report.stages) {
    const loop = stage.rate === null ? 'closed loop' : `open loop at ${stage.rate}/s (late ${stage.total.late}, dropped ${stage.total.dropped})`;
    out.push('', `${stage.users} users, ${loop}, ${stage.measuredS.toFixed(0)} s measured:`, '', ...stageTable(stage));
  }
  if (report.stages.length > 1) {
    out.push('', 'Sweep (users: ops/s, p95 ms):', ...report.sweep.points.map((p) => `  ${String(p.users).padStart(4)}: ${p.throughputPerS.toFixed(1)} ops/s, p95 ${ms(p.p95Ms)}`));
    out.push(report.sweep.bend ? `Latency bends at ${report.sweep.bend.users} users: ${report.sweep.bend.reason}` : 'Latency does not bend within the sweep.');
  }
  out.push('', report.writes.message);
  out.push(report.verdict.passed ? 'Verdict: pass' : `Verdict: FAIL\n${report.verdict.failures.map((f) => `  - ${f}`).join('\n')}`);
  return `${out.join('\n')}\n`;
}
