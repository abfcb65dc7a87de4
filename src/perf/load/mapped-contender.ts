import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { connect } from '../../db/connect.js';
import { packageRoot } from '../../package-root.js';
import { runTimed } from './run-timed.js';

const cli = path.join(packageRoot(), 'bin', 'medseed.js');
const EXAMPLE = path.join(packageRoot(), 'examples', 'timeline-app');

export interface MappedResult {
  readonly seconds: number;
  readonly rows: number;
  readonly phases: Readonly<Record<'load' | 'restore' | 'analyze', number>>;
  readonly peakRssMb: number | undefined;
}

/**
 * `medseed seed --mapping` into the timeline-app example's own schema (created first, not timed):
 * a Prisma-shaped schema whose indexes, foreign keys and triggers stay in force during the load,
 * as they would in a team's database; or, with `deferAll`, built and checked after the load.
 */
export async function runMappedContender(url: string, profile: string, env: NodeJS.ProcessEnv, deferAll = false): Promise<MappedResult> {
  const client = await connect(url, 'medseed-bench-mapped');
  try {
    await client.query(await readFile(path.join(EXAMPLE, 'schema.sql'), 'utf8'));
  } finally {
    await client.end();
  }
  const run = await runTimed(process.execPath, [cli, 'seed', '--mapping', path.join(EXAMPLE, 'mapping.ts'), '--db', url, '--profile', profile, ...(deferAll ? ['--defer-indexes', 'all', '--defer-foreign-keys', 'all'] : []), '--json', '--quiet'], env);
  const summary = JSON.parse(run.stdout) as { rows: Record<string, number>; timings: { load: number; restore: number; analyze: number } };
  const rows = Object.values(summary.rows).reduce((a, b) => a + b, 0);
  return { seconds: run.seconds, rows, phases: summary.timings, peakRssMb: run.peakRssMb };
}
