import type { Queryable } from '../db/queryable.js';
import { formatTime, runLockHeldSql } from './run-lock.js';

/** A run found 'running' with no live loader, now marked 'abandoned'. */
export interface AbandonedRun {
  readonly id: number;
  readonly startedAt: Date;
  readonly profile: string;
  readonly seed: string;
  /** Where the loader was when it died, as it last recorded it. */
  readonly phase: string | null;
}

const ABANDONED_ERROR = 'abandoned: the loader ended (killed, or its connection lost) without recording an outcome';

/**
 * Marks every 'running' run whose loader is gone as 'abandoned' (keeping its phase) and returns
 * them, so the caller can say so. A live loader holds its run's advisory lock for as long as its
 * session lives (see run-lock.ts), so a free lock means a dead run. Call it before reading the last
 * run: seed, verify and bench.
 *
 * @example
 * for (const run of await settleDeadRuns(client)) log(describeAbandonedRun(run));
 */
export async function settleDeadRuns(client: Queryable): Promise<AbandonedRun[]> {
  // Databases migrated before 0005 cannot record 'abandoned'; they have no lock-holding loaders either.
  const ready = await client.query<{ ready: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('medseed.runs') AND attname = 'phase' AND NOT attisdropped) AS ready`,
  );
  if (!ready.rows[0]?.ready) return [];
  // One statement: a loader finishing meanwhile changes its status first, and the row recheck skips it.
  const result = await client.query<{ id: string; started_at: Date; profile: string; seed: string; phase: string | null }>(
    `UPDATE medseed.runs r SET status = 'abandoned', finished_at = now(), error = coalesce(r.error, $1)
      WHERE r.status = 'running' AND NOT ${runLockHeldSql('r.id')}
      RETURNING r.id, r.started_at, r.profile, r.seed, r.phase`,
    [ABANDONED_ERROR],
  );
  return result.rows
    .map((row) => ({ id: Number(row.id), startedAt: row.started_at, profile: row.profile, seed: row.seed, phase: row.phase }))
    .sort((a, b) => a.id - b.id);
}

/** One line for the terminal about a run just marked abandoned. */
export function describeAbandonedRun(run: AbandonedRun): string {
  return (
    `Run #${run.id} (started ${formatTime(run.startedAt)}, profile ${run.profile}, seed ${run.seed}) was abandoned during ` +
    `${run.phase ?? 'an unknown phase'}: its loader ended without recording an outcome, so its data was incomplete. ` +
    "It is now marked 'abandoned' in medseed.runs."
  );
}
