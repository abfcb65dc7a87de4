import { createWeightedPicker, lognormal, pick } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from '../calendar.js';
import { clinicianDayFactor } from '../clinical/clinician-day.js';
import { toEpochSeconds, workdayOnOrAfter, workSecondOfDay } from '../clinical/time-patterns.js';
import { deriveId } from '../ids.js';
import type { ProviderInfo } from '../providers.js';
import type { AuditAction } from '../vocabulary.js';
import type { World } from '../world.js';
import type { WrittenDocument } from './documents.js';
import type { PlannedEncounter } from './encounters.js';
import type { ChartItem, PatientContext } from './patient-context.js';
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
// How far back a chart review reaches: the latest events and notes before the access (A).
const RECENT_EVENTS = 40;
const RECENT_DOCUMENTS = 8;

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

/** The chart sorted by time, so an access can read only what existed when it happened. */
export interface SortedChart {
  readonly events: readonly ChartItem[];
  readonly documents: readonly ChartItem[];
  readonly encounters: readonly ChartItem[];
  readonly careTeamIds: readonly string[];
}

export function sortChart(ctx: PatientContext, encounters: readonly PlannedEncounter[], careTeamIds: readonly string[]): SortedChart {
  const byTime = (a: ChartItem, b: ChartItem) => a.at - b.at;
  return {
    events: [...ctx.chart.events].sort(byTime),
    documents: [...ctx.chart.documents].sort(byTime),
    encounters: encounters.filter((e) => e.status !== 'planned').map((e) => ({ at: e.start, id: e.id })),
    careTeamIds,
  };
}

