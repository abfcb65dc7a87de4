import path from 'node:path';
import { connect } from '../../db/connect.js';
import { TABLE_NAMES } from '../../tables/table-specs.js';
import { runTimed } from './run-timed.js';

export interface RestoreResult {
  readonly seconds: number;
  /** data, post-data (indexes and constraints), ANALYZE */
  readonly phases: Readonly<Record<'data' | 'post-data' | 'analyze', number>>;
  readonly peakRssMb: number | undefined;
}

/** pg_dump -Fc of a seeded database: what pg_restore contends with. Not timed. */
export async function dumpDatabase(binDir: string, url: string, file: string): Promise<void> {
  await runTimed(path.join(binDir, 'pg_dump'), ['-Fc', '-Z', '0', '-f', file, '-d', url]);
}

/**
 * Restores a dump as PostgreSQL's own tool would: schema, data, then post-data (indexes, constraints,
 * policies), then ANALYZE, each section timed. `jobs` > 1 is pg_restore -j.
 */
export async function runRestoreContender(binDir: string, url: string, file: string, jobs: number): Promise<RestoreResult> {
  const restore = (section: string) =>
    runTimed(path.join(binDir, 'pg_restore'), ['--section', section, '--exit-on-error', ...(jobs > 1 ? ['-j', String(jobs)] : []), '-d', url, file]);
  const pre = await restore('pre-data');
  const data = await restore('data');
  const post = await restore('post-data');
  const client = await connect(url, 'medseed-bench-analyze');
  const started = performance.now();
  try {
    for (const table of TABLE_NAMES) await client.query(`ANALYZE public.${table}`);
  } finally {
    await client.end();
  }
  const analyze = (performance.now() - started) / 1000;
  const peaks = [pre, data, post].map((r) => r.peakRssMb).filter((m): m is number => m !== undefined);
  return {
    seconds: pre.seconds + data.seconds + post.seconds + analyze,
    phases: { data: data.seconds, 'post-data': post.seconds, analyze },
    peakRssMb: peaks.length > 0 ? Math.max(...peaks) : undefined,
  };
}
