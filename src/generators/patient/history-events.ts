import { createWeightedPicker, pick, poisson } from '../../rng/distributions.js';
import { civilFromDays, daysFromCivil } from '../calendar.js';
import { clinicSecondOfDay, pickClinicDay, toEpochSeconds } from '../clinical/time-patterns.js';
import type { Random } from '../../rng/random.js';
import type { Coded, Vaccine } from '../vocabulary.js';
import type { World } from '../world.js';
import { writeEvent } from './event-writer.js';
import type { PatientContext } from './patient-context.js';

const SITES = ['left deltoid', 'right deltoid', 'left thigh', 'right thigh'] as const;

const allergenPickers = new WeakMap<World, (random: Random) => Coded & { weight: number }>();

function allergenPicker(world: World) {
  let picker = allergenPickers.get(world);
  if (!picker) {
    const allergens = world.vocabulary.allergens;
    picker = createWeightedPicker(allergens, allergens.map((a) => a.weight));
    allergenPickers.set(world, picker);
  }
  return picker;
}

/** Allergies recorded once, at registration or at the start of the window (about 30% have any, A). */
export function writeAllergies(ctx: PatientContext): void {
  const { random, world, patient } = ctx;
  if (world.vocabulary.allergens.length === 0) return;
  const count = random.next() < 0.3 ? 1 + poisson(random, 0.4) : 0;
  const pickAllergen = allergenPicker(world);
  const day = Math.max(patient.birthDay + 1, world.plan.historyStartDay);
  for (let i = 0; i < count; i++) {
    const allergen = pickAllergen(random);
    writeEvent(ctx, {
      encounterId: null, category: 'allergy', codeSystem: allergen.system, code: allergen.code, display: allergen.display,
      valueNumeric: null, valueText: pick(random, ['rash', 'hives', 'anaphylaxis', 'nausea', 'swelling']), unit: null,
      status: 'active', at: toEpochSeconds(day, clinicSecondOfDay(random), patient.org.utcOffsetMinutes), recordedBy: ctx.team.primary.id,
      payload: { criticality: random.next() < 0.15 ? 'high' : 'low' },
    });
  }
}

function writeImmunization(ctx: PatientContext, vaccine: Vaccine, day: number, dose: number): void {
  const { random, patient } = ctx;
  writeEvent(ctx, {
    encounterId: null, category: 'immunization', codeSystem: 'CVX', code: vaccine.code, display: vaccine.display,
    valueNumeric: null, valueText: null, unit: null, status: 'completed',
    at: toEpochSeconds(day, clinicSecondOfDay(random), patient.org.utcOffsetMinutes), recordedBy: ctx.team.members[1]?.id ?? ctx.team.primary.id,
    payload: { dose_number: dose, site: pick(random, SITES), lot: `L${Math.floor(random.next() * 900_000 + 100_000)}` },
  });
}

/** Scheduled doses that fall in the window (CVX schedule in months, +-1 month, 90% adherence) and seasonal flu shots. */
export function writeImmunizations(ctx: PatientContext): void {
  const { random, world, patient } = ctx;
  const start = Math.max(world.plan.historyStartDay, patient.birthDay + 1);
  const end = world.plan.referenceDay;
  for (const vaccine of world.vocabulary.vaccines) {
    vaccine.scheduleMonths.forEach((months, dose) => {
      const day = patient.birthDay + Math.round(months * 30.44 + (random.next() - 0.5) * 60);
      if (day >= start && day < end && random.next() < 0.9) writeImmunization(ctx, vaccine, day, dose + 1);
    });
  }
  const flu = world.vocabulary.vaccines.filter((v) => v.seasonal);
  if (flu.length === 0) return;
  const uptake = patient.age >= 65 ? 0.7 : patient.age < 18 ? 0.55 : 0.4;
  // Every flu season (August to February) that overlaps the window.
  const [firstYear] = civilFromDays(start);
  const [lastYear] = civilFromDays(end);
  for (let year = firstYear - 1; year <= lastYear; year++) {
    const seasonStart = Math.max(start, daysFromCivil(year, 8, 15));
    const seasonEnd = Math.min(end, daysFromCivil(year + 1, 2, 28));
    if (seasonEnd - seasonStart < 14 || patient.birthDay > seasonStart - 180 || random.next() >= uptake) continue;
    writeImmunization(ctx, pick(random, flu), pickClinicDay(random, seasonStart, seasonEnd, world.params.weekendShare), 1);
  }
}

