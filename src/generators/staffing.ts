import type { Params } from '../config/default-params.js';
import type { Plan } from '../plan/create-plan.js';
import { allocateProviders } from '../plan/create-plan.js';
import type { PatientAssignment } from '../plan/assign-patients.js';
import { hashInts } from '../rng/hash.js';
import type { Role } from './providers.js';

/**
 * Staffing derived from patients (REALISM.md §1.1, §6). A tenant's staff is a sequence of care
 * pods; pod k owns the panel of the tenant's patients with ranks [start_k, start_k + capacity_k),
 * capacity ~1,500 (1,200-1,900). Pod 0 is the minimal care team every tenant has, even one too
 * small to fill a panel; pod k >= 1 opens when the tenant's patient count passes the capacity of
 * the pods before it. Ratios per pod (A, no published staffing ratio was found): one primary-care
 * clinician (a nurse practitioner in every 4th pod), one registered nurse, two medical assistants
 * (one in pod 0), one specialist (cycling through the specialties the problem list calls for
 * first), an acute-care physician (hospitalist or ED) every 2nd pod, a pharmacist every 3rd, a
 * care coordinator every 5th.
 */
export interface StaffSpec {
  /** Stable provider index: ids, streams and NPIs derive from it. */
  readonly index: number;
  readonly orgIndex: number;
  readonly pod: number;
  readonly role: Role;
  readonly specialty: string;
  readonly isOrgAdmin: boolean;
}

export interface OrgStaffing {
  readonly specs: readonly StaffSpec[];
  /** Panel capacity of each pod that exists. */
  readonly capacities: readonly number[];
  /** The pod of the tenant's patient with rank r (stable as patients are added). */
  readonly podOfRank: (rank: number) => number;
}

/** Specialists in the order pods add them: those of the common chronic conditions first (A). */
export const SPECIALIST_CYCLE = [
  'endocrinology', 'cardiology', 'psychiatry', 'pulmonology', 'orthopaedic_surgery', 'nephrology', 'gastroenterology',
  'neurology', 'obstetrics_gynecology', 'dermatology', 'general_surgery', 'hematology_oncology',
] as const;

type Slot = readonly [Role, string];

function podRoster(pod: number): Slot[] {
  const specialist: Slot = ['physician', SPECIALIST_CYCLE[pod % SPECIALIST_CYCLE.length]!];
  if (pod === 0) {
    return [['physician', 'family_medicine'], ['care_coordinator', 'case_manager'], ['nurse', 'registered_nurse'],
      ['medical_assistant', 'medical_assistant'], ['physician', 'hospitalist'], specialist];
  }
  const pcp: Slot = pod % 4 === 3 ? ['nurse_practitioner', 'nurse_practitioner_family'] : ['physician', pod % 2 === 0 ? 'internal_medicine' : 'family_medicine'];
  const roster: Slot[] = [pcp, ['nurse', 'registered_nurse'], ['medical_assistant', 'medical_assistant'], ['medical_assistant', 'medical_assistant'], specialist];
  if (pod % 2 === 0) roster.push(['physician', pod % 4 === 0 ? 'emergency_medicine' : 'hospitalist']);
  if (pod % 3 === 0) roster.push(['pharmacist', 'pharmacist']);
  if (pod % 5 === 0) roster.push(['care_coordinator', 'case_manager']);
  return roster;
}
/** Largest roster of a pod: provider indexes leave this many slots per pod. */
const SLOTS_PER_POD = 8;

/** Panel capacity of pod k of an organization: lognormal around the median, clamped to 1,200-1,900 ([30]). */
export function panelCapacity(runHash: number, params: Params, org: number, pod: number): number {
  const u = (hashInts(runHash, 0x70616e, org, pod) + 1) / 0x1_0000_0001;
  const v = hashInts(runHash, 0x70616f, org, pod) / 0x1_0000_0000;
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.round(Math.min(params.panelMax, Math.max(params.panelMin, params.panelMedian * Math.exp(0.15 * z))));
}

/**
 * Natural staffing: pods open as patients arrive. Provider index of pod 0's staff is
 * org * 8 + slot; a later pod's staff take (orgs + i) * 8 + slot, where i is the global index of
 * the patient who opened the pod. Adding patients therefore only appends providers (in id order),
 * and never renumbers one that exists.
 */
function deriveNatural(plan: Plan, assignment: PatientAssignment): OrgStaffing[] {
  const { params } = plan.config.profile;
  const orgs = plan.orgWeights.length;
  const capacities = plan.orgWeights.map((_, org) => [panelCapacity(plan.runHash, params, org, 0)]);
  // pod 0 exists before any patient arrives
  const opened = plan.orgWeights.map((): number[] => [-1]);
  const nextThreshold = capacities.map((c) => c[0]!);
  for (let index = 0; index < assignment.total; index++) {
    const org = assignment.orgOf[index]!;
    if (assignment.rankInOrg[index] === nextThreshold[org]) {
      const pod = capacities[org]!.length;
      capacities[org]!.push(panelCapacity(plan.runHash, params, org, pod));
      opened[org]!.push(index);
      nextThreshold[org]! += capacities[org]![pod]!;
    }
  }
  return plan.orgWeights.map((_, org) => {
    const specs: StaffSpec[] = [];
    opened[org]!.forEach((openedBy, pod) => {
      const base = (pod === 0 ? org : orgs + openedBy) * SLOTS_PER_POD;
      podRoster(pod).forEach(([role, specialty], slot) =>
        specs.push({ index: base + slot, orgIndex: org, pod, role, specialty, isOrgAdmin: pod === 0 && slot === 1 }));
    });
    const starts: number[] = [];
    capacities[org]!.reduce((start, capacity) => (starts.push(start), start + capacity), 0);
    return {
      specs,
      capacities: capacities[org]!,
      podOfRank: (rank: number) => {
        let pod = starts.length - 1;
        while (pod > 0 && starts[pod]! > rank) pod--;
        return pod;
      },
    };
  });
}

/**
 * --providers override: the total is split over tenants by size (at least 2 each) and each tenant
 * takes the first of its natural roster; patients go round-robin over the pods that exist, so
 * panels may run over or under capacity, as the user asked.
 */
function deriveOverride(plan: Plan, total: number): OrgStaffing[] {
  const { params } = plan.config.profile;
  const counts = allocateProviders(total, plan.orgWeights);
  let next = 0;
  return counts.map((count, org) => {
    const specs: StaffSpec[] = [];
    for (let pod = 0; specs.length < count; pod++) {
      for (const [role, specialty] of podRoster(pod)) {
        if (specs.length === count) break;
        specs.push({ index: next++, orgIndex: org, pod, role, specialty, isOrgAdmin: pod === 0 && specs.length === 1 });
      }
    }
    // a pod's primary-care clinician is its first slot, so every pod begun holds one
    const pods = specs[specs.length - 1]!.pod + 1;
    const capacities = Array.from({ length: pods }, (_, pod) => panelCapacity(plan.runHash, params, org, pod));
    return { specs, capacities, podOfRank: (rank: number) => rank % pods };
  });
}

export function deriveStaffing(plan: Plan, assignment: PatientAssignment): OrgStaffing[] {
  const override = plan.config.profile.volumes.providers;
  return override === undefined ? deriveNatural(plan, assignment) : deriveOverride(plan, override);
}
