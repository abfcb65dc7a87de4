import type { PlanNode } from './flag-plan.js';

/** Indexes the owner's plan uses and the plan under RLS does not, with the likely reason. */
export interface RlsIndexGap {
  readonly indexes: readonly string[];
  readonly reason: string;
}

interface IndexUse {
  readonly index: string;
  /** The table read; a Bitmap Index Scan names it only on its Bitmap Heap Scan parent. */
  readonly relation: string | undefined;
  readonly conditions: readonly string[];
}

function scans(root: PlanNode): { uses: IndexUse[]; relations: Set<string> } {
  const uses: IndexUse[] = [];
  const relations = new Set<string>();
  // A Bitmap Index Scan names neither its table nor the recheck: both sit on the Bitmap Heap Scan
  // above it, possibly with a BitmapAnd/BitmapOr in between, so they are handed down.
  const visit = (node: PlanNode, heap: PlanNode | undefined) => {
    const relation = node['Relation Name'] ?? heap?.['Relation Name'];
    if (node['Relation Name'] !== undefined) relations.add(node['Relation Name']);
    if (typeof node['Index Name'] === 'string') {
      const conditions = [node['Index Cond'], node['Recheck Cond'], heap?.['Recheck Cond']].filter((c): c is string => typeof c === 'string');
      uses.push({ index: node['Index Name'], relation, conditions });
    }
    const passDown = node['Relation Name'] !== undefined ? node : /^Bitmap(And|Or)$/.test(String(node['Node Type'])) ? heap : undefined;
    for (const child of node.Plans ?? []) visit(child, passDown);
  };
  visit(root, undefined);
  return { uses, relations };
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
 * and RLS does not, on a table both read, usually means such an operator (typically @@); it is a
 * finding, not an error. Tables only the owner's SQL reads (the care team, which a policy reads
 * inside a function) are left out.
 */
export function findRlsIndexGap(rlsPlan: unknown, ownerPlan: unknown, textSearchLeakproof: boolean | null): RlsIndexGap | null {
  const rls = scans(rootOf(rlsPlan));
  const rlsIndexes = new Set(rls.uses.map((use) => use.index));
  // only tables both plans read: the owner SQL spells out what a policy function does out of sight
  const missing = scans(rootOf(ownerPlan)).uses.filter((use) => !rlsIndexes.has(use.index) && use.relation !== undefined && rls.relations.has(use.relation));
  if (missing.length === 0) return null;
  return { indexes: [...new Set(missing.map((use) => use.index))].sort(), reason: reasonFor(missing.flatMap((use) => use.conditions), textSearchLeakproof) };
}
