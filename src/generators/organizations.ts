import type { Plan } from '../plan/create-plan.js';
import { pick } from '../rng/distributions.js';
import { createRandom, entityKey } from '../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from './calendar.js';
import { deriveId } from './ids.js';
import type { OrganizationRow } from './row-types.js';
import type { Vocabulary } from './vocabulary.js';

/** US time zones with their standard UTC offset; clinic hours are local, timestamps are stored in UTC. */
const TIME_ZONES = [
  ['America/New_York', -5],
  ['America/Chicago', -6],
  ['America/Denver', -7],
  ['America/Los_Angeles', -8],
] as const;

const NAME_SHAPES = {
  enterprise: ['{city} Health System', '{city} Health', '{family} Health Network'],
  regional: ['{city} Regional Medical Center', '{family} Medical Group', '{city} Valley Health'],
  community: ['{city} Community Health', '{family} Family Medicine', '{city} Medical Associates'],
  clinic: ['{family} Clinic', '{city} Family Practice', '{family} Primary Care'],
} as const;

export interface OrganizationInfo {
  readonly index: number;
  readonly id: string;
  /** Minutes to add to UTC for local clinic time. */
  readonly utcOffsetMinutes: number;
  readonly row: OrganizationRow;
}

function tierOf(index: number, orgs: number): keyof typeof NAME_SHAPES {
  if (index === 0) return 'enterprise';
  const rank = index / orgs;
  return rank < 0.2 ? 'regional' : rank < 0.6 ? 'community' : 'clinic';
}

export function generateOrganization(plan: Plan, vocabulary: Vocabulary, index: number): OrganizationInfo {
  const random = createRandom(entityKey(plan.config.seed, plan.version, 'organization', index));
  const tier = tierOf(index, plan.orgWeights.length);
  const [timezone, offsetHours] = pick(random, TIME_ZONES);
  const name = pick(random, NAME_SHAPES[tier])
    .replace('{city}', pick(random, vocabulary.names.cities))
    .replace('{family}', pick(random, vocabulary.names.family));
  const id = deriveId(plan.runHash, 'organizations', index, 0);
  const createdDay = plan.historyStartDay - 365 * (3 + Math.floor(random.next() * 20));
  return {
    index,
    id,
    utcOffsetMinutes: offsetHours * 60,
    row: {
      id,
      name,
      // the index keeps slugs unique whatever names collide
      slug: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${index + 1}`,
      tier,
      timezone,
      createdAt: formatTimestamp(createdDay * SECONDS_PER_DAY),
    },
  };
}
