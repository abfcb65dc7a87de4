import { formatTimestamp, SECONDS_PER_DAY } from '../../generators/calendar.js';
import { pick } from '../../rng/distributions.js';
import { createRandom, entityKey, type Random } from '../../rng/random.js';
import type { BenchSample, SamplePatient } from './capture-sample.js';
import type { DrawKind } from './draw-kinds.js';
import type { ParameterSet } from './parameter-set.js';
import { countDocumentFrequency, pickRareWord } from './pick-search-term.js';
import { pickStratified, tenantClassOf, type Candidate, type Picked } from './pick-stratified.js';

const WEEK = 7 * SECONDS_PER_DAY;

/** "1 note", "2 notes". */
const count = (n: number, noun: string, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;

/** No sampled patient fits a draw: the data is too small or not what the generator would make. */
export class DrawError extends Error {
  override readonly name = 'DrawError';
}

interface Context {
  readonly sample: BenchSample;
  readonly random: Random;
  readonly count: number;
  readonly adminOf: (orgIndex: number) => string;
  readonly orgCount: number;
}

function tenantLabel(orgIndex: number, orgCount: number): string {
  return `${tenantClassOf(orgIndex, orgCount)} tenant (org ${orgIndex})`;
}

function createSet(ctx: Context, picked: Picked<unknown>, what: string, clinicianId: string | undefined, values: Record<string, string>): ParameterSet {
  const org = ctx.sample.world.organizations[picked.orgIndex]!;
  return {
    label: `${tenantLabel(picked.orgIndex, ctx.orgCount)}, ${picked.heavy ? 'heavy' : 'light'} ${what}`,
    orgIndex: picked.orgIndex,
    orgId: org.id,
    clinicianId,
    adminId: ctx.adminOf(picked.orgIndex),
    values: { org_id: org.id, ...(clinicianId ? { provider_id: clinicianId } : {}), ...values },
  };
}

function patients(ctx: Context, keep: (p: SamplePatient) => boolean): Candidate<SamplePatient>[] {
  return ctx.sample.patients.filter((p) => p.team.length > 0 && keep(p)).map((p) => ({ item: p, orgIndex: p.orgIndex, weight: p.events.length }));
}

function stratified<T>(ctx: Context, kind: DrawKind, candidates: readonly Candidate<T>[], requirement: string): Picked<T>[] {
  if (candidates.length === 0) {
    throw new DrawError(`draw ${kind}: no sampled patient has ${requirement}; the database is too small for this query, or not the data of this seed and profile`);
  }
  return pickStratified(candidates, ctx.count, ctx.random, ctx.orgCount);
}

function timelinePage(ctx: Context): ParameterSet[] {
  const { now } = ctx.sample;
  return stratified(ctx, 'timeline_page', patients(ctx, (p) => p.events.length > 0), 'timeline events').map((picked) => {
    const p = picked.item;
    const times = [...new Set(p.events.map((e) => e.at))];
    // Half first pages, half a deeper page: a cursor with at least one older event behind it.
    const deeper = times.length > 1 && ctx.random.next() < 0.5;
    const before = deeper ? (times[1 + Math.floor(ctx.random.next() * (times.length - 1))] as number) : now;
    const page = deeper ? 'a deeper page' : 'the first page';
    return createSet(ctx, picked, `patient (${count(p.events.length, 'event')}), ${page}`, pick(ctx.random, p.team), {
      patient_id: p.id,
      before: formatTimestamp(before),
    });
  });
}

function recentResults(ctx: Context): ParameterSet[] {
  const { now } = ctx.sample;
  const recentLab = (p: SamplePatient) => p.events.some((e) => e.category === 'lab' && e.at >= now - WEEK && e.at < now);
  return stratified(ctx, 'recent_results', patients(ctx, recentLab), 'a lab result in the 7 days before the reference date').map((picked) =>
    createSet(ctx, picked, `patient (${count(picked.item.events.length, 'event')}) on the care team`, pick(ctx.random, picked.item.team), {
      since: formatTimestamp(now - WEEK),
      until: formatTimestamp(now),
    }),
  );
}

function openTasks(ctx: Context): ParameterSet[] {
  const queues = new Map<string, { orgIndex: number; open: number }>();
  for (const p of ctx.sample.patients) {
    for (const task of p.tasks) {
      if (task.status !== 'open') continue;
      const queue = queues.get(task.assigneeId) ?? { orgIndex: p.orgIndex, open: 0 };
      queue.open += 1;
      queues.set(task.assigneeId, queue);
    }
  }
  const candidates = [...queues].sort(([a], [b]) => a.localeCompare(b)).map(([id, q]) => ({ item: { id, open: q.open }, orgIndex: q.orgIndex, weight: q.open }));
  return stratified(ctx, 'open_tasks', candidates, 'an open task').map((picked) =>
    createSet(ctx, picked, `queue (${count(picked.item.open, 'open task')} in the sample)`, picked.item.id, {}),
  );
}

function noteSearch(ctx: Context): ParameterSet[] {
  const frequency = countDocumentFrequency(ctx.sample.patients.flatMap((p) => p.documents));
  return stratified(ctx, 'note_search', patients(ctx, (p) => p.documents.length > 0), 'a note').map((picked) => {
    const p = picked.item;
    const document = pick(ctx.random, p.documents);
    const term = pickRareWord(document, frequency, ctx.random);
    if (!term) throw new DrawError(`draw note_search: a note of patient ${p.id} has no searchable word`);
    return createSet(ctx, picked, `patient (${count(p.documents.length, 'note')}), term "${term}" (in ${count(frequency.get(term) ?? 0, 'sampled note')})`, pick(ctx.random, p.team), {
      term,
    });
  });
}

function periodAround(at: number): { since: string; until: string } {
  const day = Math.floor(at / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  return { since: formatTimestamp(day - 14 * SECONDS_PER_DAY), until: formatTimestamp(day + 16 * SECONDS_PER_DAY) };
}

function auditPatient(ctx: Context): ParameterSet[] {
  const candidates = ctx.sample.patients.filter((p) => p.audit.length > 0).map((p) => ({ item: p, orgIndex: p.orgIndex, weight: p.audit.length }));
  return stratified(ctx, 'audit_patient', candidates, 'audit entries').map((picked) => {
    const entry = pick(ctx.random, picked.item.audit);
    return createSet(ctx, picked, `patient (${count(picked.item.audit.length, 'audit entry', 'audit entries')})`, entry.actorId, {
      patient_id: picked.item.id,
      ...periodAround(entry.at),
    });
  });
}

function auditActor(ctx: Context): ParameterSet[] {
  const actors = new Map<string, { orgIndex: number; at: number[] }>();
  for (const p of ctx.sample.patients) {
    for (const entry of p.audit) {
      const actor = actors.get(entry.actorId) ?? { orgIndex: p.orgIndex, at: [] };
      actor.at.push(entry.at);
      actors.set(entry.actorId, actor);
    }
  }
  const candidates = [...actors].sort(([a], [b]) => a.localeCompare(b)).map(([id, a]) => ({ item: { id, at: a.at }, orgIndex: a.orgIndex, weight: a.at.length }));
  return stratified(ctx, 'audit_actor', candidates, 'audit entries').map((picked) =>
    createSet(ctx, picked, `user (${count(picked.item.at.length, 'audit entry', 'audit entries')} in the sample)`, picked.item.id, {
      actor_id: picked.item.id,
      ...periodAround(pick(ctx.random, picked.item.at)),
    }),
  );
}

function tenants(ctx: Context, orgIndexes: readonly number[]): ParameterSet[] {
  const { now } = ctx.sample;
  const window = { since: formatTimestamp(now - 90 * SECONDS_PER_DAY), until: formatTimestamp(now) };
  return Array.from({ length: ctx.count }, (_, i) => {
    const orgIndex = orgIndexes[i % orgIndexes.length] as number;
    const org = ctx.sample.world.organizations[orgIndex]!;
    const share = (ctx.sample.world.plan.orgWeights[orgIndex] as number) * 100;
    return {
      label: `${tenantLabel(orgIndex, ctx.orgCount)}, ${share.toFixed(1)}% of patients, last 90 days`,
      orgIndex,
      orgId: org.id,
      clinicianId: undefined,
      adminId: ctx.adminOf(orgIndex),
      values: { org_id: org.id, ...window },
    };
  });
}

function smallTenants(ctx: Context): ParameterSet[] {
  const small = ctx.sample.world.organizations.map((org) => org.index).filter((i) => tenantClassOf(i, ctx.orgCount) === 'small');
  return tenants(ctx, small.length > 0 ? small : [0]);
}

function newVital(ctx: Context): ParameterSet[] {
  return stratified(ctx, 'new_vital', patients(ctx, () => true), 'a current care team').map((picked) =>
    createSet(ctx, picked, `patient (${count(picked.item.events.length, 'event')})`, pick(ctx.random, picked.item.team), {
      patient_id: picked.item.id,
      occurred_at: formatTimestamp(ctx.sample.now),
    }),
  );
}

const DRAWS: Record<DrawKind, (ctx: Context) => ParameterSet[]> = {
  timeline_page: timelinePage,
  recent_results: recentResults,
  open_tasks: openTasks,
  note_search: noteSearch,
  audit_patient: auditPatient,
  audit_actor: auditActor,
  largest_tenant: (ctx) => tenants(ctx, [0]),
  small_tenant: smallTenants,
  new_vital: newVital,
};

/**
 * Draws `count` parameter sets of one kind from the regenerated sample. Each kind has its own
 * stream (seed, version, 'bench-<kind>'), so the same seed repeats the same sequence whatever
 * other queries run. Set 0 is from the largest tenant and heavy when the sample allows: the one
 * EXPLAIN shows.
 */
export function drawParameterSets(sample: BenchSample, kind: DrawKind, count: number): ParameterSet[] {
  const { world } = sample;
  const admins = new Map(world.providers.filter((p) => p.row.isOrgAdmin).map((p) => [p.orgIndex, p.id]));
  const ctx: Context = {
    sample,
    random: createRandom(entityKey(world.plan.config.seed, world.plan.version, `bench-${kind}`, 0)),
    count,
    orgCount: world.organizations.length,
    adminOf: (orgIndex) => admins.get(orgIndex) ?? (world.providers.find((p) => p.orgIndex === orgIndex)?.id as string),
  };
  return DRAWS[kind](ctx);
}
