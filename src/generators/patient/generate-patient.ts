import { createRandom, entityKey } from '../../rng/random.js';
import { createBodySize } from '../clinical/body-size.js';
import { createMeasurementModel } from '../clinical/measurement-model.js';
import type { NoteMemory } from '../notes/compose-note.js';
import type { RowSink } from '../row-types.js';
import type { World } from '../world.js';
import { sortChart, writeEncounterAudit, writeNoteAudit, writeTaskAudit } from './audit.js';
import { buildCareTeam } from './care-team.js';
import { deriveProblemList } from './conditions.js';
import { generateDemographics } from './demographics.js';
import { writeEncounterDocuments, writeTelephoneNotes } from './documents.js';
import { scheduleEncounters } from './encounters.js';
import { writeAllergies, writeImmunizations } from './history-events.js';
import type { PatientContext } from './patient-context.js';
import { writeTasks } from './tasks.js';
import { writeEncounterEvents } from './timeline.js';

/**
 * Generates patient `index` and every row that belongs to them (care team, encounters, events,
 * notes, tasks, audit entries) from the patient's own stream. The result depends only on
 * (seed, version, profile, index): never on which worker or batch runs it, nor on how many
 * patients come after it (the organization and care pod come from the patient's rank, see
 * plan/assign-patients.ts and staffing.ts).
 */
export function generatePatient(world: World, index: number, sink: RowSink): void {
  const { plan } = world;
  const random = createRandom(entityKey(plan.config.seed, plan.version, 'patient', index));
  const org = world.organizations[world.orgOfPatient(index)]!;
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
    chart: { events: [], documents: [], labs: [], medications: [] },
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
  const tasks = writeTasks(ctx, visitRate, encounters);

  // Audit entries read what the chart holds at the time of the access.
  const chart = sortChart(ctx, encounters, team.rows.map((row) => row.id));
  for (const { encounter, eventIds, documents } of perEncounter) {
    if (encounter.status !== 'planned') writeEncounterAudit(ctx, chart, encounter, eventIds, documents);
  }
  for (const task of tasks) writeTaskAudit(ctx, chart, task);
  for (const document of telephone) writeNoteAudit(ctx, chart, document);
}
