import { describe, expect, it } from 'vitest';
import { compareBuffers } from '../../src/bench/compare/compare-buffers.js';
import { comparePlans } from '../../src/bench/compare/compare-plans.js';
import { comparePlanShapes, describePlanShape } from '../../src/bench/compare/plan-shape.js';
import type { PlanReport } from '../../src/bench/measure/explain-query.js';
import { findRlsIndexGap } from '../../src/bench/measure/find-rls-index-gap.js';
import { flagPlan, type PlanNode } from '../../src/bench/measure/flag-plan.js';
import type { StatStatementsDelta } from '../../src/bench/measure/stat-statements.js';

const tables = new Map([
  ['timeline_events', 400_000],
  ['organizations', 20],
]);

// patient_timeline under RLS, as EXPLAIN (ANALYZE, FORMAT JSON) shows it with its index
const indexed: PlanNode = {
  'Node Type': 'Limit',
  Plans: [
    { 'Node Type': 'Result', 'Parent Relationship': 'InitPlan', 'Subplan Name': 'InitPlan 1' },
    {
      'Node Type': 'Index Scan',
      'Parent Relationship': 'Outer',
      'Index Name': 'timeline_events_patient_id_occurred_at_idx',
      'Relation Name': 'timeline_events',
      'Index Cond': "((patient_id = '0b0c...'::uuid) AND (occurred_at < '2025-01-01'))",
      Filter: '(org_id = (InitPlan 1).col1)',
      'Actual Rows': 50,
      'Actual Loops': 1,
    },
  ],
};
// the same query once the index is gone: the whole table, sorted
const seqScanned: PlanNode = {
  'Node Type': 'Limit',
  Plans: [
    { 'Node Type': 'Result', 'Parent Relationship': 'InitPlan', 'Subplan Name': 'InitPlan 1' },
    {
      'Node Type': 'Sort',
      'Parent Relationship': 'Outer',
      Plans: [{ 'Node Type': 'Seq Scan', 'Parent Relationship': 'Outer', 'Relation Name': 'timeline_events', Filter: "(patient_id = '0b0c...'::uuid)", 'Actual Rows': 200, 'Rows Removed by Filter': 399_800, 'Actual Loops': 1 }],
    },
  ],
};
// the policy as a per-row call: no InitPlan, the setting read in the scan's filter
const perRowPolicy: PlanNode = {
  'Node Type': 'Limit',
  Plans: [{ ...(indexed.Plans![1] as PlanNode), Filter: "(org_id = (NULLIF(current_setting('app.org_id'::text, true), ''::text))::uuid)" }],
};

function report(plan: PlanNode, blocks: number): PlanReport {
  return { parameterSet: 0, text: '', json: { Plan: plan }, planningMs: 0, executionMs: 0, rows: 50, sharedHitBlocks: blocks, sharedReadBlocks: 0, flags: flagPlan(plan, tables), queryId: null };
}

describe('describePlanShape', () => {
  it('names every node with its relation and index, and lists indexes and sequential scans', () => {
    expect(describePlanShape({ Plan: indexed })).toEqual({
      nodes: ['Limit', 'InitPlan: Result', 'Index Scan using timeline_events_patient_id_occurred_at_idx on timeline_events'],
      indexes: ['timeline_events_patient_id_occurred_at_idx'],
      seqScans: [],
    });
    expect(comparePlanShapes(describePlanShape(indexed), describePlanShape(seqScanned))).toEqual({
      changed: true,
      lostIndexes: ['timeline_events_patient_id_occurred_at_idx'],
      newSeqScans: ['timeline_events'],
    });
    expect(comparePlanShapes(describePlanShape(indexed), describePlanShape(structuredClone(indexed))).changed).toBe(false);
  });
});

describe('comparePlans', () => {
  it('passes the same plan whatever its timings and row counts', () => {
    const again = structuredClone(indexed);
    (again.Plans![1] as { 'Actual Rows': number })['Actual Rows'] = 37;
    expect(comparePlans(report(indexed, 40), report(again, 40), tables, false)).toEqual({ changed: false, lostIndexes: [], newSeqScans: [], newFlags: [], regressed: false });
  });

  it('flags a lost index and a large table read whole', () => {
    const evidence = comparePlans(report(indexed, 40), report(seqScanned, 4000), tables, false);
    expect(evidence).toMatchObject({ lostIndexes: ['timeline_events_patient_id_occurred_at_idx'], newSeqScans: ['timeline_events'], regressed: true });
  });

  it('flags a policy that became a per-row call, though it keeps the index', () => {
    const evidence = comparePlans(report(indexed, 40), report(perRowPolicy, 40), tables, false);
    expect(evidence.lostIndexes).toEqual([]);
    expect(evidence.newFlags).toEqual([expect.stringMatching(/policy function evaluated per row in Filter/)]);
    expect(evidence.regressed).toBe(true);
  });

  it('does not call a new plan that touches markedly fewer buffers a regression', () => {
    expect(comparePlans(report(seqScanned, 4000), report(indexed, 40), tables, true).regressed).toBe(false);
  });

  it('ignores a new sequential scan of a small table', () => {
    const small: PlanNode = { 'Node Type': 'Seq Scan', 'Relation Name': 'organizations' };
    const withSmall: PlanNode = { ...indexed, Plans: [...indexed.Plans!, small] };
    expect(comparePlans(report(indexed, 40), report(withSmall, 41), tables, false)).toMatchObject({ changed: true, newSeqScans: [], regressed: false });
  });
});

