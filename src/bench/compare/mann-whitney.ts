/** One-sided Mann–Whitney U test that `current` tends to be larger than `baseline`. */
export interface ShiftTest {
  /** U of the current sample: how many (current, baseline) pairs have current > baseline (ties count half). */
  readonly u: number;
  readonly z: number;
  /** P(U >= observed) if both samples came from one distribution (normal approximation, tie and continuity corrected). */
  readonly pValue: number;
}

/** Standard normal upper tail, 1 - Φ(z) (Abramowitz–Stegun 7.1.26 on erfc; error < 1.5e-7). */
export function normalUpperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return z >= 0 ? erfc / 2 : 1 - erfc / 2;
}

/**
 * Rank-based, so a few slow outliers (a GC pause, another process taking the core) move it far
 * less than they move a p95: it asks whether the whole distribution moved, not one tail value.
 * Needs no distribution assumption; latencies are skewed and multi-modal.
 */
export function mannWhitneyGreater(baseline: readonly number[], current: readonly number[]): ShiftTest {
  const n1 = current.length;
  const n2 = baseline.length;
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, pValue: 1 };
  const all = [...current.map((value) => ({ value, current: true })), ...baseline.map((value) => ({ value, current: false }))].sort((a, b) => a.value - b.value);
  let rankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.value === all[i]!.value) j++;
    const rank = (i + 1 + j) / 2; // average of ranks i+1..j
    const tied = j - i;
    tieTerm += tied ** 3 - tied;
    for (let k = i; k < j; k++) if (all[k]!.current) rankSum += rank;
    i = j;
  }
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, z: 0, pValue: 1 };
  const z = (u - mean - 0.5) / Math.sqrt(variance);
  return { u, z, pValue: normalUpperTail(z) };
}
