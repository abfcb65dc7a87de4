import type { Random } from '../../rng/random.js';

export const TENANT_CLASSES = ['largest', 'mid', 'small'] as const;
export type TenantClass = (typeof TENANT_CLASSES)[number];

/** Org 0 is the largest tenant; the smaller half of the organizations (by index, hence by size) are small. */
export function tenantClassOf(orgIndex: number, orgCount: number): TenantClass {
  if (orgIndex === 0) return 'largest';
  return orgIndex >= Math.ceil(orgCount / 2) ? 'small' : 'mid';
}

export interface Candidate<T> {
  readonly item: T;
  readonly orgIndex: number;
  /** How heavy the candidate is (events of a patient, queue length of a clinician). */
  readonly weight: number;
}

export interface Picked<T> {
  readonly item: T;
  readonly orgIndex: number;
  readonly weight: number;
  readonly tenant: TenantClass;
  readonly heavy: boolean;
}

// The order strata take turns in: the extremes (largest tenant and heavy, small tenant and light) first.
const ROUND: readonly [TenantClass, boolean][] = [
  ['largest', true],
  ['small', false],
  ['largest', false],
  ['small', true],
  ['mid', true],
  ['mid', false],
];

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * Picks `count` candidates spread across tenant sizes and across light and heavy (split at the
 * median weight), the strata taking turns; an empty stratum hands its turn to the next. Within a
 * stratum candidates come in a shuffled order and repeat only when all were used.
 */
export function pickStratified<T>(candidates: readonly Candidate<T>[], count: number, random: Random, orgCount: number): Picked<T>[] {
  if (candidates.length === 0) return [];
  const weights = candidates.map((c) => c.weight).sort((a, b) => a - b);
  const median = weights[Math.floor(weights.length / 2)] as number;
  const strata = ROUND.map(([tenant, heavy]) => {
    const members = candidates
      .filter((c) => tenantClassOf(c.orgIndex, orgCount) === tenant && (c.weight >= median) === heavy)
      .map((c) => ({ ...c, tenant, heavy }));
    return { members: shuffled(members, random), next: 0 };
  });
  const picked: Picked<T>[] = [];
  for (let turn = 0; picked.length < count; turn++) {
    const stratum = strata[turn % strata.length]!;
    if (stratum.members.length === 0) continue;
    picked.push(stratum.members[stratum.next % stratum.members.length]!);
    stratum.next += 1;
  }
  return picked;
}
