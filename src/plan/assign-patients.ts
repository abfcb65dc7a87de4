import { hashInts } from '../rng/hash.js';

// Tag of the patient-to-organization draw, so it never coincides with an id hash.
const ORG_DRAW_TAG = 0x6f7267; // "org"

/** Which organization each patient belongs to, and the patient's rank inside it (0 = its first patient). */
export interface PatientAssignment {
  readonly orgOf: Uint32Array;
  readonly rankInOrg: Uint32Array;
  /** Patients per organization over the whole run (all shards). */
  readonly counts: readonly number[];
  readonly total: number;
}

/**
 * The organization of patient `index`: a weighted draw from a hash of (run, index) alone, not from
 * the patient's stream, so the organization and the patient's rank inside it can be computed for
 * every patient in one cheap pass. Ranks are what panels are cut from: a patient's rank never
 * changes when more patients are added after it (prefix stability).
 */
export function orgOfPatient(runHash: number, cumulativeWeights: Float64Array, index: number): number {
  const u = hashInts(runHash, ORG_DRAW_TAG, index) / 0x1_0000_0000;
  const target = u * (cumulativeWeights[cumulativeWeights.length - 1] as number);
  let lo = 0;
  let hi = cumulativeWeights.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulativeWeights[mid] as number) > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  weights.reduce((sum, w, i) => ((out[i] = sum + w), sum + w), 0);
  return out;
}

/** One pass over all patients of the run (4 bytes each twice: 100,000 patients take 800 kB). */
export function assignPatients(runHash: number, weights: readonly number[], total: number): PatientAssignment {
  const cumulativeWeights = cumulative(weights);
  const orgOf = new Uint32Array(total);
  const rankInOrg = new Uint32Array(total);
  const counts = new Array<number>(weights.length).fill(0);
  for (let index = 0; index < total; index++) {
    const org = orgOfPatient(runHash, cumulativeWeights, index);
    orgOf[index] = org;
    rankInOrg[index] = counts[org]!++;
  }
  return { orgOf, rankInOrg, counts, total };
}
