import type { Queryable } from '../db/queryable.js';

/** Where one running CREATE INDEX is, as PostgreSQL reports it in pg_stat_progress_create_index. */
export interface IndexBuildStep {
  readonly pid: number;
  /** e.g. "building index: scanning table", "building index: sorting live tuples" */
  readonly phase: string;
  /** Share of the current phase done, when PostgreSQL counts it (blocks, else tuples). */
  readonly percent: number | undefined;
}

/** The progress of the given backends' index builds; a backend between builds is simply absent. */
export async function readIndexBuildSteps(client: Queryable, pids: readonly number[]): Promise<IndexBuildStep[]> {
  if (pids.length === 0) return [];
  const result = await client.query<{ pid: number; phase: string; percent: string | null }>(
    `SELECT pid, phase,
            CASE WHEN blocks_total > 0 THEN round(100.0 * blocks_done / blocks_total)
                 WHEN tuples_total > 0 THEN round(100.0 * tuples_done / tuples_total) END AS percent
       FROM pg_stat_progress_create_index
      WHERE pid = ANY($1::int[])`,
    [pids],
  );
  return result.rows.map((row) => ({ pid: row.pid, phase: row.phase, percent: row.percent === null ? undefined : Number(row.percent) }));
}

/** One line for the terminal: how many are built, and what each running build is doing. */
export function describeIndexProgress(built: number, total: number, running: readonly { name: string; step?: IndexBuildStep }[]): string {
  const parts = running.map(({ name, step }) => {
    if (!step) return name;
    const phase = step.phase.replace(/^building index: /, '');
    return `${name} (${phase}${step.percent === undefined ? '' : ` ${step.percent}%`})`;
  });
  return `[indexes] ${built} of ${total} built${parts.length > 0 ? `; building ${parts.join(', ')}` : ''}`;
}
