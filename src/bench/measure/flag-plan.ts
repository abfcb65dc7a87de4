/** What a plan shows that usually explains a slow query under RLS (REALISM.md §4). */
export const PLAN_FLAG_KINDS = ['seq_scan_large_table', 'per_row_policy_function', 'per_row_subplan', 'row_underestimate', 'filter_discards_rows'] as const;
export type PlanFlagKind = (typeof PLAN_FLAG_KINDS)[number];

export interface PlanFlag {
  readonly kind: PlanFlagKind;
  readonly message: string;
}

/** A node of EXPLAIN (FORMAT JSON): only the fields read here. */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Parent Relationship'?: string;
  readonly 'Subplan Name'?: string;
  readonly 'Plan Rows'?: number;
  readonly 'Actual Rows'?: number;
  readonly 'Actual Loops'?: number;
  readonly 'Rows Removed by Filter'?: number;
  readonly Plans?: readonly PlanNode[];
  readonly [key: string]: unknown;
}

/** Tables at least this big should not be read whole by an interactive query. */
export const LARGE_TABLE_ROWS = 10_000;
/** A scan that reads at least this many rows only to discard them by a filter did the index's work by hand. */
const DISCARDED_ROWS = 10_000;
// Conditions evaluated per row (One-Time Filter is evaluated once, so it is not here).
const PER_ROW_CONDITIONS = ['Filter', 'Index Cond', 'Recheck Cond', 'Join Filter', 'Hash Cond', 'Merge Cond'] as const;
// The setting read behind every policy, and the policy helper functions when they are not inlined.
const POLICY_CALL = /current_setting\(|medseed\.\w+\(|\b(?:current_org_id|current_provider_id|my_patient_ids)\(/;

const count = (n: number) => Math.round(n).toLocaleString('en-US');

function describeNode(node: PlanNode): string {
  return node['Relation Name'] ? `${node['Node Type']} on ${node['Relation Name']}` : node['Node Type'];
}

/**
 * Flags, in one EXPLAIN (ANALYZE, FORMAT JSON) plan: sequential scans of large tables, policy
 * functions evaluated per row (in a scan or join condition rather than once in an InitPlan),
 * subplans run once per row, scans that return 5x more rows than estimated (the skewed-tenant
 * misestimate), and scans that discard most of what they read in a Filter. `tableRows` gives each table's size (pg_class.reltuples).
 */
export function flagPlan(root: PlanNode, tableRows: ReadonlyMap<string, number>): PlanFlag[] {
  const flags: PlanFlag[] = [];
  const visit = (node: PlanNode, inInitPlan: boolean) => {
    const relation = node['Relation Name'];
    const loops = node['Actual Loops'] ?? 1;
    if (node['Node Type'] === 'Seq Scan' && relation !== undefined && (tableRows.get(relation) ?? 0) >= LARGE_TABLE_ROWS) {
      flags.push({ kind: 'seq_scan_large_table', message: `Seq Scan on ${relation} (${count(tableRows.get(relation) ?? 0)} rows in the table)` });
    }
    if (!inInitPlan) {
      for (const key of PER_ROW_CONDITIONS) {
        const condition = node[key];
        if (typeof condition === 'string' && POLICY_CALL.test(condition)) {
          flags.push({ kind: 'per_row_policy_function', message: `${describeNode(node)}: policy function evaluated per row in ${key}: ${condition}` });
        }
      }
    }
    if (node['Parent Relationship'] === 'SubPlan' && loops > 1) {
      flags.push({ kind: 'per_row_subplan', message: `${node['Subplan Name'] ?? 'SubPlan'} (${describeNode(node)}) runs once per row: ${count(loops)} times` });
    }
    const estimated = node['Plan Rows'];
    const actual = node['Actual Rows'];
    if (relation !== undefined && estimated !== undefined && actual !== undefined && actual >= 1000 && actual >= 5 * Math.max(1, estimated)) {
      flags.push({
        kind: 'row_underestimate',
        message: `${describeNode(node)}: estimated ${count(estimated)} rows, got ${count(actual)} (${Math.round(actual / Math.max(1, estimated))}x more)`,
      });
    }
    const removed = (node['Rows Removed by Filter'] ?? 0) * loops;
    const kept = (actual ?? 0) * loops;
    if (removed >= DISCARDED_ROWS && removed >= 10 * kept) {
      flags.push({
        kind: 'filter_discards_rows',
        message: `${describeNode(node)}: read ${count(removed + kept)} rows to keep ${count(kept)}; Filter: ${String(node.Filter ?? '')} (an operator that is not LEAKPROOF cannot be an index condition under RLS)`,
      });
    }
    for (const child of node.Plans ?? []) visit(child, inInitPlan || child['Parent Relationship'] === 'InitPlan');
  };
  visit(root, false);
  return flags;
}
