import type { Random } from './random.js';

// Samplers over a Random. Math.log/exp/sqrt/cos are fdlibm ports in V8, so results are identical
// across machines for a given Node major version.

export function uniformInt(random: Random, minInclusive: number, maxInclusive: number): number {
  return minInclusive + Math.floor(random.next() * (maxInclusive - minInclusive + 1));
}

export function uniform(random: Random, min: number, max: number): number {
  return min + random.next() * (max - min);
}

export function bernoulli(random: Random, probability: number): boolean {
  return random.next() < probability;
}

export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(random.next() * items.length)] as T;
}

/** Standard normal via Box–Muller (one value per call keeps streams simple to reason about). */
export function standardNormal(random: Random): number {
  const u = 1 - random.next(); // (0, 1]: log(0) would be -Infinity
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export function normal(random: Random, mean: number, sd: number): number {
  return mean + sd * standardNormal(random);
}

/** Lognormal given its median (e^mu) and sigma: the natural way to quote note lengths and stays. */
export function lognormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * standardNormal(random));
}

/** Gamma(shape, scale) by Marsaglia–Tsang; shape < 1 handled by the usual boost. */
export function gamma(random: Random, shape: number, scale: number): number {
  if (shape < 1) {
    const boost = Math.pow(1 - random.next(), 1 / shape);
    return gamma(random, shape + 1, scale) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

/** Poisson by inversion for small means, normal approximation above 60 (where it is within a fraction of a percent). */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(normal(random, mean, Math.sqrt(mean))));
  let k = 0;
  let p = Math.exp(-mean);
  let cumulative = p;
  const u = random.next();
  while (u > cumulative && k < 1000) {
    k++;
    p *= mean / k;
    cumulative += p;
  }
  return k;
}

/** Negative binomial as a gamma–Poisson mixture with the given mean and shape k (smaller k, heavier tail). */
export function negativeBinomial(random: Random, mean: number, shape: number): number {
  if (mean <= 0) return 0;
  return poisson(random, gamma(random, shape, mean / shape));
}

/** A sampler for weighted choice, built once per list (cumulative weights + binary search). */
export function createWeightedPicker<T>(items: readonly T[], weights: readonly number[]): (random: Random) => T {
  if (items.length === 0 || items.length !== weights.length) throw new Error('weighted picker needs one weight per item');
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    const weight = weights[i] as number;
    if (!(weight >= 0)) throw new Error(`weight ${i} must be >= 0, got ${weight}`);
    total += weight;
    cumulative[i] = total;
  }
  if (total <= 0) throw new Error('weighted picker needs a positive total weight');
  return (random) => {
    const target = random.next() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] as T;
  };
}
