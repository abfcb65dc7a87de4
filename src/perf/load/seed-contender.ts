import path from 'node:path';
import { packageRoot } from '../../package-root.js';
import { runTimed } from './run-timed.js';

const cli = path.join(packageRoot(), 'bin', 'medseed.js');

export interface SeedResult {
  readonly seconds: number;
  readonly rows: number;
  readonly phases: Readonly<Record<string, number>>;
  readonly peakRssMb: number | undefined;
  readonly slowestIndexes: readonly { readonly index: string; readonly seconds: number }[];
}

/** `medseed seed` end to end (migrate, generate, COPY, indexes, ANALYZE) into an empty database. */
export async function runSeedContender(url: string, profile: string, env: NodeJS.ProcessEnv): Promise<SeedResult> {
  const run = await runTimed(process.execPath, [cli, 'seed', '--db', url, '--profile', profile, '--json', '--quiet'], env);
  const summary = JSON.parse(run.stdout) as {
    timings: Record<string, number>;
    manifest: { totalRows: number };
    indexBuilds: { index: string; seconds: number }[];
  };
  return { seconds: run.seconds, rows: summary.manifest.totalRows, phases: summary.timings, peakRssMb: run.peakRssMb, slowestIndexes: summary.indexBuilds.slice(0, 3) };
}
