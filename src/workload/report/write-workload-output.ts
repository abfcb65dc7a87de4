import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkOutputDir } from '../../sinks/check-output-dir.js';
import { WORKLOAD_FORMAT, type WorkloadReport } from './workload-report.js';

const WORKLOAD_JSON = 'workload.json';
/** Every file `workload --out` writes; a directory holding only these (and workload.json) is a previous output. */
export const WORKLOAD_FILES = [WORKLOAD_JSON] as const;

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

/** Writes every output file under a temporary name, then renames it: none is ever half written. */
export function writeWorkloadOutput(dir: string, report: WorkloadReport): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [[WORKLOAD_JSON, `${JSON.stringify(report, null, 2)}\n`]];
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
