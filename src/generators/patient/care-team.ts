import { lognormal, pick } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from '../calendar.js';
import { deriveId } from '../ids.js';
import type { ProviderInfo } from '../providers.js';
import type { CareTeamMemberRow } from '../row-types.js';
import type { StaffDirectory, World } from '../world.js';
import type { Demographics } from './demographics.js';
import type { ProblemList } from './conditions.js';

// Which specialist follows which chronic condition (by ICD-10-CM category), matched against
// specialty codes by keyword so the fixture can name them freely.
const SPECIALIST_FOR_CATEGORY: Record<string, string> = {
  I25: 'cardio',
  I48: 'cardio',
  I50: 'cardio',
  E11: 'endocrin',
  E03: 'endocrin',
  N18: 'nephro',
  J44: 'pulmon',
  J45: 'pulmon',
  F32: 'psychiat',
  F41: 'psychiat',
  M17: 'ortho',
  M54: 'ortho',
  K21: 'gastro',
};

export interface CareTeam {
  /** The patient's primary-care clinician (also the usual encounter provider). */
  readonly primary: ProviderInfo;
  /** Current members, primary first. */
  readonly members: readonly ProviderInfo[];
  readonly rows: readonly CareTeamMemberRow[];
}

function specialistFor(random: Random, staff: StaffDirectory, category: string): ProviderInfo | undefined {
  const keyword = SPECIALIST_FOR_CATEGORY[category];
  if (!keyword) return undefined;
  for (const [specialty, members] of staff.bySpecialty) {
    if (specialty.includes(keyword) && members.length > 0) return pick(random, members);
  }
  return undefined;
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

/** A care team of 3-8 people (lognormal size): primary care, nursing, the specialists the problem list calls for. */
export function buildCareTeam(world: World, random: Random, patient: Demographics, problems: ProblemList): CareTeam {
  const { plan, params } = world;
  const staff = world.staff[patient.org.index] as StaffDirectory;
  const primary = pick(random, staff.primaryCare);
  const members: ProviderInfo[] = [primary];
  const add = (provider: ProviderInfo | undefined) => {
    if (provider && !members.includes(provider)) members.push(provider);
  };
  if (staff.nurses.length > 0) add(pick(random, staff.nurses));
  for (const diagnosis of problems.chronic) add(specialistFor(random, staff, diagnosis.code.slice(0, 3)));
  const size = Math.min(8, Math.max(3, Math.round(lognormal(random, params.careTeamMedian, params.careTeamSigma))));
  for (let attempts = 0; members.length < Math.min(size, staff.all.length) && attempts < 20; attempts++) {
    add(pick(random, staff.all));
  }

  const rows: CareTeamMemberRow[] = [];
  const startDay = Math.max(patient.birthDay, plan.historyStartDay - Math.floor(random.next() * 1500));
  let sequence = 0;
  // Some patients changed primary clinician: the former one keeps an ended membership, which
  // the care-team policy must ignore.
  if (random.next() < 0.1 && staff.primaryCare.length > 1) {
    const former = pick(random, staff.primaryCare.filter((p) => p !== primary));
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
  return { primary, members, rows };
}
