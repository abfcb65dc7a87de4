import { lognormal, pick, poisson } from '../../rng/distributions.js';
import { formatTimestamp, SECONDS_PER_DAY } from '../calendar.js';
import { pickClinicDay, toEpochSeconds, workSecondOfDay } from '../clinical/time-patterns.js';
import { deriveId } from '../ids.js';
import { composeNote, compilePhrases, type CompiledPhrases, type NoteMemory, type NoteSubject } from '../notes/compose-note.js';
import { toTsvectorOfPieces } from '../../text-search/index.js';
import type { ProviderInfo } from '../providers.js';
import type { DocumentType } from '../vocabulary.js';
import type { World } from '../world.js';
import type { PlannedEncounter } from './encounters.js';
import type { PatientContext } from './patient-context.js';

const PROGRESS = '11506-3';
const DISCHARGE = '18842-5';
const HISTORY_AND_PHYSICAL = '34117-2';
const CONSULT = '11488-4';
const PROCEDURE = '28570-0';
const EMERGENCY = '34111-5';
const NURSING = '34746-8';
const TELEPHONE = '34748-4';
const REFERRAL = '57133-1';
const IMAGING = '18748-4';

interface NoteCatalog {
  phrases: CompiledPhrases;
  types: Map<string, DocumentType>;
}
const catalogs = new WeakMap<World, NoteCatalog>();

function catalogOf(world: World): NoteCatalog {
  let catalog = catalogs.get(world);
  if (!catalog) {
    catalog = {
      phrases: compilePhrases(world.vocabulary.notePhrases),
      types: new Map(world.vocabulary.documentTypes.map((t) => [t.code, t])),
    };
    catalogs.set(world, catalog);
  }
  return catalog;
}

/** One document written for the patient; its id, for tasks and audit entries. */
export interface WrittenDocument {
  readonly id: string;
  readonly at: number;
  readonly author: ProviderInfo;
}

const REASON_KINDS: Record<string, NoteSubject['reasonKind']> = { chronic: 'chronic', acute: 'acute', injury: 'acute', encounter: 'wellness' };

/** What a note may mention: the visit's reason, and the patient's own medications and results up to `at`. */
function noteSubject(ctx: PatientContext, author: ProviderInfo, encounter: PlannedEncounter | undefined, at: number): NoteSubject {
  const { random, patient, problems, chart } = ctx;
  const dx = encounter?.reason ?? (problems.chronic.length > 0 ? pick(random, problems.chronic) : undefined);
  const meds = new Set(problems.medications.map((m) => m.display.toLowerCase()));
  for (const order of chart.medications) if (order.at <= at) meds.add(order.name);
  return {
    base: {
      age: String(patient.age),
      sex: patient.sex,
      pronoun: patient.sex === 'female' ? 'she' : 'he',
      dx: (dx?.display ?? 'general medical examination').toLowerCase(),
      provider: `Dr. ${author.row.familyName}`,
    },
    reasonKind: dx ? REASON_KINDS[dx.kind] : undefined,
    child: patient.age < 18,
    meds: [...meds],
    labs: chart.labs.filter((lab) => lab.at <= at),
    context: {
      codes: [...(encounter?.reason ? [encounter.reason.code] : []), ...problems.chronic.map((d) => d.code)],
      age: patient.age,
      setting: encounter === undefined ? 'phone' : encounter.kind === 'inpatient' ? 'inpatient' : encounter.kind === 'emergency' ? 'emergency' : 'office',
    },
  };
}

function writeDocument(
  ctx: PatientContext,
  memory: NoteMemory,
  typeCode: string,
  author: ProviderInfo,
  at: number,
  encounter: PlannedEncounter | undefined,
): WrittenDocument | undefined {
  const { world, patient, random } = ctx;
  const catalog = catalogOf(world);
  const type = catalog.types.get(typeCode);
  if (!type) return undefined;
  const codes = [...(encounter?.reason ? [encounter.reason.code] : []), ...ctx.problems.chronic.map((d) => d.code)];
  const note = composeNote(random, catalog.phrases, type, noteSubject(ctx, author, encounter, at), codes, memory, world.params.copyForwardShare);
  const id = deriveId(world.plan.runHash, 'documents', patient.index, ctx.sequence.documents++);
  const recent = at > world.plan.referenceDay * SECONDS_PER_DAY - 2 * SECONDS_PER_DAY;
  const title = encounter?.reason ? `${type.display}: ${encounter.reason.display}` : type.display;
  ctx.sink.push('documents', {
    id,
    orgId: patient.org.id,
    patientId: patient.id,
    encounterId: encounter?.id ?? null,
    authorId: author.id,
    typeCode: type.code,
    typeDisplay: type.display,
    title,
    body: note.body,
    status: recent ? 'preliminary' : random.next() < 0.03 ? 'amended' : 'final',
    createdAt: formatTimestamp(at),
    // What the server's to_tsvector('english', title || ' ' || body) would store, so COPY carries it.
    searchVector: toTsvectorOfPieces(`${title} ${note.body}`, [title, ...note.pieces], world.vocabulary.englishLexemes),
  });
  ctx.chart.documents.push({ at, id });
  return { id, at, author };
}

