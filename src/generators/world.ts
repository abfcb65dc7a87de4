import type { Params } from '../config/default-params.js';
import { assignPatients, type PatientAssignment } from '../plan/assign-patients.js';
import type { Plan } from '../plan/create-plan.js';
import { hashString } from '../rng/hash.js';
import { generateOrganization, type OrganizationInfo } from './organizations.js';
import { generateProvider, type ProviderInfo } from './providers.js';
import { deriveStaffing } from './staffing.js';
import type { Vocabulary } from './vocabulary.js';

const CLINICIAN_ROLES = new Set(['physician', 'nurse_practitioner', 'physician_assistant']);
const ACUTE_SPECIALTIES = new Set(['hospitalist', 'emergency_medicine']);

/** A care pod: one primary-care clinician's panel and the staff that works it (see staffing.ts). */
export interface Pod {
  readonly index: number;
  /** Panel size the pod is staffed for; per-patient rates are the clinician's daily rates over it. */
  readonly capacity: number;
  readonly primary: ProviderInfo;
  /** Nurses and medical assistants of the pod. */
  readonly support: readonly ProviderInfo[];
  readonly members: readonly ProviderInfo[];
}

/**
 * The staff of pods 0..k of a tenant: everyone a patient of pod k may meet. Later pods are left
 * out on purpose: they do not exist in a run with fewer patients, and a patient's rows must not
 * depend on how many patients come after it.
 */
export interface StaffView {
  readonly all: readonly ProviderInfo[];
  readonly clinicians: readonly ProviderInfo[];
  /** Hospitalists and ED physicians (or, in a tenant without any, its clinicians). */
  readonly acute: readonly ProviderInfo[];
  readonly nurses: readonly ProviderInfo[];
  /** The most recently added specialist of each specialty. */
  readonly specialists: ReadonlyMap<string, ProviderInfo>;
}

export interface StaffDirectory {
  readonly all: readonly ProviderInfo[];
  readonly pods: readonly Pod[];
  /** views[k]: staff of pods 0..k. */
  readonly views: readonly StaffView[];
  readonly podOfRank: (rank: number) => number;
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
  /** All providers, in id order (the order the providers table is written in). */
  readonly providers: readonly ProviderInfo[];
  readonly staff: readonly StaffDirectory[];
  readonly assignment: PatientAssignment;
  /** The organization of patient `index`. */
  readonly orgOfPatient: (index: number) => number;
  /** The care pod whose panel patient `index` belongs to. */
  readonly podOfPatient: (index: number) => Pod;
  /** Seed for per-patient latent values that must not consume the patient's stream. */
  readonly latentSeed: number;
}

function createView(members: readonly ProviderInfo[]): StaffView {
  const clinicians = members.filter((p) => CLINICIAN_ROLES.has(p.role));
  const acute = clinicians.filter((p) => ACUTE_SPECIALTIES.has(p.specialty));
  const specialists = new Map<string, ProviderInfo>();
  for (const p of members) if (p.role === 'physician') specialists.set(p.specialty, p);
  return { all: members, clinicians, acute: acute.length > 0 ? acute : clinicians, nurses: members.filter((p) => p.role === 'nurse'), specialists };
}

function createStaffDirectory(members: readonly ProviderInfo[], capacities: readonly number[], podOfRank: (rank: number) => number): StaffDirectory {
  const pods: Pod[] = capacities.map((capacity, index) => {
    const inPod = members.filter((p) => p.pod === index);
    return {
      index,
      capacity,
      primary: inPod[0]!,
      support: inPod.filter((p) => p.role === 'nurse' || p.role === 'medical_assistant'),
      members: inPod,
    };
  });
  const views = pods.map((pod) => createView(members.filter((p) => p.pod <= pod.index)));
  return { all: members, pods, views, podOfRank };
}

export function createWorld(plan: Plan, vocabulary: Vocabulary): World {
  const organizations = plan.orgWeights.map((_, index) => generateOrganization(plan, vocabulary, index));
  const assignment = assignPatients(plan.runHash, plan.orgWeights, plan.config.profile.volumes.patients);
  const staffing = deriveStaffing(plan, assignment);
  const perOrg = staffing.map((org, orgIndex) => org.specs.map((spec) => generateProvider(plan, vocabulary, organizations[orgIndex]!, spec)));
  const staff = perOrg.map((members, orgIndex) => createStaffDirectory(members, staffing[orgIndex]!.capacities, staffing[orgIndex]!.podOfRank));
  const providers = perOrg.flat().sort((a, b) => a.index - b.index);
  return {
    plan,
    params: plan.config.profile.params,
    vocabulary,
    organizations,
    providers,
    staff,
    assignment,
    orgOfPatient: (index) => assignment.orgOf[index]!,
    podOfPatient: (index) => {
      const directory = staff[assignment.orgOf[index]!]!;
      return directory.pods[directory.podOfRank(assignment.rankInOrg[index]!)]!;
    },
    latentSeed: hashString(`${plan.config.seed}|${plan.version}|latent`),
  };
}
