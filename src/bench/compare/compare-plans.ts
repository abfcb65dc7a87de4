import { LARGE_TABLE_ROWS, type PlanFlagKind } from '../measure/flag-plan.js';
import type { PlanReport } from '../measure/explain-query.js';
import { comparePlanShapes, describePlanShape } from './plan-shape.js';

export interface PlanEvidence {
  /** The node tree (types, relations, indexes) differs from the baseline's. */
  readonly changed: boolean;
  /** Indexes the baseline's plan used that this plan does not. */
  readonly lostIndexes: readonly string[];
  /** Tables (not known to be small) this plan reads whole and the baseline's did not. */
  readonly newSeqScans: readonly string[];
  /** Flags of a per-row policy or subplan that the baseline's plan did not have. */
  readonly newFlags: readonly string[];
  readonly regressed: boolean;
}

// Flags that describe the plan's structure; row estimates and filter counts move with ANALYZE.
const STRUCTURAL_FLAGS: readonly PlanFlagKind[] = ['per_row_policy_function', 'per_row_subplan'];
// loop and row counts change with the data; the kind and the node are what matter
const flagKey = (flag: { kind: string; message: string }) => `${flag.kind}:${flag.message.replace(/\d[\d,.]*/g, '#')}`;

/**
 * Compares the explained execution's plan with the baseline's. Losing an index, reading a large
 * table whole, or evaluating a policy per row where the baseline did not is a regression, unless
 * the new plan touches markedly fewer buffers (`buffersImproved`: then it is a better plan).
 */
export function comparePlans(baseline: PlanReport, current: PlanReport, tableRows: ReadonlyMap<string, number>, buffersImproved: boolean): PlanEvidence {
  const shape = comparePlanShapes(describePlanShape(baseline.json), describePlanShape(current.json));
  const newSeqScans = shape.newSeqScans.filter((table) => (tableRows.get(table) ?? LARGE_TABLE_ROWS) >= LARGE_TABLE_ROWS);
  const before = new Set(baseline.flags.map(flagKey));
  const newFlags = current.flags.filter((flag) => STRUCTURAL_FLAGS.includes(flag.kind) && !before.has(flagKey(flag))).map((flag) => flag.message);
  const worse = shape.lostIndexes.length + newSeqScans.length + newFlags.length > 0;
  return { changed: shape.changed, lostIndexes: shape.lostIndexes, newSeqScans, newFlags, regressed: worse && !buffersImproved };
}
