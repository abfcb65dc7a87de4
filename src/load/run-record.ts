import type { RunConfig } from '../config/resolve-run-config.js';
import type { Queryable } from '../db/queryable.js';
import { GENERATOR_VERSION } from '../version.js';

/** Records a seed run as "running"; it stays so (or becomes "failed") unless the load completes. */
export async function recordRunStart(client: Queryable, config: RunConfig): Promise<number> {
  const result = await client.query<{ id: string }>(
    `INSERT INTO medseed.runs (status, seed, profile, generator_version, volumes)
     VALUES ('running', $1, $2, $3, $4) RETURNING id`,
    [config.seed, config.profile.name, GENERATOR_VERSION, JSON.stringify(config.profile.volumes)],
  );
  return Number(result.rows[0]!.id);
}

export async function recordRunEnd(
  client: Queryable,
  runId: number,
  outcome: { status: 'succeeded' | 'failed'; manifest?: unknown; timings?: unknown; error?: string; phase?: string; failedTable?: string | undefined },
): Promise<void> {
  await client.query(
    `UPDATE medseed.runs SET status = $2, manifest = $3, timings = $4, error = $5, phase = $6, failed_table = $7, finished_at = now() WHERE id = $1`,
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
