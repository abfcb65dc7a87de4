import type pg from 'pg';
import type { BenchMode, QuerySpec } from '../catalog/query-spec.js';
import type { ParameterSet } from '../params/parameter-set.js';
import { runInSession, sessionTargetFor, valuesFor, type ApplySession } from './run-in-session.js';

export interface MeasureOptions {
  readonly iterations: number;
  readonly concurrency: number;
  /** Unmeasured executions first, so caches and plans are warm. */
  readonly warmup: number;
  /** How a transaction under RLS becomes the application's session; default the reference schema's. */
  readonly session?: ApplySession | undefined;
}

/** Where a slice of a longer measurement starts: measured execution i uses parameter set (first + i) mod sets. */
export interface MeasureSlice {
  readonly first: number;
}

export interface Measurement {
  readonly durationsMs: number[];
  /** Rows returned by each measured execution. */
  readonly rowCounts: number[];
}

/**
 * Runs warm-up, then `iterations` measured executions with `concurrency` workers sharing the pool,
 * each execution in its own pooled transaction (checkout, role and settings, query, rollback).
 * Execution i uses parameter set i modulo the number of sets (shifted by `slice.first`). Only the
 * catalog statement is timed.
 */
export async function measureQuery(
  pool: pg.Pool,
  spec: QuerySpec,
  mode: BenchMode,
  sets: readonly ParameterSet[],
  options: MeasureOptions,
  slice: MeasureSlice = { first: 0 },
): Promise<Measurement> {
  const statement = spec.statements[mode];
  const durationsMs: number[] = [];
  const rowCounts: number[] = [];
  const total = options.warmup + options.iterations;
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (let i = next++; i < total && !failure; i = next++) {
      const measured = i >= options.warmup;
      const set = sets[(measured ? slice.first + i - options.warmup : i) % sets.length] as ParameterSet;
      const values = valuesFor(statement.names, set);
      const client = await pool.connect();
      try {
        await runInSession(client, sessionTargetFor(spec, mode, set), async () => {
          const started = performance.now();
          const result = await client.query(statement.text, values);
          const elapsed = performance.now() - started;
          if (measured) {
            durationsMs.push(elapsed);
            rowCounts.push(result.rowCount ?? result.rows.length);
          }
        }, options.session);
      } catch (error) {
        // stop the other workers too, so nothing runs on after this query is reported failed
        failure ??= { error };
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  if (failure) throw failure.error;
  return { durationsMs, rowCounts };
}
