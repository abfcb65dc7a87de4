import type { BenchReport } from './bench-report.js';
import { verdictLabel } from './decide-verdict.js';
import { formatChange, formatMs, formatOverhead } from './format-ms.js';

/** The per-query summary as cells, shared by the terminal table and bench.md (which links names). */
export function summaryCells(report: BenchReport, linkName: (name: string) => string = (name) => name) {
  const compared = report.comparison !== null;
  const changes = new Map(report.comparison?.queries.map((q) => [q.name, q]) ?? []);
  const header = ['query', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'threshold', 'RLS overhead (p50)', ...(compared ? ['p95 vs baseline'] : []), 'verdict'];
  const rows = report.queries.map((query) => {
    const stats = query.rls?.stats;
    const change = changes.get(query.name);
    return [
      linkName(query.name),
      formatMs(stats?.p50Ms),
      formatMs(stats?.p95Ms),
      formatMs(stats?.p99Ms),
      formatMs(stats?.maxMs),
      `${query.thresholdMs} ms`,
      formatOverhead(query.overhead),
      ...(compared ? [change?.status === 'compared' ? formatChange(change.change) : (change?.status ?? '-')] : []),
      verdictLabel(query, report.verdict),
    ];
  });
  return { header, rows };
}
