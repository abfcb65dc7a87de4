import { hashInts } from '../../rng/hash.js';

/**
 * How busy clinician `providerIndex` is on `day` relative to their usual day: lognormal with
 * median 1. A pure function of (run, clinician, day), so every patient generated in any worker
 * sees the same busy Monday for the same clinician: the day-to-day spread of a clinician's audit
 * volume (REALISM.md §6: lognormal per clinician-workday) comes out of patients generated
 * independently.
 */
export function clinicianDayFactor(runHash: number, providerIndex: number, day: number, sigma: number): number {
  const u = (hashInts(runHash, 0x646179, providerIndex, day) + 1) / 0x1_0000_0001;
  const v = hashInts(runHash, 0x646178, providerIndex, day) / 0x1_0000_0000;
  return Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
}
