import type { QueryResult } from '../report/bench-report.js';
import { compareBuffers, type BufferEvidence, type BufferRules } from './compare-buffers.js';
import { compareLatency, type LatencyEvidence, type LatencyRules } from './compare-latency.js';
import { comparePlans, type PlanEvidence } from './compare-plans.js';
import { describePlanShape } from './plan-shape.js';

export type GateRules = LatencyRules & BufferRules;

/** One query against the baseline: the verdict, the evidence it rests on, and why, in words. */
export interface QueryComparison {
  readonly name: string;
  readonly status: 'compared' | 'new' | 'failed';
  readonly baselineP95Ms: number | null;
  readonly currentP95Ms: number | null;
  /** (current - baseline) / baseline of the p95 under RLS: shown, but not the verdict. */
  readonly change: number | null;
  readonly regressed: boolean;
  /** Why it regressed, one line per piece of evidence; empty when it did not. */
  readonly reasons: readonly string[];
  /** Differences that did not count, and why. */
  readonly notes: readonly string[];
  readonly plan: PlanEvidence | null;
  readonly buffers: BufferEvidence | null;
  readonly latency: LatencyEvidence | null;
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

/** Whether the owner run is a fair yardstick for the machine: same SQL and same owner plan in both runs. */
function controlProblem(current: QueryResult, baseline: QueryResult): string | null {
  if (current.sql.rls !== baseline.sql.rls || current.sql.owner !== baseline.sql.owner) return 'the SQL differs from the baseline';
  if (!current.owner || !baseline.owner) return 'the owner run is missing';
  // join and aggregate choices flip with estimates; what a changed access path would skew is the yardstick
  const paths = (json: unknown) => {
    const shape = describePlanShape(json);
    return `${shape.indexes.join(',')}|${shape.seqScans.join(',')}`;
  };
  if (paths(current.owner.plan.json) !== paths(baseline.owner.plan.json)) return 'the owner plan uses other indexes or scans';
  return null;
}

function describePlan(plan: PlanEvidence): string[] {
  return [
    ...plan.lostIndexes.map((index) => `plan under RLS no longer uses index ${index}`),
    ...plan.newSeqScans.map((table) => `plan under RLS now reads ${table} sequentially`),
    ...plan.newFlags.map((flag) => `plan under RLS now has: ${flag}`),
  ];
}

function describeBuffers(b: BufferEvidence): string {
  const control = b.controlGrowth === null ? '' : `; as owner ${b.controlGrowth >= 0 ? '+' : ''}${b.controlGrowth}`;
  return `shared buffers per execution under RLS ${b.baseline} -> ${b.current} (${b.source}${control})`;
}

/** The latency evidence in one line, for reasons and notes. */
export function describeLatency(l: LatencyEvidence): string {
  const what = l.method === 'p95' ? 'p95' : 'median';
  const test = l.pValue === null ? 'baseline has no samples: p95 rule' : `p = ${l.pValue}`;
  const control = l.controlRatio === null ? '' : `; as owner x${l.controlRatio.toFixed(2)}`;
  return `${what} under RLS ${ms(l.baselineMs)} -> ${ms(l.currentMs)} ms (x${l.ratio.toFixed(2)}, ${test}${control})`;
}

/**
 * Judges one query on three kinds of evidence: its plan under RLS (deterministic for the same data),
 * the shared buffers an execution touches (near-deterministic), and its latency (noisy, so tested for
 * a significant shift and judged against the owner run of the same query as a yardstick).
 */
export function compareQuery(
  current: QueryResult,
  baseline: QueryResult | undefined,
  rules: GateRules,
  context: { readonly tableRows: ReadonlyMap<string, number>; readonly round: number | null },
): QueryComparison {
  const currentP95Ms = current.rls?.stats.p95Ms ?? null;
  const baselineP95Ms = baseline?.rls?.stats.p95Ms ?? null;
  const empty = { plan: null, buffers: null, latency: null, notes: [] as string[] };
  if (!baseline?.rls) return { name: current.name, status: 'new', baselineP95Ms, currentP95Ms, change: null, regressed: false, reasons: [], ...empty };
  if (!current.rls || current.error !== null) {
    return { name: current.name, status: 'failed', baselineP95Ms, currentP95Ms, change: null, regressed: true, reasons: [`fails now: ${current.error ?? 'no result under RLS'}`], ...empty };
  }
  const change = baselineP95Ms !== null && baselineP95Ms > 0 && currentP95Ms !== null ? Math.round(((currentP95Ms - baselineP95Ms) / baselineP95Ms) * 10000) / 10000 : null;
  const problem = controlProblem(current, baseline);
  const owner = problem === null ? { baseline: baseline.owner!, current: current.owner! } : null;
  const buffers = compareBuffers(baseline.rls, current.rls, owner, rules);
  const improved = buffers.current < (1 - rules.minChange) * buffers.baseline;
  const plan = comparePlans(baseline.rls.plan, current.rls.plan, context.tableRows, improved);
  const latency = compareLatency(baseline.rls, current.rls, owner && { ...owner, round: context.round }, rules);
  const reasons: string[] = [];
  const notes: string[] = [];
  if (plan.regressed) reasons.push(...describePlan(plan));
  else if (describePlan(plan).length > 0) notes.push(`${describePlan(plan).join('; ')}, but it touches fewer buffers: a better plan?`);
  else if (plan.changed) notes.push('plan under RLS changed shape, with the same indexes');
  if (buffers.regressed) reasons.push(describeBuffers(buffers));
  else if (buffers.current - buffers.baseline >= rules.floorBlocks && buffers.current > (1 + rules.minChange) * buffers.baseline) {
    notes.push(`${describeBuffers(buffers)}: grew as much as owner (dead rows of the bench's rolled-back writes?), not counted`);
  }
  if (latency.regressed) reasons.push(describeLatency(latency));
  else if (latency.ratio > 1 + rules.minChange) {
    const why = [
      latency.pValue !== null && latency.pValue >= rules.alpha ? `not significant (alpha ${rules.alpha})` : '',
      latency.controlRatio !== null && latency.ratio / latency.controlRatio <= 1 + rules.minChange ? 'the owner run slowed alike (the machine, not RLS)' : '',
      latency.currentMs - latency.baselineMs < rules.floorMs ? `under the ${rules.floorMs} ms floor` : '',
    ].filter(Boolean);
    notes.push(`${describeLatency(latency)}: ${why.join(', ') || 'not counted'}`);
  }
  if (problem !== null) notes.push(`no owner yardstick: ${problem}`);
  return { name: current.name, status: 'compared', baselineP95Ms, currentP95Ms, change, regressed: reasons.length > 0, reasons, notes, plan, buffers, latency };
}
