import type pg from 'pg';
import type { Queryable } from '../db/queryable.js';
import { BENCH_MODES, type BenchMode, type QuerySpec } from './catalog/query-spec.js';
import { explainQuery } from './measure/explain-query.js';
import { measureQuery, type MeasureOptions } from './measure/measure-query.js';
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

async function benchMode(ctx: BenchQueryContext, spec: QuerySpec, mode: BenchMode, sets: readonly ParameterSet[]): Promise<ModeResult> {
  const started = performance.now();
  const measured = await measureQuery(ctx.pool, spec, mode, sets, ctx.options);
  const plan = await explainQuery(ctx.admin, spec, mode, sets[0] as ParameterSet, 0, ctx.tableRows);
  const stats = summarizeTimings(measured.durationsMs);
  ctx.log(`  ${spec.name} ${mode.padEnd(5)} p50 ${stats.p50Ms} ms, p95 ${stats.p95Ms} ms (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return { stats, rows: { min: Math.min(...measured.rowCounts), max: Math.max(...measured.rowCounts) }, plan, statStatements: null };
}

/**
 * Measures one catalog query under RLS and as owner, explains a representative execution of each,
 * and notes what makes the figures suspect (no rows, RLS and owner disagreeing). A failure is
 * recorded on the query, so one bad query does not hide the others' figures.
 */
export async function benchQuery(ctx: BenchQueryContext, spec: QuerySpec, sets: readonly ParameterSet[] | Error): Promise<QueryResult> {
  if (sets instanceof Error) {
    return { ...describe(spec, []), rls: null, owner: null, overhead: null, thresholdMet: false, warnings: [], error: sets.message };
  }
  const base = describe(spec, sets);
  const results: Partial<Record<BenchMode, ModeResult>> = {};
  try {
    for (const mode of BENCH_MODES) results[mode] = await benchMode(ctx, spec, mode, sets);
  } catch (error) {
    const message = `${(error as Error).message}${(error as { code?: string }).code ? ` (SQLSTATE ${(error as { code?: string }).code})` : ''}`;
    return { ...base, rls: results.rls ?? null, owner: results.owner ?? null, overhead: null, thresholdMet: false, warnings: [], error: message };
  }
  const rls = results.rls as ModeResult;
  const owner = results.owner as ModeResult;
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
    warnings,
    error: null,
  };
}