describe('compareBuffers', () => {
  const rules = { minChange: 0.2, floorBlocks: 8 };
  const side = (blocks: number, stat?: { calls: number; blocks: number }) => ({
    plan: report(indexed, blocks),
    statStatements: stat ? ({ calls: stat.calls, sharedHitBlocks: stat.blocks, sharedReadBlocks: 0 } as StatStatementsDelta) : null,
  });

  it('flags more than 20% and at least the floor more blocks per execution, preferring pg_stat_statements', () => {
    expect(compareBuffers(side(40), side(49), null, rules)).toMatchObject({ source: 'explain', excess: 9, regressed: true });
    expect(compareBuffers(side(40), side(47), null, rules).regressed).toBe(false);
    expect(compareBuffers(side(4), side(11), null, rules).regressed).toBe(false); // +175%, but 7 blocks
    expect(compareBuffers(side(40, { calls: 100, blocks: 4000 }), side(40, { calls: 100, blocks: 6000 }), null, rules)).toMatchObject({ source: 'pg_stat_statements', baseline: 40, current: 60, regressed: true });
  });

  it('does not count growth the owner run shows too (dead rows of rolled-back writes)', () => {
    const owner = { baseline: side(4), current: side(25) };
    expect(compareBuffers(side(37), side(58), owner, rules)).toMatchObject({ controlGrowth: 21, excess: 0, regressed: false });
    expect(compareBuffers(side(37), side(90), owner, rules)).toMatchObject({ excess: 32, regressed: true });
  });
});

describe('findRlsIndexGap', () => {
  const gin: PlanNode = { 'Node Type': 'Bitmap Heap Scan', 'Relation Name': 'documents', Plans: [{ 'Node Type': 'Bitmap Index Scan', 'Index Name': 'documents_search_vector_idx', 'Index Cond': "(search_vector @@ '''fever'''::tsquery)" }] };
  const filtered: PlanNode = { 'Node Type': 'Index Scan', 'Relation Name': 'documents', 'Index Name': 'documents_org_id_created_at_idx', Filter: "(search_vector @@ '''fever'''::tsquery)" };
  const withCareTeam: PlanNode = { 'Node Type': 'Nested Loop', Plans: [gin, { 'Node Type': 'Index Only Scan', 'Relation Name': 'care_team_members', 'Index Name': 'care_team_members_provider_id_idx' }] };

  it('names the index the owner plan uses and RLS does not, blaming a non-LEAKPROOF @@ when it is not LEAKPROOF', () => {
    expect(findRlsIndexGap({ Plan: filtered }, { Plan: gin }, false)).toEqual({ indexes: ['documents_search_vector_idx'], reason: expect.stringMatching(/uses @@, and ts_match_vq is not LEAKPROOF/) });
    expect(findRlsIndexGap({ Plan: filtered }, { Plan: gin }, true)?.reason).toMatch(/although ts_match_vq is LEAKPROOF/);
    expect(findRlsIndexGap({ Plan: gin }, { Plan: gin }, false)).toBeNull();
  });

  it('finds index scans under a BitmapAnd, whose table and recheck sit on the Bitmap Heap Scan above it', () => {
    const bitmapAnd: PlanNode = {
      'Node Type': 'Bitmap Heap Scan',
      'Relation Name': 'documents',
      'Recheck Cond': "((search_vector @@ '''fever'''::tsquery) AND (org_id = 'x'::uuid))",
      Plans: [{ 'Node Type': 'BitmapAnd', Plans: [
        { 'Node Type': 'Bitmap Index Scan', 'Index Name': 'documents_search_vector_idx', 'Index Cond': "(search_vector @@ '''fever'''::tsquery)" },
        { 'Node Type': 'Bitmap Index Scan', 'Index Name': 'documents_org_id_created_at_idx', 'Index Cond': "(org_id = 'x'::uuid)" },
      ] }],
    };
    const seqScan: PlanNode = { 'Node Type': 'Seq Scan', 'Relation Name': 'documents', Filter: "((org_id = (InitPlan 1).col1) AND (search_vector @@ '''fever'''::tsquery))" };
    expect(findRlsIndexGap({ Plan: seqScan }, { Plan: bitmapAnd }, false)).toEqual({
      indexes: ['documents_org_id_created_at_idx', 'documents_search_vector_idx'],
      reason: expect.stringMatching(/uses @@, and ts_match_vq is not LEAKPROOF/),
    });
  });

  it('leaves out tables the plan under RLS does not read (a policy reads the care team inside a function)', () => {
    expect(findRlsIndexGap({ Plan: gin }, { Plan: withCareTeam }, false)).toBeNull();
  });
});
