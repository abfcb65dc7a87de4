import { createWeightedPicker, lognormal, pick } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from '../calendar.js';
import { deriveId } from '../ids.js';
import type { ProviderInfo } from '../providers.js';
import type { AuditAction } from '../vocabulary.js';
import type { StaffDirectory, World } from '../world.js';
import type { WrittenDocument } from './documents.js';
import type { PlannedEncounter } from './encounters.js';
import type { PatientContext } from './patient-context.js';
import type { WrittenTask } from './tasks.js';

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Edge/124.0',
  'EpicCareHyperdrive/1.2407 (Windows NT 10.0)',
  'medseed-integration-engine/2.3',
] as const;

interface AuditCatalog {
  pickAction: (random: Random) => AuditAction;
  breakGlass: readonly AuditAction[];
}
const catalogs = new WeakMap<World, AuditCatalog>();
function catalogOf(world: World): AuditCatalog {
  let catalog = catalogs.get(world);
  if (!catalog) {
    const routine = world.vocabulary.auditActions.filter((a) => !a.breakGlass);
    catalog = {
      pickAction: createWeightedPicker(routine, routine.map((a) => a.weight)),
      breakGlass: world.vocabulary.auditActions.filter((a) => a.breakGlass),
    };
    catalogs.set(world, catalog);
  }
  return catalog;
}

/** A workstation address per user: stable, inside the organization's private range. */
function ipOf(orgIndex: number, provider: ProviderInfo): string {
  return `10.${orgIndex % 250}.${(provider.index >>> 8) & 255}.${(provider.index & 255) || 1}`;
}

export interface AuditTargets {
  readonly encounter: PlannedEncounter | undefined;
  readonly eventIds: readonly string[];
  readonly documents: readonly WrittenDocument[];
  readonly tasks: readonly WrittenTask[];
  readonly careTeamIds: readonly string[];
}

function resourceIdFor(ctx: PatientContext, action: AuditAction, targets: AuditTargets): [AuditAction['resourceType'], string] {
  const { random, patient } = ctx;
  switch (action.resourceType) {
    case 'encounter':
      if (targets.encounter) return ['encounter', targets.encounter.id];
      break;
    case 'timeline_event':
      if (targets.eventIds.length > 0) return ['timeline_event', pick(random, targets.eventIds)];
      break;
    case 'document':
      if (targets.documents.length > 0) return ['document', pick(random, targets.documents).id];
      break;
    case 'task':
      if (targets.tasks.length > 0) return ['task', pick(random, targets.tasks).id];
      break;
    case 'care_team_member':
      if (targets.careTeamIds.length > 0) return ['care_team_member', pick(random, targets.careTeamIds)];
      break;
    default:
      break;
  }
  return ['patient', patient.id];
}

/**
 * Audit entries around a piece of clinical activity (an encounter, or a note between visits):
 * who opened what, when. Actors are the encounter's clinician and the care team, occasionally
 * other staff, and 1% break-glass reads by someone outside the team.
 */
export function writeAudit(ctx: PatientContext, targets: AuditTargets, from: number, to: number, count: number): void {
  const { random, world, patient, team } = ctx;
  const catalog = catalogOf(world);
  if (world.vocabulary.auditActions.length === 0) return;
  const staff = world.staff[patient.org.index] as StaffDirectory;
  const now = world.plan.referenceDay * SECONDS_PER_DAY;
  const span = Math.max(60, to - from);
  for (let i = 0; i < count; i++) {
    const breakGlass = catalog.breakGlass.length > 0 && random.next() < world.params.breakGlassShare;
    const action = breakGlass ? pick(random, catalog.breakGlass) : catalog.pickAction(random);
    const roll = random.next();
    const actor = breakGlass || roll >= 0.92
      ? pick(random, staff.all)
      : roll < 0.5 && targets.encounter
        ? targets.encounter.provider
        : pick(random, team.members);
    const [resourceType, resourceId] = resourceIdFor(ctx, action, targets);
    const at = Math.min(now - 1, from + Math.floor(random.next() * span));
    const outcomeRoll = random.next();
    ctx.sink.push('audit_logs', {
      id: deriveId(world.plan.runHash, 'audit_logs', patient.index, ctx.sequence.audit++),
      orgId: patient.org.id,
      actorId: actor.id,
      action: action.code,
      resourceType,
      resourceId,
      patientId: patient.id,
      occurredAt: formatTimestamp(at),
      ip: ipOf(patient.org.index, actor),
      userAgent: USER_AGENTS[actor.index % USER_AGENTS.length] as string,
      outcome: outcomeRoll < 0.005 ? 'denied' : outcomeRoll < 0.01 ? 'failure' : 'success',
    });
  }
}

/** How many audit entries an encounter draws (REALISM.md §1.6): ~33 per visit, ~120 per inpatient day (A). */
export function auditCountFor(ctx: PatientContext, encounter: PlannedEncounter): number {
  const { random, world } = ctx;
  const { params } = world;
  if (encounter.kind === 'inpatient') {
    const days = Math.max(0.5, (encounter.end - encounter.start) / SECONDS_PER_DAY);
    return Math.round(lognormal(random, params.auditPerInpatientDay * days * (encounter.icu ? 2 : 1), params.auditSigma / 2));
  }
  const scale = encounter.kind === 'emergency' ? 1.8 : encounter.kind === 'virtual' ? 0.6 : 1;
  return Math.round(lognormal(random, params.auditPerEncounterMedian * scale, params.auditSigma));
}

