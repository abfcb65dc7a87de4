import { lognormal, pick } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from '../calendar.js';
import { deriveId } from '../ids.js';
import type { ProviderInfo } from '../providers.js';
import type { CareTeamMemberRow } from '../row-types.js';
import type { Pod, StaffView, World } from '../world.js';
import type { Demographics } from './demographics.js';
import type { ProblemList } from './conditions.js';

// Which specialist follows which chronic condition (by ICD-10-CM category).
const SPECIALIST_FOR_CATEGORY: Record<string, string> = {
  I25: 'cardiology',
  I48: 'cardiology',
  I50: 'cardiology',
  E11: 'endocrinology',
  E03: 'endocrinology',
  N18: 'nephrology',
  J44: 'pulmonology',
  J45: 'pulmonology',
  F32: 'psychiatry',
  F41: 'psychiatry',
  M17: 'orthopaedic_surgery',
  M54: 'orthopaedic_surgery',
  K21: 'gastroenterology',
};

export interface CareTeam {
  /** The patient's primary-care clinician: the clinician of the pod whose panel holds the patient. */
  readonly primary: ProviderInfo;
  readonly pod: Pod;
  /** Staff the patient may meet (pods up to the patient's own). */
  readonly view: StaffView;
  /** Current members, primary first. */
  readonly members: readonly ProviderInfo[];
  /** Members who are specialists following one of the patient's conditions. */
  readonly specialists: readonly ProviderInfo[];
  readonly rows: readonly CareTeamMemberRow[];
}

function careTeamRole(provider: ProviderInfo, isPrimary: boolean): CareTeamMemberRow['role'] {
  if (isPrimary) return 'primary_care';
  switch (provider.role) {
    case 'nurse':
    case 'medical_assistant':
      return 'nurse';
    case 'pharmacist':
      return 'pharmacist';
    case 'care_coordinator':
      return 'care_coordinator';
    default:
      return 'specialist';
  }
}

/**
 * A care team of 3-8 people (lognormal size, REALISM.md §6): the pod's primary-care clinician,
 * nurse and a medical assistant, the specialists the problem list calls for (when the tenant has
 * one), then others of the pod or the tenant. So a primary-care clinician's membership is their
 * whole panel, ~1,500 patients once the tenant is large enough.
 */
export function buildCareTeam(world: World, random: Random, patient: Demographics, problems: ProblemList): CareTeam {
  const { plan, params } = world;
  const directory = world.staff[patient.org.index]!;
  const pod = world.podOfPatient(patient.index);
  const view = directory.views[pod.index]!;
  const primary = pod.primary;
  const members: ProviderInfo[] = [primary];
  const specialists: ProviderInfo[] = [];
  const add = (provider: ProviderInfo | undefined) => {
    if (provider && !members.includes(provider)) members.push(provider);
  };
  const nurses = pod.support.filter((p) => p.role === 'nurse');
  const assistants = pod.support.filter((p) => p.role === 'medical_assistant');
  if (nurses.length > 0) add(pick(random, nurses));
  if (assistants.length > 0) add(pick(random, assistants));
  for (const diagnosis of problems.chronic) {
    const specialist = view.specialists.get(SPECIALIST_FOR_CATEGORY[diagnosis.code.slice(0, 3)] ?? '');
    if (specialist && !members.includes(specialist)) {
      members.push(specialist);
      specialists.push(specialist);
    }
  }
  const size = Math.min(8, Math.max(3, Math.round(lognormal(random, params.careTeamMedian, params.careTeamSigma))));
  for (let attempts = 0; members.length < Math.min(size, view.all.length) && attempts < 20; attempts++) {
    add(pick(random, random.next() < 0.5 ? pod.members : view.all));
  }

  const rows: CareTeamMemberRow[] = [];
  const startDay = Math.max(patient.birthDay, plan.historyStartDay - Math.floor(random.next() * 1500));
  let sequence = 0;
  // Some patients changed primary clinician: the former one keeps an ended membership, which
  // the care-team policy must ignore.
  const formerOptions = directory.pods.slice(0, pod.index + 1).map((p) => p.primary).filter((p) => p !== primary);
  if (random.next() < 0.1 && formerOptions.length > 0) {
    const former = pick(random, formerOptions);
    rows.push({
      id: deriveId(plan.runHash, 'care_team_members', patient.index, sequence++),
      orgId: patient.org.id,
      patientId: patient.id,
      providerId: former.id,
      role: 'primary_care',
      periodStart: formatTimestamp((startDay - 700) * SECONDS_PER_DAY + 14 * 3600),
      periodEnd: formatTimestamp(startDay * SECONDS_PER_DAY + 14 * 3600),
    });
  }
  for (const member of members) {
    const joined = member === primary ? startDay : startDay + Math.floor(random.next() * Math.max(1, plan.referenceDay - startDay));
    rows.push({
      id: deriveId(plan.runHash, 'care_team_members', patient.index, sequence++),
      orgId: patient.org.id,
      patientId: patient.id,
      providerId: member.id,
      role: careTeamRole(member, member === primary),
      periodStart: formatTimestamp(joined * SECONDS_PER_DAY + 15 * 3600),
      periodEnd: null,
    });
  }
  return { primary, pod, view, members, specialists, rows };
}
