import type { Queryable } from '../db/queryable.js';
import { describePlanShape } from '../bench/compare/plan-shape.js';
import type { PlanNode } from '../bench/measure/flag-plan.js';
import type { BenchReport, QueryResult } from '../bench/report/bench-report.js';

/** A real regression the gate should catch: how to make it, how to undo it, and which queries it hurts. */
export interface Injection {
  readonly name: string;
  /** The catalog queries that must be flagged, judged from the baseline's plans under RLS. */
  expected(baseline: BenchReport): string[];
  /** Makes the change and returns what undoes it. */
  apply(client: Queryable): Promise<() => Promise<void>>;
}

function relations(json: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (node: PlanNode) => {
    if (node['Relation Name'] !== undefined) found.add(node['Relation Name']);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(((json as { Plan?: PlanNode }).Plan ?? json) as PlanNode);
  return found;
}

const rlsQueries = (baseline: BenchReport, keep: (query: QueryResult & { rls: NonNullable<QueryResult['rls']> }) => boolean) =>
  baseline.queries.filter((q): q is QueryResult & { rls: NonNullable<QueryResult['rls']> } => q.rls !== null && keep(q as never)).map((q) => q.name);

/** Drops an index (recreated from its own definition afterwards); expected: every query whose plan under RLS used it. */
export function dropIndex(index: string): Injection {
  return {
    name: `drop index ${index}`,
    expected: (baseline) => rlsQueries(baseline, (q) => describePlanShape(q.rls.plan.json).indexes.includes(index)),
    async apply(client) {
      const definition = (await client.query<{ def: string }>('SELECT pg_get_indexdef(to_regclass($1)) AS def', [`public.${index}`])).rows[0]?.def;
      if (!definition) throw new Error(`index ${index} does not exist`);
      await client.query(`DROP INDEX public.${index}`);
      return async () => {
        await client.query(definition);
      };
    },
  };
}

/**
 * Rewrites a policy's quals with `rewrite` (e.g. the InitPlan form "(SELECT f())" into a per-row
 * "f()"), restoring the server's own deparsed quals afterwards; expected: the read-only queries
 * (of `role`, when the policy applies to one role only) whose plan under RLS reads the table.
 */
export function rewritePolicy(table: string, policy: string, role: string | null, rewrite: (qual: string) => string): Injection {
  return {
    name: `policy ${policy} on ${table} per row`,
    expected: (baseline) => rlsQueries(baseline, (q) => (role === null || q.role === role) && !q.writes && relations(q.rls.plan.json).has(table)),
    async apply(client) {
      const read = async () =>
        (await client.query<{ qual: string; with_check: string | null }>('SELECT qual, with_check FROM pg_policies WHERE schemaname = $1 AND tablename = $2 AND policyname = $3', ['public', table, policy])).rows[0];
      const original = await read();
      if (!original) throw new Error(`policy ${policy} on ${table} does not exist`);
      const alter = (qual: string, check: string | null) => client.query(`ALTER POLICY ${policy} ON public.${table} USING (${qual})${check ? ` WITH CHECK (${check})` : ''}`);
      const changed = rewrite(original.qual);
      if (changed === original.qual) throw new Error(`policy ${policy} on ${table}: the rewrite changed nothing in ${original.qual}`);
      await alter(changed, original.with_check && rewrite(original.with_check));
      return async () => {
        await alter(original.qual, original.with_check);
        const now = await read();
        if (now?.qual !== original.qual || now?.with_check !== original.with_check) throw new Error(`policy ${policy} on ${table} was not restored: ${JSON.stringify(now)}`);
      };
    },
  };
}
