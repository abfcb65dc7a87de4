import { hashInts, hashString } from '../../rng/hash.js';
import { standardNormal } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import type { Measurement } from '../vocabulary.js';

// Lab and vital values per REALISM.md §6: a per-patient latent level plus AR(1) noise (rho 0.7)
// around condition-specific means, so a patient's results look like one person's, not white noise.

const RHO = 0.7;

/** ICD-10-CM categories that push a measurement toward its abnormal-high value. */
const RAISED_BY: Record<string, readonly string[]> = {
  E11: ['2345-7', '4548-4'],
  I10: ['8480-6', '8462-4'],
  N18: ['2160-0', '3094-0'],
  E78: ['2093-3', '18262-6', '2571-8'],
  E03: ['3016-3'],
};

function uniformFromHash(h: number): number {
  return (h + 0.5) / 4_294_967_296;
}

/** A stable standard normal for (patient, code) that does not consume the patient's stream. */
function latentNormal(seed: number, patientIndex: number, code: string): number {
  const h1 = hashInts(seed, patientIndex, hashString(code), 1);
  const h2 = hashInts(seed, patientIndex, hashString(code), 2);
  return Math.sqrt(-2 * Math.log(uniformFromHash(h1))) * Math.cos(2 * Math.PI * uniformFromHash(h2));
}

export interface MeasurementModel {
  /** The next value of a measurement for this patient, formatted with the fixture's decimals. */
  next(random: Random, measurement: Measurement): { value: string; numeric: number; flag: 'L' | 'N' | 'H' };
}

export function createMeasurementModel(
  latentSeed: number,
  patientIndex: number,
  chronicCodes: readonly string[],
  sex: 'female' | 'male',
): MeasurementModel {
  const raised = new Set<string>();
  for (const code of chronicCodes) for (const loinc of RAISED_BY[code.slice(0, 3)] ?? []) raised.add(loinc);
  const state = new Map<string, { mean: number; deviation: number }>();
  return {
    next(random, m) {
      let entry = state.get(m.code);
      if (!entry) {
        const z = latentNormal(latentSeed, patientIndex, m.code);
        const sd = (m.high - m.low) / 4;
        let mean = (m.low + m.high) / 2 + 0.7 * sd * z;
        if (raised.has(m.code)) {
          const severity = 0.25 + 0.35 * uniformFromHash(hashInts(latentSeed, patientIndex, hashString(m.code), 3));
          mean = m.high + (m.abnormalHigh - m.high) * severity;
        }
        // Hemoglobin and similar: men run higher (Merck CBC table); a small shift keeps one fixture row per code.
        if (m.code === '718-7' && sex === 'male') mean += 1.5;
        entry = { mean, deviation: 0 };
        state.set(m.code, entry);
      }
      entry.deviation = RHO * entry.deviation + Math.sqrt(1 - RHO * RHO) * standardNormal(random);
      const sd = (m.high - m.low) / 8;
      // measured quantities here are never negative; a low of 0 (e.g. D-dimer) must not dip below it
      const lowest = m.low > 0 ? m.low * 0.3 : 0;
      const numeric = Math.min(m.abnormalHigh * 1.2, Math.max(lowest, entry.mean + sd * entry.deviation));
      const value = numeric.toFixed(m.decimals);
      const shown = Number(value);
      return { value, numeric: shown, flag: shown < m.low ? 'L' : shown > m.high ? 'H' : 'N' };
    },
  };
}
