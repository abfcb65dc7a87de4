import { describe, expect, it } from 'vitest';
import { formatOperationsCsv, formatTimeseriesCsv, OPERATIONS_CSV_HEADER, TIMESERIES_CSV_HEADER } from '../../src/workload/report/format-workload-csv.js';
import type { WorkloadReport } from '../../src/workload/report/workload-report.js';
import { sampleWorkloadReport } from '../support/sample-workload-report.js';

/** An RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (char === '"') quoted = false; else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') { row.push(field); field = ''; }
    else if (char === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += char;
  }
  expect(field, 'the last record ends with CRLF').toBe('');
  return rows;
}

const report = sampleWorkloadReport();

describe('workload CSV', () => {
  it('operations.csv: one row per stage and operation with the JSON figures', () => {
    const [header, ...rows] = parseCsv(formatOperationsCsv(report));
    expect(header).toEqual([...OPERATIONS_CSV_HEADER]);
    const expected = report.stages.flatMap((stage, s) => stage.operations.map((op) => ({ stage: String(s + 1), users: String(stage.users), op })));
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const record = Object.fromEntries(header!.map((name, c) => [name, row[c]]));
      const { stage, users, op } = expected[i]!;
      expect(record).toMatchObject({ stage, users, rate: '', operation: op.name, kind: op.kind, count: String(op.count), p95Ms: String(op.p95Ms), p99Ms: String(op.p99Ms), maxMs: String(op.maxMs), passed: String(op.failures.length === 0), failures: op.failures.join('; ') });
      expect(record.thresholdP99Ms).toBe(op.thresholds.p99Ms === null ? '' : String(op.thresholds.p99Ms));
    });
  });

  it('timeseries.csv: per interval a total row (*) then one per operation, every phase', () => {
    const [header, ...rows] = parseCsv(formatTimeseriesCsv(report));
    expect(header).toEqual([...TIMESERIES_CSV_HEADER]);
    const perInterval = 1 + report.stages[0]!.operations.length;
    expect(rows).toHaveLength(report.stages.reduce((sum, stage) => sum + stage.series.length * perInterval, 0));
    const point = report.stages[1]!.series[7]!;
    const first = (report.stages[0]!.series.length + 7) * perInterval;
    expect(rows[first]).toEqual(['2', String(point.t), point.phase, String(point.activeUsers), '*', ...[point.total.count, point.total.errors, point.total.throughputPerS, point.total.p50Ms, point.total.p95Ms, point.total.p99Ms, point.total.maxMs].map(String)]);
    expect(rows[first + 1]![4]).toBe(Object.keys(point.operations)[0]);
    expect(new Set(rows.map((row) => row[2]))).toEqual(new Set(['ramp', 'warmup', 'measure']));
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    const tricky = 'a,"b"\nc';
    const renamed = JSON.parse(JSON.stringify(report).replaceAll('note_saved', tricky.replace(/"/g, '\\"').replace(/\n/g, '\\n'))) as WorkloadReport;
    const ops = formatOperationsCsv(renamed);
    expect(ops).toContain('"a,""b""\nc"');
    expect(parseCsv(ops).map((row) => row[3])).toContain(tricky);
    expect(parseCsv(formatTimeseriesCsv(renamed)).map((row) => row[4])).toContain(tricky);
  });
});
