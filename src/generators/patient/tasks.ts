import { createWeightedPicker, lognormal, pick, poisson } from '../../rng/distributions.js';
import type { Random } from '../../rng/random.js';
import { formatTimestamp, SECONDS_PER_DAY } from '../calendar.js';
import { pickClinicDay, toEpochSeconds, workSecondOfDay } from '../clinical/time-patterns.js';
import { deriveId } from '../ids.js';
import type { TaskRow } from '../row-types.js';
import type { TaskType } from '../vocabulary.js';
import type { World } from '../world.js';
import type { PatientContext } from './patient-context.js';

// Hours until due, by priority (A).
const DUE_HOURS = { stat: 4, urgent: 24, routine: 72, low: 168 } as const;
// Categories the EHR creates by itself (results, messages): no human creator.
const SYSTEM_CATEGORIES = new Set(['results', 'messages']);

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

/**
 * Final status by age (REALISM.md §6: 80% done, 10% open, 5% in progress, 5% cancelled overall):
 * work older than two weeks is mostly closed, recent work mostly open.
 */
function statusFor(random: Random, ageDays: number): TaskRow['status'] {
  const roll = random.next();
  if (ageDays > 14) return roll < 0.87 ? 'done' : roll < 0.93 ? 'cancelled' : roll < 0.97 ? 'open' : 'in_progress';
  return roll < 0.45 ? 'open' : roll < 0.7 ? 'in_progress' : roll < 0.97 ? 'done' : 'cancelled';
}

export interface WrittenTask {
  readonly id: string;
  readonly at: number;
  readonly assigneeIndex: number;
}

/** Inbox work for the patient's care team: heavier for heavier users of care (volume scales with visit rate). */
export function writeTasks(ctx: PatientContext, years: number, visitRate: number): WrittenTask[] {
  const { random, world, patient, team } = ctx;
  const { params, plan } = world;
  if (world.vocabulary.taskTypes.length === 0 || plan.referenceDay <= plan.historyStartDay) return [];
  const utilisation = Math.min(3, Math.max(0.3, visitRate / params.officeVisitsPerYear));
  const count = poisson(random, params.tasksPerPatientYear * years * utilisation);
  const start = Math.max(plan.historyStartDay, patient.birthDay + 1);
  const now = plan.referenceDay * SECONDS_PER_DAY;
  const written: WrittenTask[] = [];
  for (let i = 0; i < count; i++) {
    const type = taskPicker(world)(random);
    const day = pickClinicDay(random, start, plan.referenceDay, params.weekendShare);
    const createdAt = Math.min(now - 60, toEpochSeconds(day, workSecondOfDay(random, params.afterHoursShare), patient.org.utcOffsetMinutes));
    const assignee = random.next() < 0.7 ? team.primary : pick(random, team.members);
    const creator = SYSTEM_CATEGORIES.has(type.category) ? null : pick(random, team.members);
    const priority = random.next() < 0.03 ? 'urgent' : type.priority;
    const status = statusFor(random, (now - createdAt) / SECONDS_PER_DAY);
    const closed = status === 'done' || status === 'cancelled';
    const completedAt = closed ? Math.min(now - 1, createdAt + Math.round(lognormal(random, 20 * 3600, 1.2))) : null;
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
      completedAt: completedAt === null ? null : formatTimestamp(Math.max(createdAt + 60, completedAt)),
      createdAt: formatTimestamp(createdAt),
    });
    written.push({ id, at: createdAt, assigneeIndex: assignee.index });
  }
  return written;
}
