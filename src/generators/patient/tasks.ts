import { createWeightedPicker, lognormal, pick, poisson } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from '../calendar.js';
import { countWorkdays, pickClinicDay, toEpochSeconds, workdayOnOrAfter, workSecondOfDay } from '../clinical/time-patterns.js';
import { deriveId } from '../ids.js';
import type { ProviderInfo } from '../providers.js';
import type { TaskRow } from '../row-types.js';
import type { TaskType } from '../vocabulary.js';
import type { World } from '../world.js';
import type { PlannedEncounter } from './encounters.js';
import type { PatientContext } from './patient-context.js';

// Hours until due, by priority (A).
const DUE_HOURS = { stat: 4, urgent: 24, routine: 72, low: 168 } as const;
// Categories the EHR creates by itself (results, messages): no human creator.
const SYSTEM_CATEGORIES = new Set(['results', 'messages']);
// Categories that follow a visit (a result to review, a note to sign) rather than arriving any day.
const VISIT_CATEGORIES = new Set(['results', 'documents', 'orders']);
// Tasks never closed at all: the stale part of a standing backlog (A).
const NEVER_CLOSED = 0.12;

const pickers = new WeakMap<World, (random: Random) => TaskType>();
function taskPicker(world: World): (random: Random) => TaskType {
  let picker = pickers.get(world);
  if (!picker) {
    const types = world.vocabulary.taskTypes;
    picker = createWeightedPicker(types, types.map((t) => t.weight));
    pickers.set(world, picker);
  }
  return picker;
}

export interface WrittenTask {
  readonly id: string;
  readonly at: number;
  /** When the task was done or cancelled; undefined while it is open. */
  readonly closedAt: number | undefined;
  readonly assignee: ProviderInfo;
}

/**
 * Inbox work, modelled per clinician and attached per patient. REALISM.md §1.7 quotes a rate per
 * clinician-workday (76.9 for primary care, 29.1 for specialists) with a per-clinician spread; the
 * generator is per patient (that is what keeps it parallel and prefix stable). The bridge: a
 * clinician's daily rate over the panel they are staffed for (pod capacity, or the specialist
 * caseload) is a rate per patient-workday, weighted by the patient's use of care (mean 1). A full
 * panel therefore sums to the clinician's daily rate, and adding patients never changes an
 * existing patient's tasks. The trade-off: a clinician whose panel is not full (small tenants,
 * the newest pod) gets proportionally fewer tasks, not 77 spread over fewer patients; per-patient
 * volume stays realistic and ci stays small.
 */
export function writeTasks(ctx: PatientContext, visitRate: number, encounters: readonly PlannedEncounter[]): WrittenTask[] {
  const { random, world, patient, team } = ctx;
  const { params, plan } = world;
  const start = Math.max(plan.historyStartDay, patient.birthDay + 1);
  if (world.vocabulary.taskTypes.length === 0 || plan.referenceDay <= start) return [];
  const workdays = countWorkdays(start, plan.referenceDay);
  // 30% of inbox work regardless of visits (outreach, refills), 70% in proportion to use of care
  const use = Math.min(6, 0.3 + (0.7 * visitRate) / params.officeVisitsPerYear);
  // the workload multiplier has median 1; its mean is exp(sigma^2 / 2), taken out so rates keep their published mean
  const meanWorkload = Math.exp(params.clinicianWorkloadSigma ** 2 / 2);
  const counts: [ProviderInfo, number][] = [[team.primary, poisson(random, ((params.tasksPerPcpDay * team.primary.workload) / meanWorkload / team.pod.capacity) * use * workdays)]];
  for (const specialist of team.specialists) {
    counts.push([specialist, poisson(random, ((params.tasksPerSpecialistDay * specialist.workload) / meanWorkload / params.specialistCaseload) * use * workdays)]);
  }
  const visits = encounters.filter((e) => e.status === 'finished' && e.kind !== 'inpatient');
  const now = plan.referenceDay * SECONDS_PER_DAY;
  const offset = patient.org.utcOffsetMinutes;
  const written: WrittenTask[] = [];
  for (const [assignee, count] of counts) {
    for (let i = 0; i < count; i++) {
      const type = taskPicker(world)(random);
      let day = pickClinicDay(random, start, plan.referenceDay, params.weekendShare);
      if (VISIT_CATEGORIES.has(type.category) && visits.length > 0 && random.next() < 0.6) {
        const visit = pick(random, visits);
        const after = workdayOnOrAfter(Math.floor((visit.end + offset * 60) / SECONDS_PER_DAY) + Math.floor(random.next() * 3));
        if (after < plan.referenceDay) day = after;
      }
      const createdAt = Math.min(now - 60, toEpochSeconds(day, workSecondOfDay(random, params.afterHoursShare), offset));
      const priority = random.next() < 0.03 ? 'urgent' : type.priority;
      // Most work is closed within days: median ~0.8 day (a tenth of that for stat), on a workday.
      const delayDays = lognormal(random, priority === 'stat' ? 0.08 : 0.8, 1);
      const closeDay = workdayOnOrAfter(Math.floor((createdAt + offset * 60) / SECONDS_PER_DAY + delayDays));
      const closeAt = Math.max(createdAt + 300, toEpochSeconds(closeDay, workSecondOfDay(random, params.afterHoursShare), offset));
      const stale = random.next() < NEVER_CLOSED;
      const closed = !stale && closeAt < now;
      const status: TaskRow['status'] = closed ? (random.next() < 0.06 ? 'cancelled' : 'done') : random.next() < 0.6 ? 'open' : 'in_progress';
      const creator = SYSTEM_CATEGORIES.has(type.category) ? null : pick(random, team.pod.members);
      const id = deriveId(plan.runHash, 'tasks', patient.index, ctx.sequence.tasks++);
      ctx.sink.push('tasks', {
        id,
        orgId: patient.org.id,
        patientId: patient.id,
        kind: type.code,
        title: `${type.display}: ${patient.familyName}, ${patient.givenName}`,
        status,
        priority,
        assigneeId: assignee.id,
        creatorId: creator?.id ?? null,
        dueAt: formatTimestamp(createdAt + DUE_HOURS[priority] * 3600),
        completedAt: closed ? formatTimestamp(closeAt) : null,
        createdAt: formatTimestamp(createdAt),
      });
      written.push({ id, at: createdAt, closedAt: closed ? closeAt : undefined, assignee });
    }
  }
  return written;
}
