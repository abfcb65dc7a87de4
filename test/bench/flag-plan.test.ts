import { describe, expect, it } from 'vitest';
import { flagPlan, type PlanNode } from '../../src/bench/measure/flag-plan.js';

const tables = new Map([
  ['documents', 75_000],
  ['organizations', 20],
]);

describe('flagPlan', () => {
  it('finds nothing in a plan that reads the policy setting once and uses indexes', () => {
    const plan: PlanNode = {
      'Node Type': 'Limit',
      Plans: [
        { 'Node Type': 'Result', 'Parent Relationship': 'InitPlan', Output: ["nullif(current_setting('app.org_id', true), '')::uuid"] },
        { 'Node Type': 'Index Scan', 'Relation Name': 'documents', 'Parent Relationship': 'Outer', 'Index Cond': '(org_id = (InitPlan 1).col1)', 'Plan Rows': 50, 'Actual Rows': 40, 'Actual Loops': 1 },
        { 'Node Type': 'Seq Scan', 'Relation Name': 'organizations', 'Parent Relationship': 'Inner', 'Plan Rows': 20, 'Actual Rows': 20 },
      ],
    };
    expect(flagPlan(plan, tables)).toEqual([]);
  });

  it('flags a large sequential scan, a per-row policy call, an underestimate, a wasteful filter and a per-row subplan', () => {
    const plan: PlanNode = {
      'Node Type': 'Seq Scan',
      'Relation Name': 'documents',
      Filter: "((org_id = (nullif(current_setting('app.org_id'::text, true), ''::text))::uuid) AND (SubPlan 1))",
      'Plan Rows': 100,
      'Actual Rows': 30_000,
      'Actual Loops': 1,
      'Rows Removed by Filter': 400_000,
      Plans: [{ 'Node Type': 'Index Only Scan', 'Relation Name': 'organizations', 'Parent Relationship': 'SubPlan', 'Subplan Name': 'SubPlan 1', 'Actual Loops': 30_000 }],
    };
    const kinds = flagPlan(plan, tables).map((flag) => flag.kind);
    expect(kinds).toEqual(['seq_scan_large_table', 'per_row_policy_function', 'row_underestimate', 'filter_discards_rows', 'per_row_subplan']);
    expect(flagPlan(plan, tables)[0]?.message).toBe('Seq Scan on documents (75,000 rows in the table)');
  });
});