/** Notes of an encounter (REALISM.md §6): one per visit; per stay H&P, daily progress, consults, nursing, discharge. */
export function writeEncounterDocuments(ctx: PatientContext, memory: NoteMemory, encounter: PlannedEncounter): WrittenDocument[] {
  if (encounter.status === 'planned') return [];
  const { random, team, world } = ctx;
  const written: (WrittenDocument | undefined)[] = [];
  // Signed after the visit: minutes to a day later (lognormal, A).
  const signedAt = (base: number) => base + Math.round(lognormal(random, 2 * 3600, 1));
  const now = world.plan.referenceDay * SECONDS_PER_DAY;
  const before = (t: number) => Math.min(t, now - 60);
  if (encounter.kind === 'ambulatory' || encounter.kind === 'virtual') {
    if (encounter.kind === 'ambulatory' && random.next() < world.params.intakeNoteShare) {
      const staff = team.members.filter((m) => m.role === 'nurse' || m.role === 'medical_assistant');
      written.push(writeDocument(ctx, memory, NURSING, staff.length > 0 ? pick(random, staff) : encounter.provider, before(encounter.start + 240), encounter));
    }
    written.push(writeDocument(ctx, memory, PROGRESS, encounter.provider, before(signedAt(encounter.end)), encounter));
    if (random.next() < 0.05) written.push(writeDocument(ctx, memory, REFERRAL, encounter.provider, before(signedAt(encounter.end)), encounter));
    if (random.next() < 0.06) written.push(writeDocument(ctx, memory, IMAGING, pick(random, team.view.clinicians), before(signedAt(encounter.end + 86_400)), encounter));
    if (random.next() < 0.04) written.push(writeDocument(ctx, memory, PROCEDURE, encounter.provider, before(signedAt(encounter.end)), encounter));
    return written.filter((d): d is WrittenDocument => d !== undefined);
  }
  if (encounter.kind === 'emergency') {
    written.push(writeDocument(ctx, memory, EMERGENCY, encounter.provider, before(signedAt(encounter.end)), encounter));
    return written.filter((d): d is WrittenDocument => d !== undefined);
  }
  const end = encounter.status === 'finished' ? encounter.end : now - 60;
  const days = Math.max(1, Math.round((end - encounter.start) / SECONDS_PER_DAY));
  written.push(writeDocument(ctx, memory, HISTORY_AND_PHYSICAL, encounter.provider, before(encounter.start + 3 * 3600), encounter));
  const nurses = team.members.filter((m) => m.role === 'nurse');
  for (let day = 0; day < days; day++) {
    const dayStart = encounter.start + day * SECONDS_PER_DAY;
    if (day > 0) written.push(writeDocument(ctx, memory, PROGRESS, encounter.provider, before(dayStart + 4 * 3600), encounter));
    for (let shift = 0; shift < 3; shift++) {
      const nurse = nurses.length > 0 ? pick(random, nurses) : pick(random, team.view.nurses.length > 0 ? team.view.nurses : team.view.all);
      const at = dayStart + shift * 8 * 3600 + 6 * 3600;
      if (at < end) written.push(writeDocument(ctx, memory, NURSING, nurse, before(at), encounter));
    }
  }
  const consults = Math.min(3, poisson(random, 1));
  for (let i = 0; i < consults; i++) {
    written.push(writeDocument(ctx, memory, CONSULT, pick(random, team.view.clinicians), before(encounter.start + Math.floor(random.next() * (end - encounter.start))), encounter));
  }
  if (encounter.status === 'finished') written.push(writeDocument(ctx, memory, DISCHARGE, encounter.provider, before(signedAt(encounter.end)), encounter));
  return written.filter((d): d is WrittenDocument => d !== undefined);
}

/** Telephone encounters between visits (A: Poisson, telephoneNotesPerYear). */
export function writeTelephoneNotes(ctx: PatientContext, memory: NoteMemory, years: number): WrittenDocument[] {
  const { random, world, patient, team } = ctx;
  const count = poisson(random, world.params.telephoneNotesPerYear * years);
  const start = Math.max(world.plan.historyStartDay, patient.birthDay + 1);
  const written: WrittenDocument[] = [];
  for (let i = 0; i < count && start < world.plan.referenceDay; i++) {
    const day = pickClinicDay(random, start, world.plan.referenceDay, world.params.weekendShare);
    const at = toEpochSeconds(day, workSecondOfDay(random, world.params.afterHoursShare), patient.org.utcOffsetMinutes);
    const author = random.next() < 0.5 ? team.primary : pick(random, team.members);
    const document = writeDocument(ctx, memory, TELEPHONE, author, Math.min(at, world.plan.referenceDay * SECONDS_PER_DAY - 60), undefined);
    if (document) written.push(document);
  }
  return written;
}
