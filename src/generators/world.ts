import type { Params } from '../config/default-params.js';
import type { Plan } from '../plan/create-plan.js';
import { createWeightedPicker } from '../rng/distributions.js';
import type { Random } from '../rng/random.js';
import { hashString } from '../rng/hash.js';
import { generateOrganization, type OrganizationInfo } from './organizations.js';
import { generateProvider, type ProviderInfo } from './providers.js';
import type { Vocabulary } from './vocabulary.js';

// Specialties that own a patient's primary care.
const PRIMARY_CARE = new Set(['family_medicine', 'internal_medicine', 'pediatrics', 'geriatric_medicine']);

/** One organization's staff, grouped the way care teams and encounters pick them. */
export interface StaffDirectory {
  readonly all: readonly ProviderInfo[];
  readonly primaryCare: readonly ProviderInfo[];
  readonly physicians: readonly ProviderInfo[];
  readonly nurses: readonly ProviderInfo[];
  readonly bySpecialty: ReadonlyMap<string, readonly ProviderInfo[]>;
  readonly byRole: ReadonlyMap<string, readonly ProviderInfo[]>;
}

/**
 * Everything a patient generator reads: the plan, vocabulary, organizations and their staff.
 * Built identically in every worker from the same plan (it is a pure function of it), so workers
 * need no shared state.
 */
export interface World {
  readonly plan: Plan;
  readonly params: Params;
  readonly vocabulary: Vocabulary;
  readonly organizations: readonly OrganizationInfo[];
  readonly providers: readonly ProviderInfo[];
  readonly staff: readonly StaffDirectory[];
  readonly pickOrg: (random: Random) => OrganizationInfo;
  /** Seed for per-patient latent values that must not consume the patient's stream. */
  readonly latentSeed: number;
}

function groupBy<K>(items: readonly ProviderInfo[], key: (p: ProviderInfo) => K): Map<K, ProviderInfo[]> {
  const map = new Map<K, ProviderInfo[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function createStaffDirectory(members: readonly ProviderInfo[]): StaffDirectory {
  const physicians = members.filter((p) => p.role === 'physician');
  const primaryCare = members.filter(
    (p) => (p.role === 'physician' || p.role === 'nurse_practitioner') && PRIMARY_CARE.has(p.specialty),
  );
  return {
    all: members,
    primaryCare: primaryCare.length > 0 ? primaryCare : physicians,
    physicians,
    nurses: members.filter((p) => p.role === 'nurse'),
    bySpecialty: groupBy(members, (p) => p.specialty),
    byRole: groupBy(members, (p) => p.role),
  };
}

export function createWorld(plan: Plan, vocabulary: Vocabulary): World {
  const organizations = plan.orgWeights.map((_, index) => generateOrganization(plan, vocabulary, index));
  const providers: ProviderInfo[] = [];
  for (const org of organizations) {
    const first = plan.providerOffsets[org.index] as number;
    for (let i = 0; i < (plan.providerCounts[org.index] as number); i++) {
      providers.push(generateProvider(plan, vocabulary, org, first + i));
    }
  }
  const staff = organizations.map((org) => createStaffDirectory(providers.filter((p) => p.orgIndex === org.index)));
  return {
    plan,
    params: plan.config.profile.params,
    vocabulary,
    organizations,
    providers,
    staff,
    pickOrg: createWeightedPicker(organizations, plan.orgWeights),
    latentSeed: hashString(`${plan.config.seed}|${plan.version}|latent`),
  };
}
