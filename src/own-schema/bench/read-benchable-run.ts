import { RuntimeError } from '../../cli/errors.js';
import type { Queryable } from '../../db/queryable.js';
import { lastSettledMappedRun, type MappedRun } from '../load/mapped-runs.js';

/**
 * The last run through a mapping, which the bench draws its parameters from; it must have
 * succeeded, since the data of a failed or unfinished run is incomplete. A loader that died is
 * recorded as abandoned first, so the message tells the truth.
 */
export async function readBenchableRun(client: Queryable): Promise<MappedRun> {
  const run = await lastSettledMappedRun(client);
  if (!run) {
    throw new RuntimeError('no run through a mapping is recorded in this database (medseed.mapped_runs): seed your tables first with "medseed seed --mapping FILE", then bench');
  }
  if (run.status !== 'succeeded') {
    throw new RuntimeError(`the last run through a mapping, #${run.id}, ${run.status}: its data is incomplete. Seed again with "medseed seed --mapping ${run.mappingPath} --reset", then bench.`);
  }
  return run;
}
