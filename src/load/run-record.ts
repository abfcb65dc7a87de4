import type { RunConfig } from '../config/resolve-run-config.js';
import type { Queryable } from '../db/queryable.js';
import { GENERATOR_VERSION } from '../version.js';
import { lockRun } from './run-lock.js';

/**
 * Records a seed run as "running" in `phase`, and takes its advisory lock on this session (the
 * loader's own connection): while the session lives the run is live; if it dies, the next seed,
 * verify or bench marks the run abandoned. Row and lock become visible together (one transaction),
 * so no reader can find the row without its lock.
 * `options`: choices that change what a benchmark measures (e.g. LEAKPROOF text search).
 */
export async function recordRunStart(client: Queryable, config: RunConfig, phase: string, options: object = {}): Promise<number> {
  await client.query('BEGIN');
  try {
    const result = await client.query<{ id: string }>(
      `INSERT INTO medseed.runs (status, seed, profile, generator_version, volumes, phase, options)
       VALUES ('running', $1, $2, $3, $4, $5, $6) RETURNING id`,
      [config.seed, config.profile.name, GENERATOR_VERSION, JSON.stringify(config.profile.volumes), phase, JSON.stringify(options)],
    );
    const runId = Number(result.rows[0]!.id);
    await lockRun(client, runId);
    await client.query('COMMIT');
    return runId;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Records where a run is, so a failure or an abandonment can say where it stopped. */
export async function recordRunPhase(client: Queryable, runId: number, phase: string): Promise<void> {
  await client.query('UPDATE medseed.runs SET phase = $2 WHERE id = $1', [runId, phase]);
}

export interface RunOutcome {
  readonly status: 'succeeded' | 'failed';
  readonly manifest?: unknown;
  readonly timings?: unknown;
  readonly error?: string;
  /** Where a failure happened; the phase is left as last recorded when omitted. */
  readonly phase?: string;
  readonly failedTable?: string;
}

/**
 * Records how a run ended. A run already marked abandoned (its connection died, and another command
 * settled it before this process could report) still gets the fuller account. Returns false when no
 * such run could be updated (e.g. it had already ended).
 */
export async function recordRunEnd(client: Queryable, runId: number, outcome: RunOutcome): Promise<boolean> {
  const result = await client.query(
    `UPDATE medseed.runs SET status = $2, manifest = $3, timings = $4, error = $5, finished_at = now(),
            phase = coalesce($6, phase), failed_table = $7
      WHERE id = $1 AND status IN ('running', 'abandoned')`,
    [
      runId,
      outcome.status,
      outcome.manifest === undefined ? null : JSON.stringify(outcome.manifest),
      outcome.timings === undefined ? null : JSON.stringify(outcome.timings),
      outcome.error ?? null,
      outcome.phase ?? null,
      outcome.failedTable ?? null,
    ],
  );
  return result.rowCount === 1;
}

export interface RunSummaryRow {
  id: number;
  status: string;
  seed: string;
  profile: string;
  generator_version: string;
  manifest: unknown;
  volumes: unknown;
  error: string | null;
  /** Columns of migration 0005; absent on a database migrated before it. */
  source?: string;
  phase?: string | null;
  failed_table?: string | null;
  /** What the run recorded of its choices and settings (recordRunStart's options). */
  options?: unknown;
}

/** The most recent run, or undefined when medseed never seeded this database. */
export async function latestRun(client: Queryable): Promise<RunSummaryRow | undefined> {
  const exists = await client.query<{ present: boolean }>("SELECT to_regclass('medseed.runs') IS NOT NULL AS present");
  if (!exists.rows[0]?.present) return undefined;
  const result = await client.query<RunSummaryRow>(
    // every column, so a database migrated before a later run column still reads
    'SELECT * FROM medseed.runs ORDER BY id DESC LIMIT 1',
  );
  return result.rows[0];
}
