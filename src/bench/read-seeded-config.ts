import type { RunConfig, RunConfigInput } from '../config/resolve-run-config.js';
import type { Queryable } from '../db/queryable.js';
import { describeAbandonedRun, settleDeadRuns } from '../load/settle-dead-runs.js';
import { readSeededManifest } from './measure/check-database.js';
import { resolveBenchConfig } from './resolve-bench-config.js';

/**
 * The configuration the reference schema was seeded with (medseed.runs), checked against the data
 * flags given: what bench and workload draw parameters from. A loader that died leaves its run
 * 'running': that is said, and the incomplete data refused.
 */
export async function readSeededConfig(client: Queryable, input: RunConfigInput, log: (line: string) => void): Promise<{ config: RunConfig; seedRunId: number | null }> {
  for (const run of await settleDeadRuns(client)) log(describeAbandonedRun(run));
  const seeded = await readSeededManifest(client);
  return { config: resolveBenchConfig(input, seeded), seedRunId: seeded?.runId ?? null };
}
