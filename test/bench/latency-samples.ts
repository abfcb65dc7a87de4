import seedrandom from 'seedrandom';

/**
 * Latency-like samples: a fixed floor (the round trip) plus a log-normal body and a few slow
 * outliers, as a busy machine produces them. Seeded, so every test input is fixed.
 */
export function latencySamples(seed: string, count: number, medianMs: number, floorMs = 0): number[] {
  const random = seedrandom.alea(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Array.from({ length: count }, () => {
    const outlier = random() < 0.05 ? 3 + 5 * random() : 1;
    return floorMs + (medianMs - floorMs) * Math.exp(0.35 * normal()) * outlier;
  });
}
