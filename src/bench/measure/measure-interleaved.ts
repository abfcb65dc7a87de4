import type pg from 'pg';
import { BENCH_MODES, type BenchMode, type QuerySpec } from '../catalog/query-spec.js';
import type { ParameterSet } from '../params/parameter-set.js';
import { measureQuery, type Measurement, type MeasureOptions } from './measure-query.js';

/** Executions per mode before switching to the other. */
export const INTERLEAVE_ROUND = 10;

/**
 * Measures a query under RLS and as owner in alternating rounds of INTERLEAVE_ROUND executions
 * (warm-up in the first round only). A load burst on a shared machine then hits both modes alike,
 * which is what lets the owner run serve as the yardstick when comparing with a baseline.
 */
export async function measureInterleaved(pool: pg.Pool, spec: QuerySpec, sets: readonly ParameterSet[], options: MeasureOptions): Promise<Record<BenchMode, Measurement>> {
  const results: Record<BenchMode, Measurement> = { rls: { durationsMs: [], rowCounts: [] }, owner: { durationsMs: [], rowCounts: [] } };
  for (let first = 0; first < options.iterations; first += INTERLEAVE_ROUND) {
    for (const mode of BENCH_MODES) {
      const round = { iterations: Math.min(INTERLEAVE_ROUND, options.iterations - first), concurrency: options.concurrency, warmup: first === 0 ? options.warmup : 0, session: options.session };
      const measured = await measureQuery(pool, spec, mode, sets, round, { first });
      results[mode].durationsMs.push(...measured.durationsMs);
      results[mode].rowCounts.push(...measured.rowCounts);
    }
  }
  return results;
}
