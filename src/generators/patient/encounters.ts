import { createWeightedPicker, gamma, lognormal, negativeBinomial, pick, poisson } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from '../calendar.js';
import {
  clinicSecondOfDay,
  edSecondOfDay,
  pickClinicDay,
  pickEdDay,
  toEpochSeconds,
  workdayOnOrAfter,
} from '../clinical/time-patterns.js';
import { deriveId } from '../ids.js';
import type { ProviderInfo } from '../providers.js';
import type { EncounterRow } from '../row-types.js';
import type { Diagnosis } from '../vocabulary.js';
import type { World } from '../world.js';
import type { CareTeam } from './care-team.js';
import type { ProblemList } from './conditions.js';
import { AGE_BANDS, ageBandIndex, type Demographics } from './demographics.js';

export interface PlannedEncounter {
  readonly sequence: number;
  readonly id: string;
  readonly kind: 'ambulatory' | 'emergency' | 'inpatient' | 'virtual';
  readonly provider: ProviderInfo;
  readonly reason: Diagnosis | undefined;
  /** Epoch seconds. */
  readonly start: number;
  readonly end: number;
  readonly status: 'planned' | 'in_progress' | 'finished';
  readonly stayDays: number;
  readonly icu: boolean;
  readonly row: EncounterRow;
}

/** Office visits per 100 persons by age (and sex for 18-44), Health, United States 2005 [10]. */
function visitRatePer100(age: number, sex: 'female' | 'male'): number {
  if (age < 18) return 279;
  if (age < 45) return sex === 'female' ? 350 : 171;
  if (age < 55) return 386;
  if (age < 65) return 480;
  if (age < 75) return 662;
  return 804;
}

/** The population mean of visitRatePer100 over our age bands, so that factors average to 1. */
function meanVisitRate(femaleShare: number): number {
  let total = 0;
  for (const band of AGE_BANDS) {
    const mid = (band.from + band.to) / 2;
    const rate =
      band.from === 45
        ? (visitRatePer100(50, 'female') + visitRatePer100(60, 'female')) / 2
        : femaleShare * visitRatePer100(mid, 'female') + (1 - femaleShare) * visitRatePer100(mid, 'male');
    total += band.weight * rate;
  }
  return total;
}

interface EncounterCatalog {
  pickAcute: (random: Random) => Diagnosis;
  wellness: readonly Diagnosis[];
  meanVisitRate: number;
}
const catalogs = new WeakMap<World, EncounterCatalog>();

/** Reason-code pickers and the visit-rate normaliser, built once per world instead of per patient. */
function catalogOf(world: World): EncounterCatalog {
  let catalog = catalogs.get(world);
  if (!catalog) {
    const acute = world.vocabulary.diagnoses.filter((d) => d.kind === 'acute' || d.kind === 'injury');
    catalog = {
      pickAcute: createWeightedPicker(acute, acute.map((d) => d.weight)),
      wellness: world.vocabulary.diagnoses.filter((d) => d.kind === 'encounter'),
      meanVisitRate: meanVisitRate(world.params.femaleShare),
    };
    catalogs.set(world, catalog);
  }
  return catalog;
}

// Admission risk by age band relative to the mean (A: older patients are admitted more).
const ADMISSION_FACTOR = [0.55, 0.65, 0.95, 1.85] as const;

interface Draft {
  kind: PlannedEncounter['kind'];
  start: number;
  end: number;
  provider: ProviderInfo;
  reason: Diagnosis | undefined;
  stayDays: number;
  icu: boolean;
}

/**
 * Schedules a patient's encounters over the history window: office visits Poisson with a
 * gamma-distributed personal rate (negative binomial overall, heavy-tailed), ED visits and
 * admissions for a minority, and sometimes one upcoming appointment.
 */