function countBefore(items: readonly ChartItem[], at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.at <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function recent(random: Random, items: readonly ChartItem[], at: number, reach: number): string | undefined {
  const n = countBefore(items, at);
  if (n === 0) return undefined;
  return items[n - 1 - Math.floor(random.next() * Math.min(n, reach))]!.id;
}

/** What one access touches: the activity's own records when given, else the chart as it stood. */
export interface AuditFocus {
  readonly encounter?: PlannedEncounter;
  readonly eventIds?: readonly string[];
  readonly documents?: readonly WrittenDocument[];
  readonly task?: WrittenTask;
}

function resourceFor(ctx: PatientContext, action: AuditAction, focus: AuditFocus, chart: SortedChart, at: number): [AuditAction['resourceType'], string] {
  const { random, patient } = ctx;
  let id: string | undefined;
  switch (action.resourceType) {
    case 'encounter':
      id = focus.encounter?.id ?? recent(random, chart.encounters, at, 3);
      break;
    case 'timeline_event':
      id = focus.eventIds && focus.eventIds.length > 0 ? pick(random, focus.eventIds) : recent(random, chart.events, at, RECENT_EVENTS);
      break;
    case 'document':
      id = focus.documents && focus.documents.length > 0 ? pick(random, focus.documents).id : recent(random, chart.documents, at, RECENT_DOCUMENTS);
      break;
    case 'task':
      id = focus.task?.id;
      break;
    case 'care_team_member':
      id = chart.careTeamIds.length > 0 ? pick(random, chart.careTeamIds) : undefined;
      break;
    default:
      break;
  }
  return id === undefined ? ['patient', patient.id] : [action.resourceType, id];
}

function pushAudit(ctx: PatientContext, actor: ProviderInfo, action: AuditAction, resource: [AuditAction['resourceType'], string], at: number): void {
  const { world, patient, random } = ctx;
  const outcomeRoll = random.next();
  ctx.sink.push('audit_logs', {
    id: deriveId(world.plan.runHash, 'audit_logs', patient.index, ctx.sequence.audit++),
    orgId: patient.org.id,
    actorId: actor.id,
    action: action.code,
    resourceType: resource[0],
    resourceId: resource[1],
    patientId: patient.id,
    occurredAt: formatTimestamp(at),
    ip: ipOf(patient.org.index, actor),
    userAgent: USER_AGENTS[actor.index % USER_AGENTS.length] as string,
    outcome: outcomeRoll < 0.005 ? 'denied' : outcomeRoll < 0.01 ? 'failure' : 'success',
  });
}

/** An action, and whether it is a break-glass access by someone outside the care team (1%, §1.6). */
function drawAction(ctx: PatientContext): { action: AuditAction; breakGlass: boolean } | undefined {
  const catalog = catalogOf(ctx.world);
  if (ctx.world.vocabulary.auditActions.length === 0) return undefined;
  const breakGlass = catalog.breakGlass.length > 0 && ctx.random.next() < ctx.world.params.breakGlassShare;
  return { action: breakGlass ? pick(ctx.random, catalog.breakGlass) : catalog.pickAction(ctx.random), breakGlass };
}

function localDay(ctx: PatientContext, at: number): number {
  return Math.floor((at + ctx.patient.org.utcOffsetMinutes * 60) / SECONDS_PER_DAY);
}

/** Desk work on `day` (clinic hours, or after hours at the §1.8 share), never after "now". */
function deskTime(ctx: PatientContext, day: number, notBefore: number, notAfter: number): number {
  const at = toEpochSeconds(day, workSecondOfDay(ctx.random, ctx.world.params.afterHoursShare), ctx.patient.org.utcOffsetMinutes);
  if (at >= notBefore && at <= notAfter) return at;
  return notBefore + Math.floor(ctx.random.next() * Math.max(1, Math.min(notAfter, notBefore + 3600) - notBefore));
}

/**
 * Audit entries of an encounter (REALISM.md §1.6: ~33 per office visit, ~120 per inpatient day).
 * Office visits: half the entries during the visit, half as follow-up desk work on that or the
 * next two workdays. ED and inpatient work goes on around the clock.
 */
export function writeEncounterAudit(ctx: PatientContext, chart: SortedChart, encounter: PlannedEncounter, eventIds: readonly string[], documents: readonly WrittenDocument[]): void {
  const { random, world, team } = ctx;
  const { params } = world;
  const now = world.plan.referenceDay * SECONDS_PER_DAY - 1;
  const provider = encounter.provider;
  const factor = provider.workload * clinicianDayFactor(world.plan.runHash, provider.index, localDay(ctx, encounter.start), params.auditDaySigma);
  let count: number;
  if (encounter.kind === 'inpatient') {
    const days = Math.max(0.5, (encounter.end - encounter.start) / SECONDS_PER_DAY);
    count = Math.round(lognormal(random, params.auditPerInpatientDay * days * (encounter.icu ? 2 : 1), params.auditSigma / 2));
  } else {
    const scale = encounter.kind === 'emergency' ? 1.8 : encounter.kind === 'virtual' ? 0.6 : 1;
    count = Math.round(lognormal(random, params.auditPerEncounterMedian * scale * factor, params.auditSigma));
  }
  const acute = encounter.kind === 'inpatient' || encounter.kind === 'emergency';
  const focus: AuditFocus = { encounter, eventIds, documents };
  for (let i = 0; i < count; i++) {
    const drawn = drawAction(ctx);
    if (!drawn) return;
    const roll = random.next();
    const actor = drawn.breakGlass || roll >= 0.93
      ? pick(random, team.view.all)
      : roll < 0.55
        ? provider
        : roll < 0.8 && team.pod.support.length > 0
          ? pick(random, team.pod.support)
          : pick(random, team.members);
    let at: number;
    if (acute) {
      const to = Math.min(now, Math.max(encounter.end, encounter.start + 3600) + SECONDS_PER_DAY);
      at = encounter.start - 600 + Math.floor(random.next() * Math.max(60, to - encounter.start + 600));
    } else if (random.next() < 0.5) {
      at = encounter.start - 900 + Math.floor(random.next() * (encounter.end - encounter.start + 1800));
    } else {
      const day = workdayOnOrAfter(localDay(ctx, encounter.start) + Math.floor(random.next() * 3));
      at = deskTime(ctx, day, encounter.start, now);
    }
    if (at > now) continue;
    pushAudit(ctx, actor, drawn.action, resourceFor(ctx, drawn.action, focus, chart, at), at);
  }
}

/**
 * Audit entries of handling one inbox task: the assignee (sometimes the pod's nurse or
 * assistant) opens the chart, reads recent results and notes, updates the task. About
 * auditPerTaskMedian entries, scaled by the assignee's workload and how busy their day is.
 */
export function writeTaskAudit(ctx: PatientContext, chart: SortedChart, task: WrittenTask): void {
  const { random, world, team } = ctx;
  const { params } = world;
  const now = world.plan.referenceDay * SECONDS_PER_DAY - 1;
  const firstDay = localDay(ctx, task.at);
  const factor = task.assignee.workload * clinicianDayFactor(world.plan.runHash, task.assignee.index, firstDay, params.auditDaySigma);
  const count = Math.max(1, Math.round(lognormal(random, params.auditPerTaskMedian * factor, 0.5)));
  const until = Math.min(now, task.closedAt ?? now);
  const lastDay = task.closedAt === undefined ? firstDay : localDay(ctx, until);
  const focus: AuditFocus = { task };
  for (let i = 0; i < count; i++) {
    const drawn = drawAction(ctx);
    if (!drawn) return;
    const actor = drawn.breakGlass ? pick(random, team.view.all) : random.next() < 0.85 || team.pod.support.length === 0 ? task.assignee : pick(random, team.pod.support);
    // most of the work on the day the task arrives, the rest on the day it is closed
    const day = random.next() < 0.7 ? firstDay : lastDay;
    const at = deskTime(ctx, day, task.at, Math.max(task.at, until));
    pushAudit(ctx, actor, drawn.action, resourceFor(ctx, drawn.action, focus, chart, at), at);
  }
}

/** A few entries around a note written between visits (a telephone encounter). */
export function writeNoteAudit(ctx: PatientContext, chart: SortedChart, document: WrittenDocument): void {
  const { random, world, team } = ctx;
  const now = world.plan.referenceDay * SECONDS_PER_DAY - 1;
  const count = 2 + Math.floor(random.next() * 4);
  const focus: AuditFocus = { documents: [document] };
  for (let i = 0; i < count; i++) {
    const drawn = drawAction(ctx);
    if (!drawn) return;
    const actor = drawn.breakGlass ? pick(random, team.view.all) : random.next() < 0.7 ? document.author : pick(random, team.members);
    const at = Math.min(now, document.at + Math.floor(random.next() * 1800));
    pushAudit(ctx, actor, drawn.action, resourceFor(ctx, drawn.action, focus, chart, at), at);
  }
}
