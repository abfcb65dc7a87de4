import type { Random } from '../../rng/random.js';
import type { Diagnosis, Medication } from '../vocabulary.js';
import type { World } from '../world.js';
import { ageBandIndex, type Demographics } from './demographics.js';

export interface ProblemList {
  /** Chronic diagnoses, in fixture order. */
  readonly chronic: readonly Diagnosis[];
  /** Long-term medications: one per chronic condition that has an indicated drug. */
  readonly medications: readonly Medication[];
}

/** Draws the chronic problem list from age- and sex-specific prevalence, then a drug for each. */
export function deriveProblemList(world: World, random: Random, patient: Demographics): ProblemList {
  const { vocabulary } = world;
  const band = ageBandIndex(patient.age);
  const chronic: Diagnosis[] = [];
  for (const condition of vocabulary.chronicConditions) {
    const prevalence = condition.prevalence[band] * (patient.sex === 'female' ? condition.femaleFactor : 1);
    if (random.next() < prevalence) {
      const diagnosis = diagnosisByCode(world, condition.code);
      if (diagnosis) chronic.push(diagnosis);
    }
  }
  const medications: Medication[] = [];
  for (const diagnosis of chronic) {
    const candidates = medicationsFor(world, diagnosis.code);
    if (candidates.length > 0) {
      const medication = candidates[Math.floor(random.next() * candidates.length)] as Medication;
      if (!medications.includes(medication)) medications.push(medication);
    }
  }
  return { chronic, medications };
}

const diagnosisIndex = new WeakMap<World, Map<string, Diagnosis>>();
const medicationIndex = new WeakMap<World, Map<string, Medication[]>>();

export function diagnosisByCode(world: World, code: string): Diagnosis | undefined {
  let index = diagnosisIndex.get(world);
  if (!index) {
    index = new Map(world.vocabulary.diagnoses.map((d) => [d.code, d]));
    diagnosisIndex.set(world, index);
  }
  return index.get(code);
}

/** Drugs whose indications include the code or its category (E11.65 matches an indication E11.9's "E11"). */
export function medicationsFor(world: World, code: string): readonly Medication[] {
  let index = medicationIndex.get(world);
  if (!index) {
    index = new Map();
    for (const medication of world.vocabulary.medications) {
      for (const indication of medication.indications) {
        for (const key of [indication, indication.slice(0, 3)]) {
          const list = index.get(key) ?? [];
          if (!list.includes(medication)) list.push(medication);
          index.set(key, list);
        }
      }
    }
    medicationIndex.set(world, index);
  }
  return index.get(code) ?? index.get(code.slice(0, 3)) ?? [];
}
