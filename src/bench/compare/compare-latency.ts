import { nearestRank, type TimingStats } from '../measure/summarize-timings.js';
import { mannWhitneyGreater } from './mann-whitney.js';

/** What the latency comparison needs of one mode of one run; `samplesMs` is absent in a medseed-bench/1 baseline. */
export interface LatencySide {
  readonly stats: TimingStats;
  readonly samplesMs?: readonly number[] | undefined;
}

export interface LatencyRules {
  /** One-sided significance level of the shift test. */
  readonly alpha: number;
  /** Smallest relative slowdown that counts (0.2: the context's 20%). */
  readonly minChange: number;
  /** Smallest absolute slowdown that counts, in ms: sub-millisecond queries are mostly round trip. */
  readonly floorMs: number;
}

export interface LatencyEvidence {
  /** mann-whitney: medians, with a rank test on the samples; p95: the baseline has no samples (p95 and p50 must both have moved). */
  readonly method: 'mann-whitney' | 'p95';
  readonly baselineMs: number;
  readonly currentMs: number;
  /** currentMs / baselineMs. */
  readonly ratio: number;
  /** The same ratio for the query run as owner in the same two runs; null when that is no fair control. */
  readonly controlRatio: number | null;
  /** One-sided p-value that the run under RLS got slower (after the control, when there is one); null for p95. */
  readonly pValue: number | null;
  readonly regressed: boolean;
}

const median = (values: readonly number[]) => nearestRank([...values].sort((a, b) => a - b), 0.5);
const hasSamples = (side: LatencySide) => (side.samplesMs?.length ?? 0) > 0;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function statistic(baseline: LatencySide, current: LatencySide): { method: LatencyEvidence['method']; baselineMs: number; currentMs: number } {
  if (hasSamples(baseline) && hasSamples(current)) {
    return { method: 'mann-whitney', baselineMs: median(baseline.samplesMs!), currentMs: median(current.samplesMs!) };
  }
  return { method: 'p95', baselineMs: baseline.stats.p95Ms, currentMs: current.stats.p95Ms };
}

const ratioOf = (baselineMs: number, currentMs: number) => (baselineMs > 0 ? currentMs / baselineMs : currentMs > 0 ? Number.POSITIVE_INFINITY : 1);

/**
 * Each sample under RLS divided by the median owner sample of its round (the two modes alternate in
 * rounds of `round` executions): whatever the machine did at that moment cancels out.
 */
function perRound(rls: readonly number[], owner: readonly number[], round: number): number[] | null {
  if (rls.length !== owner.length || !(round >= 1)) return null;
  return rls.map((ms, i) => {
    const start = Math.floor(i / round) * round;
    return ms / median(owner.slice(start, start + round));
  });
}

/** The same query as owner in the same two runs, and the interleaving round both runs used (null: unknown or different). */
export interface LatencyControl {
  readonly baseline: LatencySide;
  readonly current: LatencySide;
  readonly round: number | null;
}

function moved(baselineMs: number, currentMs: number, control: { baseline: number; current: number } | null, minChange: number): boolean {
  const ratio = ratioOf(baselineMs, currentMs);
  const controlRatio = control && control.baseline > 0 && control.current > 0 ? control.current / control.baseline : 1;
  return ratio > 1 + minChange && ratio / controlRatio > 1 + minChange;
}

/**
 * Did the query under RLS get slower, by a margin that noise does not explain? It regressed when its
 * median moved significantly (Mann–Whitney U, one-sided, p < alpha), by more than `minChange` and
 * by `floorMs` or more. With a `control` (the same query as owner, same SQL and plan in both runs),
 * each sample is first divided by the owner's median of the same interleaved round (or, without
 * rounds, the run by how much the owner run moved): a machine that was busier for a moment slows
 * both modes alike, and that is not a regression of the query. A baseline without
 * samples falls back to comparing p95s under the same rules, without a test, and asks the p50 to
 * have moved as much.
 */
export function compareLatency(
  baseline: LatencySide,
  current: LatencySide,
  control: LatencyControl | null,
  rules: LatencyRules,
): LatencyEvidence {
  const { method, baselineMs, currentMs } = statistic(baseline, current);
  const ratio = ratioOf(baselineMs, currentMs);
  let controlRatio: number | null = null;
  if (control) {
    const owner = statistic(control.baseline, control.current);
    if (owner.method === method && owner.baselineMs > 0 && owner.currentMs > 0) controlRatio = owner.currentMs / owner.baselineMs;
  }
  let controlled = ratio / (controlRatio ?? 1);
  let pValue: number | null = null;
  if (method === 'mann-whitney') {
    const rounds = control && hasSamples(control.baseline) && hasSamples(control.current) && control.round !== null
      ? [perRound(baseline.samplesMs!, control.baseline.samplesMs!, control.round), perRound(current.samplesMs!, control.current.samplesMs!, control.round)]
      : [null, null];
    const [before, now] = rounds;
    if (before && now) {
      controlled = median(now) / median(before);
      controlRatio = ratio / controlled;
      pValue = mannWhitneyGreater(before, now).pValue;
    } else {
      const scale = 1 / (controlRatio ?? 1);
      pValue = mannWhitneyGreater(baseline.samplesMs!, current.samplesMs!.map((ms) => ms * scale)).pValue;
    }
  }
  // without samples there is no test; asking the median to agree with the p95 keeps one slow tail value from deciding
  const medianAgrees = method === 'mann-whitney' || moved(baseline.stats.p50Ms, current.stats.p50Ms, control && { baseline: control.baseline.stats.p50Ms, current: control.current.stats.p50Ms }, rules.minChange);
  const regressed =
    (pValue === null || pValue < rules.alpha) && medianAgrees && ratio > 1 + rules.minChange && controlled > 1 + rules.minChange && currentMs - baselineMs >= rules.floorMs;
  return {
    method,
    baselineMs: round(baselineMs, 3),
    currentMs: round(currentMs, 3),
    ratio: Number.isFinite(ratio) ? round(ratio, 3) : 999,
    controlRatio: controlRatio === null ? null : round(controlRatio, 3),
    pValue: pValue === null ? null : Number(pValue.toPrecision(3)),
    regressed,
  };
}
