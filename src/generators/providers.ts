import type { PROVIDER_ROLES } from '../../schemas/values.js';
import type { Plan } from '../plan/create-plan.js';
import { pick, standardNormal } from '../rng/distributions.js';
import { createRandom, entityKey } from '../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from './calendar.js';
import { deriveId } from './ids.js';
import { deriveNpi } from './identifiers.js';
import type { OrganizationInfo } from './organizations.js';
import type { ProviderRow } from './row-types.js';
import type { StaffSpec } from './staffing.js';
import type { Vocabulary } from './vocabulary.js';

export type Role = (typeof PROVIDER_ROLES)[number];

export interface ProviderInfo {
  readonly index: number;
  readonly orgIndex: number;
  /** The care pod the provider belongs to (see staffing.ts). */
  readonly pod: number;
  readonly id: string;
  readonly role: Role;
  readonly specialty: string;
  /**
   * How busy this clinician is relative to the median (lognormal, sigma from params): scales
   * their inbox and audit volume, so clinicians differ as in REALISM.md §1.7 (206/505/840
   * messages a quarter in the low, middle and high groups).
   */
  readonly workload: number;
  readonly row: ProviderRow;
}

export function generateProvider(plan: Plan, vocabulary: Vocabulary, org: OrganizationInfo, spec: StaffSpec): ProviderInfo {
  const random = createRandom(entityKey(plan.config.seed, plan.version, 'provider', spec.index));
  const female = random.next() < 0.55;
  const givenName = pick(random, female ? vocabulary.names.female : vocabulary.names.male);
  const familyName = pick(random, vocabulary.names.family);
  const workload = Math.exp(plan.config.profile.params.clinicianWorkloadSigma * standardNormal(random));
  const id = deriveId(plan.runHash, 'providers', spec.index, 0);
  const domain = org.row.slug.replace(/-\d+$/, '').slice(0, 24) + '.example.org';
  const createdDay = plan.historyStartDay - Math.floor(random.next() * 3650);
  return {
    index: spec.index,
    orgIndex: org.index,
    pod: spec.pod,
    id,
    role: spec.role,
    specialty: spec.specialty,
    workload,
    row: {
      id,
      orgId: org.id,
      npi: deriveNpi(spec.index),
      givenName,
      familyName,
      role: spec.role,
      specialty: spec.specialty,
      email: `${givenName}.${familyName}.${spec.index}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
      isOrgAdmin: spec.isOrgAdmin,
      createdAt: formatTimestamp(createdDay * SECONDS_PER_DAY),
    },
  };
}
