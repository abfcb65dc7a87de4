import type { StageResult, SweepPoint } from './workload-report.js';

/**
 * Where latency bends as users are added: the first stage whose p95 is more than twice the first
 * stage's, or whose throughput grew by less than half as much as its users did (the server is
 * saturated: more users only queue). Null when no stage bends, or with one stage.
 */
export function findBend(points: readonly SweepPoint[]): { users: number; reason: string } | null {
  const first = points[0];
  if (!first || points.length < 2) return null;
  for (let i = 1; i < points.length; i++) {
    const point = points[i] as SweepPoint;
    const previous = points[i - 1] as SweepPoint;
    if (first.p95Ms > 0 && point.p95Ms > 2 * first.p95Ms) {
      return { users: point.users, reason: `p95 ${point.p95Ms.toFixed(1)} ms is ${(point.p95Ms / first.p95Ms).toFixed(1)}x the ${first.users}-user p95 (${first.p95Ms.toFixed(1)} ms)` };
    }
    const userGain = point.users / previous.users;
    const throughputGain = previous.throughputPerS > 0 ? point.throughputPerS / previous.throughputPerS : Infinity;
    if (userGain > 1 && throughputGain - 1 < (userGain - 1) / 2) {
      return {
        users: point.users,
        reason: `${previous.users} → ${point.users} users (x${userGain.toFixed(1)}) raised throughput only x${throughputGain.toFixed(2)} (${previous.throughputPerS.toFixed(0)} → ${point.throughputPerS.toFixed(0)} ops/s)`,
      };
    }
  }
  return null;
}

export function sweepPoints(stages: readonly StageResult[]): SweepPoint[] {
  return stages.map((s) => ({ users: s.users, throughputPerS: s.total.throughputPerS, p50Ms: s.total.p50Ms, p95Ms: s.total.p95Ms, p99Ms: s.total.p99Ms, errors: s.total.errors }));
}
