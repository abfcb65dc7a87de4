import { pick, uniformInt, createWeightedPicker } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { formatDate, formatTimestamp, SECONDS_PER_DAY } from '../calendar.js';
import { deriveId } from '../ids.js';
import { deriveMrn } from '../identifiers.js';
import type { OrganizationInfo } from '../organizations.js';
import type { PatientRow } from '../row-types.js';
import type { World } from '../world.js';

/**
 * Age bands of a clinic population: the census pyramid reweighted by visit rates, so it skews
 * older than the general population (REALISM.md §6, A).
 */
export const AGE_BANDS = [
  { from: 0, to: 5, weight: 0.05 },
  { from: 5, to: 18, weight: 0.11 },
  { from: 18, to: 45, weight: 0.3 },
  { from: 45, to: 65, weight: 0.28 },
  { from: 65, to: 75, weight: 0.14 },
  { from: 75, to: 95, weight: 0.12 },
] as const;
const pickBand = createWeightedPicker(AGE_BANDS, AGE_BANDS.map((band) => band.weight));

export interface Demographics {
  readonly index: number;
  readonly id: string;
  readonly org: OrganizationInfo;
  readonly sex: 'female' | 'male';
  readonly birthDay: number;
  /** Age in whole years at the reference date. */
  readonly age: number;
  readonly givenName: string;
  readonly familyName: string;
  readonly row: PatientRow;
}

const EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'outlook.com', 'icloud.com', 'hotmail.com', 'aol.com'];

export function generateDemographics(world: World, random: Random, index: number, org: OrganizationInfo): Demographics {
  const { plan, vocabulary, params } = world;
  const sex = random.next() < params.femaleShare ? 'female' : 'male';
  const band = pickBand(random);
  const ageDays = Math.floor((band.from + random.next() * (band.to - band.from)) * 365.25);
  const birthDay = plan.referenceDay - ageDays;
  const givenName = pick(random, sex === 'female' ? vocabulary.names.female : vocabulary.names.male);
  const familyName = pick(random, vocabulary.names.family);
  const id = deriveId(plan.runHash, 'patients', index, 0);
  const hasEmail = random.next() < 0.7;
  const phone = `${uniformInt(random, 201, 989)}-${uniformInt(random, 200, 999)}-${String(uniformInt(random, 0, 9999)).padStart(4, '0')}`;
  const address = `${uniformInt(random, 1, 9999)} ${pick(random, vocabulary.names.family)} ${pick(random, vocabulary.names.streetSuffixes)}`;
  // Registered some time before the history window (or at birth, for young children).
  const registeredDay = Math.max(birthDay, plan.historyStartDay - Math.floor(random.next() * 3650));
  return {
    index,
    id,
    org,
    sex,
    birthDay,
    age: Math.floor(ageDays / 365.25),
    givenName,
    familyName,
    row: {
      id,
      orgId: org.id,
      mrn: deriveMrn(index),
      givenName,
      familyName,
      birthDate: formatDate(birthDay),
      sex,
      phone,
      email: hasEmail ? `${givenName}.${familyName}${index % 1000}@${pick(random, EMAIL_DOMAINS)}`.toLowerCase().replace(/[^a-z0-9.@]/g, '') : null,
      addressLine: address,
      city: pick(random, vocabulary.names.cities),
      state: pick(random, vocabulary.names.states),
      postalCode: String(uniformInt(random, 1001, 99950)).padStart(5, '0'),
      createdAt: formatTimestamp(registeredDay * SECONDS_PER_DAY + uniformInt(random, 8 * 3600, 17 * 3600)),
    },
  };
}

/** Age band index used by prevalence tables: 0 under 18, 1 18-44, 2 45-64, 3 65 and over. */
export function ageBandIndex(age: number): 0 | 1 | 2 | 3 {
  return age < 18 ? 0 : age < 45 ? 1 : age < 65 ? 2 : 3;
}
