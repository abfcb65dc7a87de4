import type { BenchSample } from '../../bench/params/capture-sample.js';
import type { DrawKind } from '../../bench/params/draw-kinds.js';
import { drawParameterSets, DrawError } from '../../bench/params/draw-parameter-sets.js';
import type { ParameterSet } from '../../bench/params/parameter-set.js';
import { tenantClassOf } from '../../bench/params/pick-stratified.js';
import type { WorkloadMix } from '../mix/workload-mix.js';
import type { OperationInfo } from '../operations/operation-info.js';
import type { UserRole } from '../report/workload-report.js';
import { sampleSeenByAdministrator, sampleSeenByClinician } from './sample-seen-by.js';
import type { UserOperation, WorkloadUser } from './workload-user.js';

/** Parameter sets drawn per operation and user, used in turn. */
export const SETS_PER_OPERATION = 8;

export class NoUsersError extends Error {
  override readonly name = 'NoUsersError';
}

interface Identity {
  readonly role: UserRole;
  readonly orgIndex: number;
  readonly providerId: string;
}

/**
 * Clinicians as the bench draws them: from a stratified draw of patients with a care team, so they
 * spread over the largest, middle and small tenants and over light and heavy patients; each
 * clinician once while there are others left.
 */
function drawClinicians(sample: BenchSample, count: number): Identity[] {
  if (count === 0) return [];
  const sets = drawParameterSets(sample, 'new_vital', Math.max(count * 4, 16));
  const seen = new Set<string>();
  const distinct = sets.filter((s) => !seen.has(s.clinicianId as string) && seen.add(s.clinicianId as string));
  const pool = distinct.length > 0 ? distinct : sets;
  return Array.from({ length: count }, (_, i) => {
    const set = pool[i % pool.length] as ParameterSet;
    return { role: 'clinician' as const, orgIndex: set.orgIndex, providerId: set.clinicianId as string };
  });
}

/** Administrators of the largest tenant and of the small ones in turn, the extremes an admin's dashboard meets. */
function drawAdministrators(sample: BenchSample, count: number): Identity[] {
  const orgCount = sample.world.organizations.length;
  const order = [0, ...sample.world.organizations.map((o) => o.index).filter((i) => i !== 0 && tenantClassOf(i, orgCount) === 'small').reverse()];
  const admins = new Map(sample.world.providers.filter((p) => p.row.isOrgAdmin).map((p) => [p.orgIndex, p.id]));
  return Array.from({ length: count }, (_, i) => {
    const orgIndex = order[i % order.length] as number;
    const providerId = admins.get(orgIndex) ?? (sample.world.providers.find((p) => p.orgIndex === orgIndex)?.id as string);
    return { role: 'administrator' as const, orgIndex, providerId };
  });
}

function setsFor(seen: BenchSample, identity: Identity, draw: DrawKind): ParameterSet[] | string {
  try {
    const sets = drawParameterSets(seen, draw, SETS_PER_OPERATION).filter((s) => s.orgIndex === identity.orgIndex);
    if (sets.length === 0) return `the draw ${draw} has no set in this user's tenant`;
    return sets;
  } catch (error) {
    if (error instanceof DrawError) return error.message;
    throw error;
  }
}

/**
 * The simulated users: `count` of them, administrators first by `mix.administratorsShare`, each
 * with the mix's operations for its role and parameter sets drawn from what it may see. Two users
 * of the same count, seed and mix are the same people whatever else changes.
 */
export function drawUsers(sample: BenchSample, count: number, mix: WorkloadMix, operations: ReadonlyMap<string, OperationInfo>): WorkloadUser[] {
  const adminCount = mix.weights.clinician.length === 0 ? count : Math.min(count, Math.round(count * mix.administratorsShare));
  const identities = [...drawAdministrators(sample, adminCount), ...drawClinicians(sample, count - adminCount)];
  const orgCount = sample.world.organizations.length;
  const users = identities.map((identity, index): WorkloadUser => {
    const seen = identity.role === 'clinician' ? sampleSeenByClinician(sample, identity.providerId) : sampleSeenByAdministrator(sample, identity.orgIndex);
    const available: UserOperation[] = [];
    const unavailable: { name: string; reason: string }[] = [];
    const wanted = mix.weights[identity.role].flatMap((w) => {
      const followUp = operations.get(w.name)?.followedBy;
      return followUp ? [w, { name: followUp, weight: 0 }] : [w];
    });
    for (const { name, weight } of wanted) {
      const sets = setsFor(seen, identity, (operations.get(name) as OperationInfo).draw);
      if (typeof sets === 'string') unavailable.push({ name, reason: sets });
      else available.push({ name, weight, sets });
    }
    const org = sample.world.organizations[identity.orgIndex]!;
    return {
      index,
      role: identity.role,
      orgIndex: identity.orgIndex,
      orgId: org.id,
      providerId: identity.providerId,
      label: `${identity.role} of the ${tenantClassOf(identity.orgIndex, orgCount)} tenant (org ${identity.orgIndex})`,
      operations: available,
      unavailable,
    };
  });
  if (users.every((u) => u.operations.every((o) => o.weight === 0))) {
    throw new NoUsersError('no simulated user has anything to do: every operation of the mix failed to draw parameters; the database is too small for this mix, or not the data of this seed and profile');
  }
  return users;
}