export function scheduleEncounters(
  world: World,
  random: Random,
  patient: Demographics,
  problems: ProblemList,
  team: CareTeam,
): { encounters: PlannedEncounter[]; visitRate: number } {
  const { plan, params } = world;
  const offset = patient.org.utcOffsetMinutes;
  const startDay = Math.max(plan.historyStartDay, patient.birthDay + 1);
  const endDay = plan.referenceDay;
  const years = Math.max(0, endDay - startDay) / 365.25;
  const { pickAcute, wellness, meanVisitRate: meanRate } = catalogOf(world);
  const factor = visitRatePer100(patient.age, patient.sex) / meanRate;
  const visitRate = gamma(random, params.officeVisitShape, (params.officeVisitsPerYear * factor) / params.officeVisitShape);
  const clinicians = team.members.filter((m) => m.role === 'physician' || m.role === 'nurse_practitioner' || m.role === 'physician_assistant');
  const drafts: Draft[] = [];

  const officeVisits = endDay > startDay ? poisson(random, visitRate * years) : 0;
  for (let i = 0; i < officeVisits; i++) {
    const day = pickClinicDay(random, startDay, endDay, params.weekendShare);
    const start = toEpochSeconds(day, clinicSecondOfDay(random), offset);
    // a late visit on the last local day can fall after "now" in UTC; it would read as a booked weekend appointment
    if (start >= endDay * SECONDS_PER_DAY) continue;
    const virtual = random.next() < params.virtualVisitShare;
    const provider = random.next() < 0.7 || clinicians.length === 0 ? team.primary : pick(random, clinicians);
    const roll = random.next();
    const reason =
      problems.chronic.length > 0 && roll < 0.6
        ? pick(random, problems.chronic)
        : roll < 0.8 && wellness.length > 0
          ? pick(random, wellness)
          : pickAcute(random);
    const minutes = virtual ? 15 : 15 + Math.floor(random.next() * 30);
    drafts.push({ kind: virtual ? 'virtual' : 'ambulatory', start, end: start + minutes * 60, provider, reason, stayDays: 0, icu: false });
  }

  const edVisits = endDay > startDay ? negativeBinomial(random, params.edVisitsPerYear * years, params.edVisitShape) : 0;
  for (let i = 0; i < edVisits; i++) {
    const day = pickEdDay(random, startDay, endDay);
    const start = toEpochSeconds(day, edSecondOfDay(random), offset);
    const hours = lognormal(random, 4, 0.5);
    drafts.push({ kind: 'emergency', start, end: start + Math.round(hours * 3600), provider: pick(random, team.view.acute), reason: pickAcute(random), stayDays: 0, icu: false });
  }

  const admissionRate = params.admissionsPerYear * (ADMISSION_FACTOR[ageBandIndex(patient.age)] / 1.1);
  const admissions = endDay > startDay ? poisson(random, admissionRate * years) : 0;
  for (let i = 0; i < admissions; i++) {
    const day = startDay + Math.floor(random.next() * (endDay - startDay));
    const start = toEpochSeconds(day, Math.floor(random.next() * SECONDS_PER_DAY), offset);
    const stayDays = Math.max(0.5, lognormal(random, params.stayMedianDays, params.staySigma));
    const reason = problems.chronic.length > 0 && random.next() < 0.4 ? pick(random, problems.chronic) : pickAcute(random);
    drafts.push({
      kind: 'inpatient',
      start,
      end: start + Math.round(stayDays * SECONDS_PER_DAY),
      provider: pick(random, team.view.acute),
      reason,
      stayDays,
      icu: random.next() < params.icuShare,
    });
  }

  if (officeVisits > 0 && random.next() < 0.4) {
    // booked appointments: clinics are closed at weekends
    const day = workdayOnOrAfter(endDay + 1 + Math.floor(random.next() * 90));
    const start = toEpochSeconds(day, clinicSecondOfDay(random), offset);
    drafts.push({ kind: 'ambulatory', start, end: start + 20 * 60, provider: team.primary, reason: problems.chronic[0] ?? wellness[0], stayDays: 0, icu: false });
  }

  drafts.sort((a, b) => a.start - b.start);
  const now = endDay * SECONDS_PER_DAY;
  const encounters = drafts.map((draft, sequence): PlannedEncounter => {
    const status = draft.start > now ? 'planned' : draft.end > now ? 'in_progress' : 'finished';
    const id = deriveId(plan.runHash, 'encounters', patient.index, sequence);
    return {
      ...draft,
      sequence,
      id,
      status,
      row: {
        id,
        orgId: patient.org.id,
        patientId: patient.id,
        providerId: draft.provider.id,
        class: draft.kind,
        status,
        reasonCode: draft.reason?.code ?? null,
        reasonDisplay: draft.reason?.display ?? null,
        startedAt: formatTimestamp(draft.start),
        endedAt: status === 'finished' ? formatTimestamp(draft.end) : null,
      },
    };
  });
  return { encounters, visitRate };
}
