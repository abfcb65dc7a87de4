import type { PlanNode } from '../measure/flag-plan.js';

/**
 * What a plan does, without what it measured: each node's type, relation and index, depth-first.
 * For the same data and parameters this is deterministic, unlike its timings, so a change in it is
 * evidence that survives noise.
 */
export interface PlanShape {
  /** "Index Scan using timeline_events_patient_id_occurred_at_idx on timeline_events", "Hash Join", ... */
  readonly nodes: readonly string[];
  /** Index names the plan uses, sorted, once each. */
  readonly indexes: readonly string[];
  /** Tables read by a sequential scan, sorted, once each. */
  readonly seqScans: readonly string[];
}

function label(node: PlanNode): string {
  const index = node['Index Name'];
  const relation = node['Relation Name'];
  const role = node['Parent Relationship'] === 'InitPlan' || node['Parent Relationship'] === 'SubPlan' ? `${node['Parent Relationship']}: ` : '';
  return `${role}${node['Node Type']}${typeof index === 'string' ? ` using ${index}` : ''}${relation !== undefined ? ` on ${relation}` : ''}`;
}

/** The shape of an EXPLAIN (FORMAT JSON) plan: pass the `Plan` object, or the whole EXPLAIN object. */
export function describePlanShape(plan: unknown): PlanShape {
  const root = (plan as { Plan?: PlanNode }).Plan ?? (plan as PlanNode);
  const nodes: string[] = [];
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  const visit = (node: PlanNode) => {
    nodes.push(label(node));
    if (typeof node['Index Name'] === 'string') indexes.add(node['Index Name']);
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] !== undefined) seqScans.add(node['Relation Name']);
    for (const child of node.Plans ?? []) visit(child);
  };
  if (root && typeof root === 'object' && 'Node Type' in root) visit(root);
  return { nodes, indexes: [...indexes].sort(), seqScans: [...seqScans].sort() };
}

export interface PlanShapeChange {
  readonly changed: boolean;
  /** Indexes the baseline plan used that this plan does not. */
  readonly lostIndexes: readonly string[];
  /** Tables this plan reads sequentially that the baseline plan did not. */
  readonly newSeqScans: readonly string[];
}

/** How a plan's shape differs from the baseline's. */
export function comparePlanShapes(baseline: PlanShape, current: PlanShape): PlanShapeChange {
  return {
    changed: baseline.nodes.join('\n') !== current.nodes.join('\n'),
    lostIndexes: baseline.indexes.filter((index) => !current.indexes.includes(index)),
    newSeqScans: current.seqScans.filter((table) => !baseline.seqScans.includes(table)),
  };
}
