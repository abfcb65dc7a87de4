import type { ModeResult } from '../report/bench-report.js';

export interface BufferRules {
  /** Smallest relative growth that counts (0.2: the context's 20%). */
  readonly minChange: number;
  /** Smallest absolute growth that counts, in shared blocks per execution. */
  readonly floorBlocks: number;
}

export interface BufferEvidence {
  /** pg_stat_statements: mean over every execution of the run; explain: the one explained execution. */
  readonly source: 'pg_stat_statements' | 'explain';
  /** Shared blocks (hit + read) per execution. */
  readonly baseline: number;
  readonly current: number;
  /** Growth of the same figure for the query as owner, when that is a fair control; null otherwise. */
  readonly controlGrowth: number | null;
  /** current - baseline, less the owner's growth: what RLS added. */
  readonly excess: number;
  readonly regressed: boolean;
}

type BufferSide = Pick<ModeResult, 'plan' | 'statStatements'>;
type Source = BufferEvidence['source'];

function blocksPerExecution(side: BufferSide, source: Source): number {
  if (source === 'pg_stat_statements') {
    const stat = side.statStatements!;
    return (stat.sharedHitBlocks + stat.sharedReadBlocks) / stat.calls;
  }
  return side.plan.sharedHitBlocks + side.plan.sharedReadBlocks;
}

const sourceFor = (a: BufferSide, b: BufferSide): Source => (a.statStatements && b.statStatements && a.statStatements.calls > 0 && b.statStatements.calls > 0 ? 'pg_stat_statements' : 'explain');
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Shared buffers touched per execution barely depend on machine load: for the same data and plan
 * they are near-deterministic. They still drift with the bench's own rolled-back writes (dead
 * tuples an index scan must step over until vacuum), and that drift hits the query run as owner
 * just as much; so with a `control` only the growth beyond the owner's counts.
 */
export function compareBuffers(baseline: BufferSide, current: BufferSide, control: { readonly baseline: BufferSide; readonly current: BufferSide } | null, rules: BufferRules): BufferEvidence {
  const source = sourceFor(baseline, current);
  const before = blocksPerExecution(baseline, source);
  const now = blocksPerExecution(current, source);
  let controlGrowth: number | null = null;
  if (control) {
    const ownerSource = sourceFor(control.baseline, control.current);
    controlGrowth = blocksPerExecution(control.current, ownerSource) - blocksPerExecution(control.baseline, ownerSource);
  }
  const excess = now - before - Math.max(0, controlGrowth ?? 0);
  const regressed = excess > rules.minChange * before && excess >= rules.floorBlocks;
  return { source, baseline: round(before), current: round(now), controlGrowth: controlGrowth === null ? null : round(controlGrowth), excess: round(excess), regressed };
}
