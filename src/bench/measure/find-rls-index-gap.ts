import type { PlanNode } from './flag-plan.js';

/** Indexes the owner's plan uses and the plan under RLS does not, with the likely reason. */
export interface RlsIndexGap {
  readonly indexes: readonly string[];
  readonly reason: string;
}

function indexNodes(root: PlanNode): PlanNode[] {
  const found: PlanNode[] = [];
  const visit = (node: PlanNode) => {
    if (typeof node['Index Name'] === 'string') found.push(node);
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(root);
  return found;
}

const rootOf = (plan: unknown) => ((plan as { Plan?: PlanNode }).Plan ?? plan) as PlanNode;

function reasonFor(conditions: readonly string[], leakproof: boolean | null): string {
  if (conditions.some((condition) => condition.includes('@@'))) {
    if (leakproof === false) {
      return 'its condition uses @@, and ts_match_vq is not LEAKPROOF on this server: under RLS a non-LEAKPROOF operator cannot be an index condition, so the rows the policies let through are filtered instead';
    }
    return `its condition uses @@ although ts_match_vq is ${leakproof ? 'LEAKPROOF' : 'of unknown LEAKPROOF status'} here: the policies changed the planner's estimates or choice`;
  }
  return 'an operator in its condition may not be LEAKPROOF (then it cannot be an index condition under RLS), or the policies changed the planner\'s estimates';
}

/**
 * Compares the index names of the two EXPLAIN plans of one query. Under RLS the policies' quals run
 * first and only LEAKPROOF operators may be pushed into an index scan, so an index the owner uses
 * and RLS does not usually means such an operator (typically @@); it is a finding, not an error.
 */
export function findRlsIndexGap(rlsPlan: unknown, ownerPlan: unknown, textSearchLeakproof: boolean | null): RlsIndexGap | null {
  const rlsIndexes = new Set(indexNodes(rootOf(rlsPlan)).map((node) => node['Index Name'] as string));
  const missing = indexNodes(rootOf(ownerPlan)).filter((node) => !rlsIndexes.has(node['Index Name'] as string));
  if (missing.length === 0) return null;
  const conditions = missing.flatMap((node) => [node['Index Cond'], node['Recheck Cond']]).filter((c): c is string => typeof c === 'string');
  return { indexes: [...new Set(missing.map((node) => node['Index Name'] as string))].sort(), reason: reasonFor(conditions, textSearchLeakproof) };
}
