import { daysFromCivil, SECONDS_PER_DAY } from '../../generators/calendar.js';
import { generatePatient } from '../../generators/patient/generate-patient.js';
import type { RowsByTable, RowSink } from '../../generators/row-types.js';
import type { World } from '../../generators/world.js';
import { createRandom, entityKey } from '../../rng/random.js';

/** What the bench needs to know about one regenerated patient to draw parameters that exist. */
export interface SamplePatient {
  readonly index: number;
  readonly id: string;
  readonly orgIndex: number;
  readonly orgId: string;
  /** Providers on the patient's current care team (membership not ended). */
  readonly team: readonly string[];
  /** Timeline events, oldest first; `at` in seconds since the epoch. */
  readonly events: readonly { readonly at: number; readonly category: string }[];
  /** Title and body of each note: the text the search vector is built from. */
  readonly documents: readonly string[];
  readonly tasks: readonly { readonly status: string; readonly assigneeId: string }[];
  readonly audit: readonly { readonly actorId: string; readonly at: number }[];
}

export interface BenchSample {
  readonly world: World;
  readonly patients: readonly SamplePatient[];
  /** The reference instant ("now" of the generated world), in seconds since the epoch. */
  readonly now: number;
}

/** Seconds since the epoch of a generator timestamp ('YYYY-MM-DD HH:MM:SS+00'). */
export function parseGeneratedTimestamp(text: string): number {
  const [y, mo, d, h, mi, s] = text.match(/\d+/g)!.map(Number) as [number, number, number, number, number, number];
  return daysFromCivil(y, mo, d) * SECONDS_PER_DAY + h * 3600 + mi * 60 + s;
}

/**
 * Patient indexes to regenerate: `size` distinct ones, each drawn from its own stream
 * (seed, version, 'bench-sample', k), sorted. The same seed gives the same sample.
 */
export function drawSampleIndexes(world: World, size: number): number[] {
  const { seed } = world.plan.config;
  const patients = world.plan.config.profile.volumes.patients;
  const wanted = Math.min(size, patients);
  const chosen = new Set<number>();
  for (let k = 0; chosen.size < wanted && k < wanted * 50; k++) {
    chosen.add(Math.floor(createRandom(entityKey(seed, world.plan.version, 'bench-sample', k)).next() * patients));
  }
  return [...chosen].sort((a, b) => a - b);
}

function capturePatient(world: World, index: number, orgIndexById: ReadonlyMap<string, number>): SamplePatient {
  const rows: { [T in keyof RowsByTable]?: RowsByTable[T][] } = {};
  const sink: RowSink = {
    push(table, row) {
      ((rows[table] ??= []) as (typeof row)[]).push(row);
    },
  };
  generatePatient(world, index, sink);
  const patient = rows.patients![0]!;
  return {
    index,
    id: patient.id,
    orgIndex: orgIndexById.get(patient.orgId) as number,
    orgId: patient.orgId,
    team: [...new Set((rows.care_team_members ?? []).filter((m) => m.periodEnd == null).map((m) => m.providerId))],
    events: (rows.timeline_events ?? [])
      .map((e) => ({ at: parseGeneratedTimestamp(e.occurredAt as string), category: e.category }))
      .sort((a, b) => a.at - b.at),
    documents: (rows.documents ?? []).map((d) => `${d.title} ${d.body}`),
    tasks: (rows.tasks ?? []).map((t) => ({ status: t.status, assigneeId: t.assigneeId })),
    audit: (rows.audit_logs ?? []).map((a) => ({ actorId: a.actorId, at: parseGeneratedTimestamp(a.occurredAt as string) })),
  };
}

/** Regenerates a deterministic sample of patients: the generator knows which ids exist and what they hold. */
export function captureSample(world: World, size: number): BenchSample {
  const orgIndexById = new Map(world.organizations.map((org) => [org.id, org.index]));
  return {
    world,
    patients: drawSampleIndexes(world, size).map((index) => capturePatient(world, index, orgIndexById)),
    now: world.plan.referenceDay * SECONDS_PER_DAY,
  };
}
