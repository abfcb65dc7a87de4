import { RuntimeError } from '../../cli/errors.js';
import type { Queryable } from '../../db/queryable.js';
import { lastMappedRun, settleDeadMappedRuns, type MappedRun } from '../load/mapped-runs.js';

/**
 * The last run through a mapping, which the bench draws its parameters from; it must have
 * succeeded, since the data of a failed or unfinished run is incomplete. A loader that died is
 * recorded as abandoned first, so the message tells the truth.
 */
export async function readBenchableRun(client: Queryable): Promise<MappedRun> {
  const exists = await client.query<{ ok: boolean }>(`SELECT to_regclass('medseed.mapped_runs') IS NOT NULL AS ok`);
  if (exists.rows[0]?.ok) await settleDeadMappedRuns(client);
  const run = await lastMappedRun(client);
  if (!run) {
    throw new RuntimeError('no run through a mapping is recorded in this database (medseed.mapped_runs): seed your tables first with "medseed seed --mapping FILE", then bench');
  }
  if (run.status !== 'succeeded') {
    throw new RuntimeError(`the last run through a mapping, #${run.id}, ${run.status}: its data is incomplete. Seed again with "medseed seed --mapping ${run.mappingPath} --reset", then bench.`);
  }
  return run;
}
