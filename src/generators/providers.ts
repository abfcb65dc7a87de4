import type { Plan } from '../plan/create-plan.js';
import { createWeightedPicker, pick } from '../rng/distributions.js';
import { createRandom, entityKey } from '../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from './calendar.js';
import { deriveId } from './ids.js';
import { deriveNpi } from './identifiers.js';
import type { OrganizationInfo } from './organizations.js';
import type { ProviderRow } from './row-types.js';
import type { Vocabulary } from './vocabulary.js';

// Staff mix of a health organization (A): physicians, advanced practice, nursing and support.
const ROLE_WEIGHTS = {
  physician: 40,
  nurse_practitioner: 10,
  physician_assistant: 5,
  nurse: 28,
  medical_assistant: 9,
  pharmacist: 3,
  care_coordinator: 5,
} as const;
type Role = keyof typeof ROLE_WEIGHTS;
const ROLES = Object.keys(ROLE_WEIGHTS) as Role[];
const pickRole = createWeightedPicker(ROLES, Object.values(ROLE_WEIGHTS));

export interface ProviderInfo {
  readonly index: number;
  readonly orgIndex: number;
  readonly id: string;
  readonly role: Role;
  readonly specialty: string;
  readonly row: ProviderRow;
}

/**
 * The fixed staff of every organization: local index 0 is a primary-care physician (every tenant can
 * see patients), index 1 the organization's administrator.
 */
function roleOf(localIndex: number, randomRole: Role): Role {
  if (localIndex === 0) return 'physician';
  if (localIndex === 1) return 'care_coordinator';
  return randomRole;
}

export function generateProvider(
  plan: Plan,
  vocabulary: Vocabulary,
  org: OrganizationInfo,
  index: number,
): ProviderInfo {
  const random = createRandom(entityKey(plan.config.seed, plan.version, 'provider', index));
  const localIndex = index - (plan.providerOffsets[org.index] as number);
  const role = roleOf(localIndex, pickRole(random));
  const specialties = vocabulary.specialties.filter((s) => s.role === role);
  const specialty =
    localIndex === 0
      ? 'family_medicine'
      : specialties.length > 0
        ? createWeightedPicker(specialties, specialties.map((s) => s.weight))(random).code
        : role;
  const female = random.next() < 0.55;
  const givenName = pick(random, female ? vocabulary.names.female : vocabulary.names.male);
  const familyName = pick(random, vocabulary.names.family);
  const id = deriveId(plan.runHash, 'providers', index, 0);
  const domain = org.row.slug.replace(/-\d+$/, '').slice(0, 24) + '.example.org';
  const createdDay = plan.historyStartDay - Math.floor(random.next() * 3650);
  return {
    index,
    orgIndex: org.index,
    id,
    role,
    specialty,
    row: {
      id,
      orgId: org.id,
      npi: deriveNpi(index),
      givenName,
      familyName,
      role,
      specialty,
      email: `${givenName}.${familyName}.${index}@${domain}`.toLowerCase().replace(/[^a-z0-9.@-]/g, ''),
      isOrgAdmin: localIndex === 1,
      createdAt: formatTimestamp(createdDay * SECONDS_PER_DAY),
    },
  };
}
