import type pg from 'pg';
import type { Queryable } from '../db/queryable.js';
import { BENCH_MODES, type BenchMode, type QuerySpec } from './catalog/query-spec.js';
import { explainQuery } from './measure/explain-query.js';
import { findRlsIndexGap } from './measure/find-rls-index-gap.js';
import { measureInterleaved } from './measure/measure-interleaved.js';
import type { Measurement, MeasureOptions } from './measure/measure-query.js';
import { sessionTargetFor } from './measure/run-in-session.js';
import { summarizeTimings } from './measure/summarize-timings.js';
import type { ParameterSet } from './params/parameter-set.js';
import type { ModeResult, QueryResult } from './report/bench-report.js';

export interface BenchQueryContext {
  readonly pool: pg.Pool;
  /** A superuser connection for EXPLAIN (it switches role per session like the pool does). */
  readonly admin: Queryable;
  readonly options: MeasureOptions;
  readonly tableRows: ReadonlyMap<string, number>;
  /** ts_match_vq LEAKPROOF here: explains why a text search under RLS may not use its index. */
  readonly textSearchLeakproof: boolean | null;
  readonly log: (line: string) => void;
}

function describe(spec: QuerySpec, sets: readonly ParameterSet[]): Omit<QueryResult, 'rls' | 'owner' | 'overhead' | 'thresholdMet' | 'warnings' | 'error'> {
  return {
    name: spec.name,
    description: spec.description,
    note: spec.note ?? null,
    file: spec.file,
    role: spec.role,
    draw: spec.draw,
    writes: spec.writes,
    thresholdMs: spec.thresholdMs,
    sql: { rls: spec.statements.rls.text, owner: spec.statements.owner.text },
    parameterSets: sets.map((set) => ({
      label: set.label,
      orgId: set.orgId,
      sessionProviderId: sessionTargetFor(spec, 'rls', set).providerId,
      values: set.values,
    })),
  };
}

async function benchModes(ctx: BenchQueryContext, spec: QuerySpec, sets: readonly ParameterSet[]): Promise<Record<BenchMode, ModeResult>> {
  const started = performance.now();
  const measured = await measureInterleaved(ctx.pool, spec, sets, ctx.options);
  const results = {} as Record<BenchMode, ModeResult>;
  for (const mode of BENCH_MODES) results[mode] = await summarizeMode(ctx, spec, mode, sets, measured[mode]);
  ctx.log(`  ${spec.name} p50 ${results.rls.stats.p50Ms} ms under RLS, ${results.owner.stats.p50Ms} ms as owner (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return results;
}

async function summarizeMode(ctx: BenchQueryContext, spec: QuerySpec, mode: BenchMode, sets: readonly ParameterSet[], measured: Measurement): Promise<ModeResult> {
  const plan = await explainQuery(ctx.admin, spec, mode, sets[0] as ParameterSet, 0, ctx.tableRows, ctx.options.session);
  const stats = summarizeTimings(measured.durationsMs);
  // kept whole (rounded to the microsecond) so a later run can test for a shift, not compare two p95s
  const samplesMs = measured.durationsMs.map((ms) => Math.round(ms * 1000) / 1000);
  return { stats, samplesMs, rows: { min: Math.min(...measured.rowCounts), max: Math.max(...measured.rowCounts) }, plan, statStatements: null };
}

/**
 * Measures one catalog query under RLS and as owner (in alternating rounds), explains a representative execution of each,
 * and notes what makes the figures suspect (no rows, RLS and owner disagreeing). A failure is
 * recorded on the query, so one bad query does not hide the others' figures.
 */
export async function benchQuery(ctx: BenchQueryContext, spec: QuerySpec, sets: readonly ParameterSet[] | Error): Promise<QueryResult> {
  if (sets instanceof Error) {
    return { ...describe(spec, []), rls: null, owner: null, overhead: null, thresholdMet: false, rlsIndexGap: null, warnings: [], error: sets.message };
  }
  const base = describe(spec, sets);
  let results: Record<BenchMode, ModeResult>;
  try {
    results = await benchModes(ctx, spec, sets);
  } catch (error) {
    const message = `${(error as Error).message}${(error as { code?: string }).code ? ` (SQLSTATE ${(error as { code?: string }).code})` : ''}`;
    return { ...base, rls: null, owner: null, overhead: null, thresholdMet: false, rlsIndexGap: null, warnings: [], error: message };
  }
  const { rls, owner } = results;
  const warnings: string[] = [];
  for (const [mode, result] of [['RLS', rls], ['owner', owner]] as const) {
    if (result.rows.min === 0) warnings.push(`${mode}: some executions returned no rows; they measure nothing`);
  }
  if (rls.plan.rows !== owner.plan.rows) {
    warnings.push(`the explained execution returned ${rls.plan.rows} rows under RLS but ${owner.plan.rows} as owner: the @owner SQL does not filter as the policies do`);
  }
  const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
  return {
    ...base,
    rls,
    owner,
    overhead: { ratio: owner.stats.p50Ms > 0 ? round(rls.stats.p50Ms / owner.stats.p50Ms, 3) : 0, ms: round(rls.stats.p50Ms - owner.stats.p50Ms, 3) },
    thresholdMet: rls.stats.p95Ms <= spec.thresholdMs,
    rlsIndexGap: findRlsIndexGap(rls.plan.json, owner.plan.json, ctx.textSearchLeakproof),
    warnings,
    error: null,
  };
}
