import { createRandom, entityKey } from '../../rng/random.js';
import { SECONDS_PER_DAY } from '../calendar.js';
import { createBodySize } from '../clinical/body-size.js';
import { createMeasurementModel } from '../clinical/measurement-model.js';
import type { NoteMemory } from '../notes/compose-note.js';
import type { RowSink } from '../row-types.js';
import type { World } from '../world.js';
import { auditCountFor, writeAudit } from './audit.js';
import { buildCareTeam } from './care-team.js';
import { deriveProblemList } from './conditions.js';
import { generateDemographics } from './demographics.js';
import { writeEncounterDocuments, writeTelephoneNotes, type WrittenDocument } from './documents.js';
import { scheduleEncounters } from './encounters.js';
import { writeAllergies, writeImmunizations } from './history-events.js';
import type { PatientContext } from './patient-context.js';
import { writeTasks } from './tasks.js';
import { writeEncounterEvents } from './timeline.js';

/**
 * Generates patient `index` and every row that belongs to them (care team, encounters, events,
 * notes, tasks, audit entries) from the patient's own stream. The result depends only on
 * (seed, version, profile, index): never on which worker or batch runs it.
 */
export function generatePatient(world: World, index: number, sink: RowSink): void {
  const { plan } = world;
  const random = createRandom(entityKey(plan.config.seed, plan.version, 'patient', index));
  const org = world.pickOrg(random);
  const patient = generateDemographics(world, random, index, org);
  sink.push('patients', patient.row);
  const problems = deriveProblemList(world, random, patient);
  const team = buildCareTeam(world, random, patient, problems);
  for (const row of team.rows) sink.push('care_team_members', row);

  const ctx: PatientContext = {
    world,
    random,
    sink,
    patient,
    problems,
    team,
    measurements: createMeasurementModel(world.latentSeed, index, problems.chronic.map((d) => d.code), patient.sex),
    body: createBodySize(random, patient.sex, patient.age),
    sequence: { events: 0, documents: 0, tasks: 0, audit: 0 },
  };

  const { encounters, visitRate } = scheduleEncounters(world, random, patient, problems, team);
  for (const encounter of encounters) sink.push('encounters', encounter.row);

  const years = Math.max(0, plan.referenceDay - Math.max(plan.historyStartDay, patient.birthDay)) / 365.25;
  writeAllergies(ctx);
  writeImmunizations(ctx);
  const memory: NoteMemory = new Map();
  const perEncounter = encounters.map((encounter) => ({
    encounter,
    eventIds: writeEncounterEvents(ctx, encounter),
    documents: writeEncounterDocuments(ctx, memory, encounter),
  }));
  const telephone = writeTelephoneNotes(ctx, memory, years);
  const tasks = writeTasks(ctx, years, visitRate);
  const careTeamIds = team.rows.map((row) => row.id);

  const now = plan.referenceDay * SECONDS_PER_DAY;
  for (const { encounter, eventIds, documents } of perEncounter) {
    if (encounter.status === 'planned') continue;
    // Activity before (chart prep), during, and after the encounter (results, signing, billing).
    const from = encounter.start - 3600;
    const to = Math.min(now, Math.max(encounter.end, encounter.start + 3600) + 2 * SECONDS_PER_DAY);
    const relatedTasks = tasks.filter((task) => task.at >= encounter.start && task.at < to);
    writeAudit(ctx, { encounter, eventIds, documents, tasks: relatedTasks, careTeamIds }, from, to, auditCountFor(ctx, encounter));
  }
  for (const document of telephone) writeAuditForNote(ctx, document, careTeamIds);
}

function writeAuditForNote(ctx: PatientContext, document: WrittenDocument, careTeamIds: readonly string[]): void {
  const count = 2 + Math.floor(ctx.random.next() * 4);
  writeAudit(ctx, { encounter: undefined, eventIds: [], documents: [document], tasks: [], careTeamIds }, document.at, document.at + 2 * SECONDS_PER_DAY, count);
}
