import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderWorkloadHtml } from '../../report/html/render-workload-html.js';
import { checkOutputDir } from '../../sinks/check-output-dir.js';
import { formatOperationsCsv, formatTimeseriesCsv } from './format-workload-csv.js';
import { WORKLOAD_FORMAT, type WorkloadReport } from './workload-report.js';

const WORKLOAD_JSON = 'workload.json';
/** Every file `workload --out` writes; only these are ever replaced in a previous output. */
export const WORKLOAD_FILES = [WORKLOAD_JSON, 'report.html', 'operations.csv', 'timeseries.csv'] as const;

/** Checks `workload --out DIR` before the run: new, empty, a previous workload output, or --force. */
export function checkWorkloadOutputDir(dir: string, force: boolean): void {
  checkOutputDir(dir, {
    flag: '--out',
    ownFiles: WORKLOAD_FILES,
    previousOutput: `a previous medseed workload output (${WORKLOAD_JSON})`,
    isPreviousOutput: holdsWorkloadOutput,
    force,
  });
}

/** Writes workload.json, report.html and the two CSV files, each under a temporary name then renamed: none is ever half written. */
export function writeWorkloadOutput(dir: string, report: WorkloadReport): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    [WORKLOAD_JSON, `${JSON.stringify(report, null, 2)}\n`],
    ['report.html', renderWorkloadHtml(report)],
    ['operations.csv', formatOperationsCsv(report)],
    ['timeseries.csv', formatTimeseriesCsv(report)],
  ];
  return files.map(([name, text]) => {
    const file = path.join(dir, name);
    writeFileSync(`${file}.partial`, text);
    renameSync(`${file}.partial`, file);
    return file;
  });
}

function holdsWorkloadOutput(dir: string): boolean {
  const file = path.join(dir, WORKLOAD_JSON);
  try {
    if (statSync(file).size > 1 << 30) return false;
    const value = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown };
    return typeof value.format === 'string' && value.format.startsWith(`${WORKLOAD_FORMAT.split('/')[0]!}/`);
  } catch {
    return false;
  }
}
