import type { Queryable } from '../../db/queryable.js';
import type { BenchMode, QuerySpec } from '../catalog/query-spec.js';
import type { ParameterSet } from '../params/parameter-set.js';
import { flagPlan, type PlanFlag, type PlanNode } from './flag-plan.js';
import { runInSession, sessionTargetFor, valuesFor, type ApplySession } from './run-in-session.js';

/** One representative execution, explained. */
export interface PlanReport {
  /** The parameter set explained (index into the query's sets). */
  readonly parameterSet: number;
  readonly text: string;
  readonly json: unknown;
  readonly planningMs: number;
  readonly executionMs: number;
  readonly rows: number;
  readonly sharedHitBlocks: number;
  readonly sharedReadBlocks: number;
  readonly flags: readonly PlanFlag[];
  /** pg_stat_statements' queryid of the statement, when the server computes one. */
  readonly queryId: string | null;
}

interface ExplainJson {
  readonly Plan: PlanNode;
  readonly 'Planning Time': number;
  readonly 'Execution Time': number;
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of one execution, in JSON (for the figures and flags) and in text (for
 * people), plus EXPLAIN (VERBOSE) for the query identifier. Each runs in its own rolled-back
 * session, so a write sees the same data every time.
 */
export async function explainQuery(
  client: Queryable,
  spec: QuerySpec,
  mode: BenchMode,
  set: ParameterSet,
  parameterSet: number,
  tableRows: ReadonlyMap<string, number>,
  session?: ApplySession,
): Promise<PlanReport> {
  const statement = spec.statements[mode];
  const values = valuesFor(statement.names, set);
  const target = sessionTargetFor(spec, mode, set);
  const explain = async (options: string) =>
    runInSession(client, target, async () => (await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (${options}) ${statement.text}`, values)).rows, session);
  const json = ((await explain('ANALYZE, BUFFERS, FORMAT JSON'))[0]?.['QUERY PLAN'] as ExplainJson[])[0] as ExplainJson;
  const text = (await explain('ANALYZE, BUFFERS')).map((row) => row['QUERY PLAN']).join('\n');
  const verbose = (await explain('VERBOSE')).map((row) => row['QUERY PLAN']).join('\n');
  const plan = json.Plan;
  return {
    parameterSet,
    text,
    json,
    planningMs: json['Planning Time'],
    executionMs: json['Execution Time'],
    rows: plan['Actual Rows'] ?? 0,
    sharedHitBlocks: Number(plan['Shared Hit Blocks'] ?? 0),
    sharedReadBlocks: Number(plan['Shared Read Blocks'] ?? 0),
    flags: flagPlan(plan, tableRows),
    queryId: /Query Identifier: (-?\d+)/.exec(verbose)?.[1] ?? null,
  };
}
